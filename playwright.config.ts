import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    baseURL,
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
  webServer: {
    command: 'bash scripts/e2e-server.sh',
    url: `${baseURL}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(port),
      DATA_DIR: '.data/e2e',
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
      NEXT_TELEMETRY_DISABLED: '1',
      MQTT_PORT: process.env.E2E_MQTT_PORT ?? '18830',
      // The in-process fleet: every seeded device online, upgrades finishing in about a second, and a few devices
      // that always fail the same way, so journeys with failures are deterministic.
      TRANSPORT: 'simulated',
      SCHEDULER_TICK_MS: '250',
      SIMULATED_STEP_MS: '150',
      SIMULATED_FAILURES: 'mtr-0101=flash,mtr-0102=download,mtr-0103=silent,bms-0150=reject',
    },
  },
});
