import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../client';

/** A migrated database in a fresh temporary directory, for integration tests; `cleanup` closes and removes it. */
export function createTempDb(): { db: Db; dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ota-test-'));
  const db = openDb(path.join(dir, 'test.sqlite'));
  return {
    db,
    dir,
    cleanup: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
