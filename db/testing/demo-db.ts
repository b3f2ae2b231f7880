import { afterAll, beforeAll } from 'vitest';
import { setDb } from '../client';
import { seedDemo } from '../seed';
import { createTempDb } from './temp-db';

/** For a test file: a temporary database with the demo seed, installed as the process-wide connection. */
export function withDemoDb() {
  const temp = createTempDb();
  beforeAll(async () => {
    setDb(temp.db);
    await seedDemo(temp.db);
  });
  afterAll(() => {
    setDb(undefined);
    temp.cleanup();
  });
  return temp;
}
