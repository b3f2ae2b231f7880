// `npm run simulate -- --devices N [...]`: the fleet simulator (SPEC 6.4) — N seeded devices of the database as
// real MQTT clients against a running console. Ctrl-C disconnects them cleanly.
import { openDb } from '../db/client';
import { getLastFleetDeviceId, listFleetDevices } from '../db/queries/simulator';
import { getToolEnv } from '../lib/env';
import { createSummary, startFleet } from '../lib/simulator/fleet';
import { parseSimulatorArgs, SIMULATOR_USAGE } from '../lib/simulator/options';
import { watchNewDevices } from '../lib/simulator/watch';

// Devices connected per look of --watch; a bigger import is picked up over the next looks.
const WATCH_BATCH = 1000;

async function main() {
  const options = parseSimulatorArgs(process.argv.slice(2));
  if (options === 'help') return console.log(SIMULATOR_USAGE);
  const env = getToolEnv();
  const databaseFile = options.databaseFile ?? env.databaseFile;
  const db = openDb(databaseFile);
  const filter = { ouName: options.ouName, productKey: options.productKey };
  const rows = listFleetDevices(db, { ...filter, limit: options.devices });
  const lastId = getLastFleetDeviceId(db, filter);
  if (!options.watchMs) db.$client.close();
  if (rows.length === 0 && !options.watchMs) throw new Error(`No devices in ${databaseFile} (seed it with npm run db:seed).`);
  const brokerUrl = options.brokerUrl ?? env.mqttUrl;
  console.log(`Simulating ${rows.length} devices against ${brokerUrl} (seed ${options.seed}). Ctrl-C to stop.`);

  const tty = process.stdout.isTTY;
  // On a terminal the summary rewrites one line in place; log lines are printed above it.
  const status = (line: string) => (tty ? process.stdout.write(`\r\x1b[2K${line}`) : console.log(line));
  const print = (line: string) => (tty ? process.stdout.write(`\r\x1b[2K${line}\n`) : console.log(line));
  let logged = 0;
  let stopping = false;
  const toSpec = (r: (typeof rows)[number]) => ({ ...r, version: r.firmwareVersion });
  const fleet = startFleet({
    brokerUrl,
    devices: rows.map(toSpec),
    seed: options.seed,
    behaviour: options.behaviour,
    requests: options.requests,
    downloadConcurrency: options.downloadConcurrency,
    // Device-level problems (refused logins, refused requests): the first few, then the summary counts them.
    // Silent once stopping: on Ctrl-C the console (and its broker) may stop first and reset every connection.
    log: (message) => {
      if (!stopping && ++logged <= 20) print(message);
    },
  });
  const watcher = options.watchMs
    ? watchNewDevices({
        everyMs: options.watchMs,
        afterId: lastId,
        list: (afterId) => listFleetDevices(db, { ...filter, afterId, limit: WATCH_BATCH }),
        onDevices: (found) => {
          fleet.add(found.map(toSpec));
          print(`Connecting ${found.length} new device${found.length === 1 ? '' : 's'}: ${found.slice(0, 5).map((d) => d.deviceKey).join(', ')}${found.length > 5 ? ', …' : ''}`);
        },
        onError: (e) => print(`Looking for new devices failed: ${e instanceof Error ? e.message : String(e)}`),
      })
    : null;
  const summary = createSummary(fleet.stats);
  const timer = setInterval(() => status(summary()), tty ? 1000 : 5000);
  // Once the fleet has logged in, say so at once rather than at the next tick.
  void fleet.ready.then(() => !stopping && status(summary()));

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    watcher?.stop();
    await fleet.stop();
    if (options.watchMs) db.$client.close();
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
