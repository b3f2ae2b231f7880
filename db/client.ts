import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { getEnv } from '../lib/env';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** What a function receives inside `db.transaction(tx => …)`; queries accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

const MIGRATIONS_DIR = path.join(process.cwd(), 'db', 'migrations');

/** Opens (creating if needed) a database file, applies pending migrations, and tunes the connection. */
export function openDb(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  // Our transactions write. Taking the write lock at BEGIN makes a concurrent writer in another process (a script,
  // the seed) wait for busy_timeout; a deferred transaction would instead fail with SQLITE_BUSY when it upgrades.
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn, config) => transaction(fn, { behavior: 'immediate', ...config })) as Db['transaction'];
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db;
}

// A transaction shares its connection's drizzle session, so one prepared query serves both.
const preparedQueries = new WeakMap<object, Map<string, unknown>>();

/**
 * A drizzle prepared query built once per connection. Building a wide drizzle select costs ~0.3 ms, running it a
 * few µs: hot paths (one query per device message) prepare theirs with placeholders through this.
 */
export function preparedQuery<T>(db: DbOrTx, key: string, build: () => T): T {
  const session = (db as unknown as { session: object }).session;
  let queries = preparedQueries.get(session);
  if (!queries) preparedQueries.set(session, (queries = new Map()));
  if (!queries.has(key)) queries.set(key, build());
  return queries.get(key) as T;
}

// drizzle prepares a statement for every query it runs; SQLite parses the same few SQL texts over and over. Reusing
// the prepared statement per SQL text removes that cost. drizzle turns raw mode on for its selects and never off,
// so a statement handed out again starts in the default mode.
function cacheStatements(sqlite: Database.Database, max = 500) {
  const prepare = sqlite.prepare.bind(sqlite);
  const statements = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = statements.get(source);
    if (statement) {
      statements.delete(source);
    } else {
      statement = prepare(source);
      if (statements.size >= max) statements.delete(statements.keys().next().value!);
    }
    statements.set(source, statement);
    if (statement.reader) statement.raw(false);
    return statement;
  }) as typeof sqlite.prepare;
}

const cache = globalThis as unknown as { __otaDb?: Db };

/** The process-wide connection, opened on first use (never at import, so `next build` creates no file). */
export function getDb(): Db {
  cache.__otaDb ??= openDb(getEnv().databaseFile);
  return cache.__otaDb;
}

/** Replaces the process-wide connection; tests and scripts point it at their own file. */
export function setDb(db: Db | undefined): void {
  cache.__otaDb = db;
}
