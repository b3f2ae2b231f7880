// `npm run simulate -- --devices N [...]`: the fleet simulator (SPEC 6.4) — N seeded devices of the database as
// real MQTT clients against a running console. Ctrl-C disconnects them cleanly.
import { openDb } from '../db/client';
import { listFleetDevices } from '../db/queries/simulator';
import { getToolEnv } from '../lib/env';
import { createSummary, startFleet } from '../lib/simulator/fleet';
import { parseSimulatorArgs, SIMULATOR_USAGE } from '../lib/simulator/options';

async function main() {
  const options = parseSimulatorArgs(process.argv.slice(2));
  if (options === 'help') return console.log(SIMULATOR_USAGE);
  const env = getToolEnv();
  const databaseFile = options.databaseFile ?? env.databaseFile;
  const db = openDb(databaseFile);
  const rows = listFleetDevices(db, { ouName: options.ouName, productKey: options.productKey, limit: options.devices });
  db.$client.close();
  if (rows.length === 0) throw new Error(`No devices in ${databaseFile} (seed it with npm run db:seed).`);
  const brokerUrl = options.brokerUrl ?? env.mqttUrl;
  console.log(`Simulating ${rows.length} devices against ${brokerUrl} (seed ${options.seed}). Ctrl-C to stop.`);

  const tty = process.stdout.isTTY;
  // On a terminal the summary rewrites one line in place; log lines are printed above it.
  const status = (line: string) => (tty ? process.stdout.write(`\r\x1b[2K${line}`) : console.log(line));
  const print = (line: string) => (tty ? process.stdout.write(`\r\x1b[2K${line}\n`) : console.log(line));
  let logged = 0;
  const fleet = startFleet({
    brokerUrl,
    devices: rows.map((r) => ({ ...r, version: r.firmwareVersion })),
    seed: options.seed,
    behaviour: options.behaviour,
    downloadConcurrency: options.downloadConcurrency,
    // Device-level problems (refused logins, refused requests): the first few, then the summary counts them.
    log: (message) => {
      if (++logged <= 20) print(message);
    },
  });
  const summary = createSummary(fleet.stats);
  const timer = setInterval(() => status(summary()), tty ? 1000 : 5000);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    await fleet.stop();
    print(summary());
    console.log('All devices disconnected.');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
