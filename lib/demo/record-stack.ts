import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export type RecordStackOptions = {
  /** Emptied first, so every recording starts from the same seed. */
  dataDir: string;
  port: number;
  mqttPort: number;
  /** scripts/stack.sh's SEED_ARGS and SIMULATE_ARGS (shell words). */
  seedArgs: string;
  simulateArgs: string;
  schedulerTickMs: number;
};

export type RecordStack = {
  baseUrl: string;
  logFile: string;
  /** The last lines the console and the simulator printed, for an error report. */
  logTail: (lines?: number) => string;
  stop: () => Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/**
 * Starts scripts/stack.sh (seed, `next start` with its MQTT broker, the fleet simulator) in a fresh data directory
 * and waits until every simulated device is online, so the story that follows never waits on a connect.
 */
export async function startRecordStack(options: RecordStackOptions): Promise<RecordStack> {
  for (const port of [options.port, options.mqttPort]) {
    if (!(await portIsFree(port))) throw new Error(`Port ${port} is in use: stop what runs there, or pick other ports.`);
  }
  fs.rmSync(options.dataDir, { recursive: true, force: true });
  fs.mkdirSync(options.dataDir, { recursive: true });
  const logFile = path.join(options.dataDir, 'stack.log');
  const log = fs.openSync(logFile, 'a');
  const baseUrl = `http://localhost:${options.port}`;
  const stack = spawn('bash', ['scripts/stack.sh'], {
    // Its own process group, so a last-resort kill reaches the console and the simulator too.
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      DATA_DIR: options.dataDir,
      PORT: String(options.port),
      MQTT_PORT: String(options.mqttPort),
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: 'record-secret-record-secret-record',
      SCHEDULER_TICK_MS: String(options.schedulerTickMs),
      SEED_ARGS: options.seedArgs,
      SIMULATE_ARGS: options.simulateArgs,
    },
  });
  fs.closeSync(log);
  let exited = false;
  const exit = new Promise<void>((resolve) => stack.once('exit', () => ((exited = true), resolve())));

  const readLog = () => fs.readFileSync(logFile, 'utf8');
  const logTail = (lines = 30) => readLog().trimEnd().split('\n').slice(-lines).join('\n');
  const stop = async () => {
    if (exited) return;
    stack.kill('SIGTERM');
    await Promise.race([exit, sleep(20_000)]);
    if (!exited) {
      process.kill(-stack.pid!, 'SIGKILL');
      await exit;
    }
  };

  try {
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (exited) throw new Error('scripts/stack.sh stopped before the fleet was online.');
      // The simulator's summary line, printed every few seconds: "online 560/560 · upgrading 0 · …".
      const online = [...readLog().matchAll(/online (\d+)\/(\d+)/g)].at(-1);
      if (online && online[1] === online[2]) break;
      if (Date.now() > deadline) throw new Error('The simulated fleet was not online within 3 minutes.');
      await sleep(500);
    }
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- ${logFile} ---\n${logTail()}`);
  }
  return { baseUrl, logFile, logTail, stop };
}
