import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';

/** Starts what lives beside the web server in one process; called once from instrumentation.ts. */
export async function startServerRuntime(): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch (e) {
    // Fail the process at start, naming every bad variable, instead of failing on the first request.
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
  getDb();
  console.log(`[ota] database ready at ${env.databaseFile}`);
}
