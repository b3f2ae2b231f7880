import type { Db } from '../client';

/** EXPLAIN QUERY PLAN of a drizzle query (its `toSQL()`), one line per step, for tests of index use. */
export function explainQueryPlan(db: Db, query: { sql: string; params: unknown[] }): string[] {
  return db.$client
    .prepare(`explain query plan ${query.sql}`)
    .all(...query.params)
    .map((row) => (row as { detail: string }).detail);
}
