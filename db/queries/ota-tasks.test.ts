import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { explainQueryPlan, recordStatements } from '../testing/query-plan';
import { createTempDb } from '../testing/temp-db';
import { pushMessageId } from '../../lib/ota/strategy';
import { setupEngineTest } from '../testing/ota-fixtures';
import { listDueTaskIds, listOverdueTasks, listPushTargets, moveTasks, nextAttemptColumns, taskIdsInStateQuery } from './ota-tasks';

let temp: ReturnType<typeof createTempDb>;
beforeEach(() => (temp = createTempDb()));
afterEach(() => temp.cleanup());

describe('task query plans', () => {
  it('walks a job’s tasks in one state in id order on an index, without sorting them', () => {
    const plan = explainQueryPlan(temp.db, taskIdsInStateQuery(temp.db, 1, 'queued', 10_000, 500).toSQL());
    expect(plan).toEqual(['SEARCH ota_tasks USING COVERING INDEX ota_tasks_job_state_id_idx (job_id=? AND state=? AND id>?)']);
  });

  /** The plan of every statement `fn` runs, in order. */
  const plansOf = (fn: () => unknown) => recordStatements(temp.db, fn).map((s) => explainQueryPlan(temp.db, s));
  // Looking tasks up by a JSON list of ids: the list drives the statement, never the (job, state) index.
  const BY_IDS = ['SEARCH ota_tasks USING INTEGER PRIMARY KEY (rowid=?)', 'LIST SUBQUERY 1', 'SCAN json_each VIRTUAL TABLE INDEX 1:'];

  it('finds due tasks on an index range of (job, state, next attempt), already in order', () => {
    expect(plansOf(() => listDueTaskIds(temp.db, 1, 'queued', 1000, 10))).toEqual([
      ['SEARCH ota_tasks USING COVERING INDEX ota_tasks_job_state_next_idx (job_id=? AND state=? AND next_attempt_at<?)'],
    ]);
  });

  it('finds overdue tasks on an index range of (job, state, deadline), already in order', () => {
    expect(plansOf(() => listOverdueTasks(temp.db, 1, 'pushed', 1000, 10))).toEqual([
      ['SEARCH ota_tasks USING INDEX ota_tasks_job_state_deadline_idx (job_id=? AND state=? AND deadline_at<?)'],
    ]);
  });

  it('reads push targets and moves tasks by id, each device and product by its key', () => {
    expect(plansOf(() => listPushTargets(temp.db, [1, 2]))).toEqual([
      [...BY_IDS, 'SEARCH devices USING INTEGER PRIMARY KEY (rowid=?)', 'SEARCH products USING INTEGER PRIMARY KEY (rowid=?)'],
    ]);
    // No task is in the state: only the guarded UPDATE runs.
    expect(plansOf(() => moveTasks(temp.db, [1, 2], { jobId: 1, from: 'queued', to: 'pending_push', at: 5 }))).toEqual([BY_IDS]);
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
