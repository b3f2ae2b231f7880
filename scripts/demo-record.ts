// `npm run demo:record [-- --headed]`: walks the demo's story in Chromium against a fresh stack and saves numbered
// screenshots to docs/screenshots/ (the README's tour shows some of them).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import playwrightConfig from '../playwright.config';
import { startRecordStack, type RecordStack } from '../lib/demo/record-stack';
import { STORY, walkStory } from '../lib/demo/record-story';

const USAGE = `Usage: npm run demo:record [-- options]

Needs a production build first: npm run build (NODE_ENV=production npx next build).
Starts its own console, MQTT broker and fleet simulator (scripts/stack.sh) on a fresh database in .data/record,
walks the demo's story in Chromium and saves numbered screenshots (1440×900) to docs/screenshots/.

  --headed          show the browser while it works (default: headless)
  --port N          the console's port (default 3801)
  --mqtt-port N     the MQTT broker's port (default 18881)
  --help            show this text`;

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'docs/screenshots');
const DATA_DIR = path.join(ROOT, '.data/record');

async function main() {
  const { values } = parseArgs({
    options: {
      headed: { type: 'boolean', default: false },
      port: { type: 'string', default: '3801' },
      'mqtt-port': { type: 'string', default: '18881' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  if (!fs.existsSync(path.join(ROOT, '.next/BUILD_ID'))) {
    throw new Error('No production build found. Run `npm run build` first, then `npm run demo:record` again.');
  }

  const browser = await chromium.launch({ ...playwrightConfig.use?.launchOptions, headless: !values.headed });
  let stack: RecordStack | undefined;
  let page: Page | undefined;
  const stopOnSignal = () => void Promise.all([browser.close(), stack?.stop()]).then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    console.log('▶ Seeding .data/record and starting the console, its MQTT broker and the simulated fleet');
    const failDevices = Object.entries(STORY.failingDevices).map(([key, kind]) => `${key}=${kind}`).join(',');
    stack = await startRecordStack({
      dataDir: DATA_DIR,
      port: Number(values.port),
      mqttPort: Number(values['mqtt-port']),
      seedArgs: '--demo-firmware',
      simulateArgs: `--ou "Demo Energy" --devices 100000 --fail-devices "${failDevices}" --step-delay 2500`,
      schedulerTickMs: 500,
    });
    console.log(`▶ Walking the story in ${values.headed ? 'a visible' : 'a headless'} Chromium against ${stack.baseUrl}`);
    const context = await browser.newContext({
      baseURL: stack.baseUrl,
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      reducedMotion: 'reduce',
      acceptDownloads: true,
    });
    page = await context.newPage();
    const saved = await record(page, stack);
    console.log(`\n✓ ${saved.length} files in ${path.relative(process.cwd(), OUT_DIR) || '.'}/:`);
    for (const file of saved) console.log(`  ${file}`);
  } catch (e) {
    console.error(`\n✗ The recording stopped: ${(e as Error).message}`);
    if (page) {
      const failure = path.join(DATA_DIR, 'failure.png');
      await page.screenshot({ path: failure }).catch(() => undefined);
      console.error(`  The page at that moment: ${path.relative(process.cwd(), failure)}`);
    }
    if (stack) console.error(`--- the last lines of ${stack.logFile} ---\n${stack.logTail()}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
    if (stack) {
      console.log('▶ Stopping the console and the simulated fleet');
      await stack.stop();
    }
  }
}

/** Replaces the previous recording's files and walks the story; returns the files written. */
async function record(page: Page, stack: RecordStack): Promise<string[]> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const old of fs.readdirSync(OUT_DIR)) if (/^\d\d-.+\.png$|\.csv$/.test(old)) fs.rmSync(path.join(OUT_DIR, old));
  const saved: string[] = [];
  const csvFile = path.join(OUT_DIR, 'ota-job-export.csv');
  const shoot = async (name: string) => {
    const file = `${String(saved.length + 1).padStart(2, '0')}-${name}.png`;
    await page.screenshot({ path: path.join(OUT_DIR, file), animations: 'disabled' });
    saved.push(file);
    console.log(`  ${file}`);
  };
  await walkStory({ page, shoot, workDir: path.dirname(stack.logFile), csvFile });
  return [...saved, path.basename(csvFile)];
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
