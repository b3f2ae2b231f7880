import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ous } from './schema';
import { createTempDb } from './testing/temp-db';

let temp: ReturnType<typeof createTempDb>;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

describe('openDb', () => {
  it('opens the database in WAL mode with foreign keys enforced', () => {
    expect(temp.db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(temp.db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('prepared statement reuse', () => {
  it('hands out one prepared statement per SQL text', () => {
    const a = temp.db.$client.prepare('select 1 as x');
    expect(temp.db.$client.prepare('select 1 as x')).toBe(a);
    expect(temp.db.$client.prepare('select 2 as x')).not.toBe(a);
  });

  it('hands a statement out again in object mode after a caller switched it to raw rows', () => {
    temp.db.$client.prepare('select 1 as x').raw(true);
    expect(temp.db.$client.prepare('select 1 as x').get()).toEqual({ x: 1 });
  });

  it('keeps drizzle queries correct when they run again', () => {
    for (const name of ['A', 'B', 'C']) temp.db.insert(ous).values({ name, createdAt: 1 }).run();
    const select = () => temp.db.select({ name: ous.name }).from(ous).orderBy(ous.name).all();
    expect(select()).toEqual([{ name: 'A' }, { name: 'B' }, { name: 'C' }]);
    expect(select()).toEqual([{ name: 'A' }, { name: 'B' }, { name: 'C' }]);
    expect(temp.db.all(sql`select name from ous order by name limit 1`)).toEqual([{ name: 'A' }]);
  });
});
