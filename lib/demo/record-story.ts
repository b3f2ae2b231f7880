import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { ACCOUNTS, DEMO_PASSWORD } from '@/e2e/fixtures';
import { FirmwareDetailsPage } from '@/e2e/pages/firmware-details';
import { AddFirmwarePage } from '@/e2e/pages/firmware-form';
import { FirmwareListPage } from '@/e2e/pages/firmware-list';
import { JobDetailsPage } from '@/e2e/pages/job-details-page';
import { JobWizardPage } from '@/e2e/pages/job-wizard-page';
import { OtaJobsPage } from '@/e2e/pages/ota-jobs-page';

// The story's facts about the seed (db/seed.ts is deterministic): Farm A and Farm B of "Solar Farms" hold 43
// inverters that reported a version; inv-0003 and inv-0007 (Farm C) verify the firmware first.
export const STORY = {
  firmware: { name: 'Inverter Main FW', version: '1.4.0', product: 'Smart Inverter (smart-inverter)' },
  verifyDevices: ['inv-0003', 'inv-0007'],
  jobName: 'Farms A and B to 1.4.0',
  farms: ['Farm A', 'Farm B'],
  devicesInScope: 43,
  /** Devices of Farm A and Farm B that fail every push the same way (the simulator's --fail-devices). */
  failingDevices: { 'inv-0013': 'flash', 'inv-0046': 'download' },
} as const;

export type Shoot = (name: string) => Promise<void>;

/** Scrolls the console's content area (not the window: the top bar and sidebar stay) to its top. */
const scrollToTop = (page: Page) => page.locator('main').evaluate((main) => main.scrollTo(0, 0));

/** A firmware image that looks like one: a header, then noise. */
function writeFirmwareFile(dir: string): string {
  const file = path.join(dir, `inverter-main-${STORY.firmware.version}.bin`);
  const bytes = crypto.randomBytes(1536 * 1024);
  bytes.write(`OTA-DEMO smart-inverter ${STORY.firmware.version}\n`);
  fs.writeFileSync(file, bytes);
  return file;
}

/** "YYYY-MM-DDTHH:mm" in the browser's zone, `addMinutes` from now (rounded down to the minute). */
async function browserLocalTime(page: Page, addMinutes: number): Promise<string> {
  const timeZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  // Swedish dates are ISO-like: "2026-11-27 14:05".
  const text = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(Date.now() + addMinutes * 60_000);
  return text.replace(' ', 'T');
}

/**
 * The seed's story, as a developer sees it: sign in, add a firmware that needs verification, verify it on two
 * devices, roll it out to two farms of an asset tree with a strategy, watch the job finish, look at a failed
 * task's timeline and export the job as CSV. Calls `shoot` at every step worth a picture.
 */
export async function walkStory({ page, shoot, workDir, csvFile }: { page: Page; shoot: Shoot; workDir: string; csvFile: string }) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(ACCOUNTS.developer);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await shoot('sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);

  await page.getByRole('link', { name: 'Firmware Management' }).click();
  const list = new FirmwareListPage(page);
  await expect(list.table()).toBeVisible();
  await shoot('firmware-management');

  await list.addFirmwareLinks().first().click();
  const form = new AddFirmwarePage(page);
  await form.waitForForm();
  await form.fill({
    name: STORY.firmware.name,
    version: STORY.firmware.version,
    product: STORY.firmware.product,
    signatureAlgorithm: 'SHA256',
    filePath: writeFirmwareFile(workDir),
    description: 'Faster grid-fault ride-through; fixes MPPT drift',
    verificationRequired: true,
    maxDevices: '2',
    minSuccesses: '2',
  });
  await form.addTag('channel', 'beta');
  await shoot('add-firmware');
  await form.submit();
  await expect(page).toHaveURL(/\/firmware$/);

  const newRow = list.row(STORY.firmware.name).filter({ hasText: STORY.firmware.version });
  await newRow.getByRole('link', { name: 'View Details' }).click();
  await expect(page).toHaveURL(/\/firmware\/\d+$/);
  const firmwareUrl = page.url();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Unverified');
  await shoot('firmware-details');

  const details = new FirmwareDetailsPage(page);
  await (await details.openVerificationMenu()).getByRole('menuitem', { name: 'Verify Firmware' }).click();
  const verify = new JobWizardPage(page);
  await verify.waitForForm();
  await verify.searchAndPick(STORY.verifyDevices[0].slice(0, 7), STORY.verifyDevices[0]);
  await verify.pasteDeviceKeys(STORY.verifyDevices.slice(1));
  await verify.expectPreviewCount(STORY.verifyDevices.length);
  await verify.fillStrategy({ timeoutMinutes: '30', startOnCreation: true });
  await scrollToTop(page);
  await shoot('verify-firmware');
  await verify.create();
  const verification = new JobDetailsPage(page);
  await verification.expectCounts({ Succeeded: STORY.verifyDevices.length }, 60_000);

  await expect(async () => {
    await page.goto(firmwareUrl);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Verified', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole('table').first()).toContainText(STORY.verifyDevices[0]);
  await shoot('firmware-verified');

  await (await details.openVerificationMenu()).getByRole('menuitem', { name: 'Create New Job' }).click();
  const wizard = new JobWizardPage(page);
  await wizard.waitForForm();
  await wizard.fillBasicInformation({ name: STORY.jobName, method: 'Snapshot' });
  await shoot('wizard-basic-information');
  await wizard.next();

  await expect(wizard.stepHeading('Upgrade Scope')).toBeVisible();
  await wizard.chooseScopeType('By Asset Tree');
  await wizard.chooseTree('Solar Farms');
  for (const farm of STORY.farms) await wizard.chooseTreeNode('Solar Farms', ['Solar Portfolio', farm]);
  await wizard.expectPreviewCount(STORY.devicesInScope);
  // The trees, the chosen nodes and the live preview in one picture.
  await page.getByRole('group', { name: 'Asset Trees' }).evaluate((group) => group.scrollIntoView({ block: 'start' }));
  await shoot('wizard-upgrade-scope');
  await wizard.next();

  await expect(wizard.stepHeading('Upgrade Strategy')).toBeVisible();
  await wizard.fillStrategy({
    maxConcurrency: '8',
    timeoutMinutes: '30',
    retry: { interval: '0 minutes (immediate)', attempts: '1' },
    schedule: { start: await browserLocalTime(page, 0), end: await browserLocalTime(page, 8 * 60) },
    startOnCreation: true,
  });
  await shoot('wizard-upgrade-strategy');
  await wizard.create(STORY.jobName);

  const job = new JobDetailsPage(page);
  await job.waitForPage();
  // Mid-rollout: some devices done, others still on their way.
  await expect(async () => {
    expect(Number(await job.count('Succeeded').textContent())).toBeGreaterThanOrEqual(5);
  }).toPass({ timeout: 60_000, intervals: [200] });
  await expect(job.status()).toHaveText('Running');
  await scrollToTop(page);
  await shoot('job-running');

  await expect(job.status()).toHaveText('Completed', { timeout: 120_000 });
  const failing = Object.keys(STORY.failingDevices);
  await job.expectCounts({ Succeeded: STORY.devicesInScope - failing.length, Failed: failing.length });
  await scrollToTop(page);
  await shoot('job-completed');

  await job.openTab('Failed');
  const timeline = await job.openTimeline('Failed', failing[0]);
  await expect(timeline).toContainText('Flash write failed');
  await shoot('failed-task-timeline');
  await page.keyboard.press('Escape');
  await expect(timeline).toBeHidden();

  const download = await job.exportCsv();
  await download.saveAs(csvFile);
  await showCsv(page, csvFile, download.suggestedFilename());
  await shoot('export-csv');

  const jobs = new OtaJobsPage(page);
  await jobs.goto();
  await expect(jobs.row(STORY.jobName)).toContainText('Completed');
  await shoot('ota-jobs');
}

/** The exported file as a text viewer shows it: what a user gets from "Export CSV". */
async function showCsv(page: Page, csvFile: string, fileName: string) {
  const lines = fs.readFileSync(csvFile, 'utf8').trimEnd().split('\n');
  expect(lines.length).toBe(STORY.devicesInScope + 1);
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  await page.setContent(
    `<title>${escape(fileName)}</title>
    <body style="margin:0;font:13px/1.6 ui-monospace,monospace;background:#f8fafc;color:#0f172a">
      <div style="padding:10px 16px;background:#1e293b;color:#e2e8f0;font-family:system-ui,sans-serif">
        ${escape(fileName)} · ${lines.length - 1} tasks</div>
      <pre style="margin:0;padding:12px 16px;white-space:pre">${escape(lines.slice(0, 40).join('\n'))}</pre>
    </body>`,
  );
}
