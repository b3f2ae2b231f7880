// `npm run db:migrate`: opens the database, which applies pending migrations.
import { getDb } from '../db/client';
import { getEnv } from '../lib/env';

try {
  getDb();
  console.log(`Migrations applied to ${getEnv().databaseFile}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
