import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { explainQueryPlan } from '../testing/query-plan';
import { createTempDb } from '../testing/temp-db';
import { pushMessageId } from '../../lib/ota/strategy';
import { setupEngineTest } from '../testing/ota-fixtures';
import { moveTasks, nextAttemptColumns, taskIdsInStateQuery } from './ota-tasks';

let temp: ReturnType<typeof createTempDb>;
beforeEach(() => (temp = createTempDb()));
afterEach(() => temp.cleanup());

describe('task query plans', () => {
  it('walks a job’s tasks in one state in id order on an index, without sorting them', () => {
    const plan = explainQueryPlan(temp.db, taskIdsInStateQuery(temp.db, 1, 'queued', 10_000, 500).toSQL());
    expect(plan).toEqual(['SEARCH ota_tasks USING COVERING INDEX ota_tasks_job_state_id_idx (job_id=? AND state=? AND id>?)']);
  });
});

describe('progress', () => {
  it('never moves backwards: a late 30 after 80 keeps 80', async () => {
    const e = setupEngineTest({ start: 0, devices: 1 });
    try {
      const job = e.createJob();
      await e.tick();
      await e.progress(e.refs[0], 80, 'Writing');
      await e.progress(e.refs[0], 30, 'Downloading');
      expect(e.tasks(job.id)[0]).toMatchObject({ state: 'upgrading', progress: 80, progressDesc: 'Writing' });
      await e.progress(e.refs[0], 90, 'Verifying');
      expect(e.tasks(job.id)[0]).toMatchObject({ progress: 90, progressDesc: 'Verifying' });
    } finally {
      e.cleanup();
    }
  });
});

describe('attempts', () => {
  it('gives each attempt the push message id lib/ota spells', () => {
    const e = setupEngineTest({ start: 0, devices: 1 });
    try {
      const job = e.createJob({ startOnCreate: false });
      const [{ id }] = e.tasks(job.id);
      const admit = () => e.db.transaction((tx) => moveTasks(tx, [id], { jobId: job.id, from: 'queued', to: 'pending_push', at: 1, set: nextAttemptColumns() }));
      admit();
      expect(e.tasks(job.id)[0]).toMatchObject({ attempt: 1, pushMessageId: pushMessageId(id, 1) });
      e.db.transaction((tx) => moveTasks(tx, [id], { jobId: job.id, from: 'pending_push', via: { state: 'failed', reason: 'x' }, to: 'queued', at: 2 }));
      admit();
      expect(e.tasks(job.id)[0]).toMatchObject({ attempt: 2, pushMessageId: pushMessageId(id, 2) });
    } finally {
      e.cleanup();
    }
  });
});
