import type { Db } from '../client';

/** EXPLAIN QUERY PLAN of a drizzle query (its `toSQL()`), one line per step, for tests of index use. */
export function explainQueryPlan(db: Db, query: { sql: string; params: unknown[] }): string[] {
  return db.$client
    .prepare(`explain query plan ${query.sql}`)
    .all(...query.params)
    .map((row) => (row as { detail: string }).detail);
}

export type RecordedStatement = { sql: string; params: unknown[] };

/**
 * Runs `fn` and returns the SQL statements it executed with their parameters, so a test can explain the very queries
 * a function runs (not a copy of them).
 */
export function recordStatements(db: Db, fn: () => unknown): RecordedStatement[] {
  const client = db.$client;
  const prepare = client.prepare;
  const recorded: RecordedStatement[] = [];
  client.prepare = ((source: string) => {
    const statement = prepare.call(client, source);
    const proxy: typeof statement = new Proxy(statement, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (prop === 'run' || prop === 'get' || prop === 'all' || prop === 'iterate') recorded.push({ sql: source, params: args });
          const result: unknown = value.apply(target, args);
          // Chained setters (raw, pluck…) return the statement: keep recording through it.
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  }) as typeof client.prepare;
  try {
    fn();
  } finally {
    client.prepare = prepare;
  }
  return recorded;
}
