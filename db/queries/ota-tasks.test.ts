import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { explainQueryPlan } from '../testing/query-plan';
import { createTempDb } from '../testing/temp-db';
import { taskIdsInStateQuery } from './ota-tasks';

let temp: ReturnType<typeof createTempDb>;
beforeEach(() => (temp = createTempDb()));
afterEach(() => temp.cleanup());

describe('task query plans', () => {
  it('walks a job’s tasks in one state in id order on an index, without sorting them', () => {
    const plan = explainQueryPlan(temp.db, taskIdsInStateQuery(temp.db, 1, 'queued', 10_000, 500).toSQL());
    expect(plan).toEqual(['SEARCH ota_tasks USING COVERING INDEX ota_tasks_job_state_id_idx (job_id=? AND state=? AND id>?)']);
  });
});
