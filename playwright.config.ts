import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
const mqttPort = Number(process.env.E2E_MQTT_PORT ?? 18830);
const baseURL = `http://localhost:${port}`;
// The MQTT journeys (e2e/mqtt) run against a second server on the next ports: the console with its real MQTT
// broker and the fleet simulator as real MQTT clients (scripts/stack.sh).
const fleetPort = port + 1;
const fleetBaseURL = `http://localhost:${fleetPort}`;
const secret = 'e2e-secret-e2e-secret-e2e-secret';

// Simulator devices of the MQTT journeys, besides every seeded Demo Energy device (see e2e/mqtt/*.spec.ts):
// - devices imported while it runs are connected within half a second (--watch);
// - "ask-*" devices ask for upgrades themselves (getversion every half second) and reject pushed ones;
// - "hold-*" devices accept an upgrade and then never answer (their task stays Pushed).
const SIMULATE_ARGS = [
  '--ou "Demo Energy" --devices 100000 --step-delay 150 --watch 500',
  '--request-every 500 --request-devices "ask-*" --request-only',
  '--fail-devices "hold-*=silent"',
].join(' ');

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'console', testIgnore: 'mqtt/**', use: { baseURL } },
    { name: 'mqtt-fleet', testMatch: 'mqtt/**/*.spec.ts', use: { baseURL: fleetBaseURL } },
  ],
  webServer: [
    {
      name: 'console',
      command: 'bash scripts/e2e-server.sh',
      url: `${baseURL}/login`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        PORT: String(port),
        DATA_DIR: '.data/e2e',
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: secret,
        NEXT_TELEMETRY_DISABLED: '1',
        MQTT_PORT: String(mqttPort),
        // The in-process fleet: every seeded device online, upgrades finishing in about a second, and a few devices
        // that always fail the same way, so journeys with failures are deterministic.
        TRANSPORT: 'simulated',
        SCHEDULER_TICK_MS: '250',
        SIMULATED_STEP_MS: '150',
        SIMULATED_FAILURES: 'mtr-0101=flash,mtr-0102=download,mtr-0103=silent,bms-0150=reject',
      },
    },
    {
      name: 'mqtt-fleet',
      command: 'rm -rf "$DATA_DIR" && exec bash scripts/stack.sh',
      // Ready once the simulator reports every device online (its summary line), not merely when the page answers.
      wait: { stdout: /online (\d+)\/\1 / },
      timeout: 180_000,
      reuseExistingServer: false,
      // The simulator prints a summary every few seconds; DEBUG=pw:webserver shows it.
      stdout: 'ignore',
      env: {
        PORT: String(fleetPort),
        DATA_DIR: '.data/e2e-mqtt',
        NEXTAUTH_URL: fleetBaseURL,
        NEXTAUTH_SECRET: secret,
        NEXT_TELEMETRY_DISABLED: '1',
        TRANSPORT: 'mqtt',
        MQTT_HOST: '127.0.0.1',
        MQTT_PORT: String(mqttPort + 1),
        SCHEDULER_TICK_MS: '250',
        SIMULATE_ARGS,
      },
    },
  ],
});
