// `npm run db:seed [-- --demo-firmware]`: applies migrations and seeds the demo data (idempotent); with
// --demo-firmware also the firmware the demo starts with.
import { getDb } from '../db/client';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../db/seed';
import { seedDemoFirmware } from '../lib/demo/demo-firmware';
import { getEnv } from '../lib/env';

async function main() {
  const env = getEnv();
  const summary = await seedDemo(getDb());
  console.log(`Database: ${env.databaseFile}`);
  if (summary.createdOus.length) console.log(`Seeded: ${summary.createdOus.join(', ')}`);
  if (summary.skippedOus.length) console.log(`Already present, left as they are: ${summary.skippedOus.join(', ')}`);
  if (process.argv.includes('--demo-firmware')) {
    const created = await seedDemoFirmware();
    if (created.length) console.log(`Demo firmware: ${created.join(', ')}`);
  }
  console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email.padEnd(24)} ${a.role.padEnd(10)} in ${a.ou}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
