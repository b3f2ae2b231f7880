import crypto from 'node:crypto';
import fs from 'node:fs';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { AddFirmwarePage } from './firmware-form';
import { FirmwareListPage } from './firmware-list';

/** The product whose devices (bms-0001 … bms-0180) the OTA Jobs journeys use; bms-0150 rejects every upgrade. */
export const BMS = 'Battery BMS (battery-bms)';

/** A name and version no other test (or run) uses. */
export function unique(prefix: string) {
  const tag = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
  return { name: `${prefix} ${tag}`, version: `8.${tag}` };
}

/** Uploads a small Battery BMS firmware that needs no verification, through "Add Firmware"; returns its id. */
export async function uploadBmsFirmware(page: Page, testInfo: TestInfo, prefix: string) {
  const { name, version } = unique(prefix);
  const filePath = testInfo.outputPath(`${version}.bin`);
  fs.mkdirSync(testInfo.outputDir, { recursive: true });
  fs.writeFileSync(filePath, crypto.randomBytes(4 * 1024));
  const form = new AddFirmwarePage(page);
  await form.goto();
  await form.upload({ name, version, product: BMS, filePath, verificationRequired: false });
  const list = new FirmwareListPage(page);
  await list.searchByName(name);
  await list.openDetails(name);
  return { id: Number(/\/firmware\/(\d+)/.exec(page.url())![1]), name, version };
}

export type WizardJob = {
  firmwareId: number;
  name: string;
  deviceKeys: string[];
  method?: 'Snapshot' | 'Incremental';
  maxConcurrency?: number;
  /** Wall-clock "YYYY-MM-DDTHH:mm" in the browser's time zone. */
  schedule?: { start: string; end: string };
  startOnCreation?: boolean;
};

/** Creates a Target Devices job through the "New Job" wizard, reaching every field by its label; returns its id. */
export async function createJobThroughWizard(page: Page, job: WizardJob): Promise<number> {
  await page.goto(`/ota-jobs/new?firmwareId=${job.firmwareId}`);
  const next = page.getByRole('button', { name: 'Next', exact: true });
  await expect(next).toBeEnabled();
  await page.getByLabel('Job Name').fill(job.name);
  if (job.method) await page.getByRole('radio', { name: job.method }).check();
  await next.click();
  await page.getByRole('radio', { name: 'Target Devices' }).check();
  await page.getByLabel('Paste Device Keys').fill(job.deviceKeys.join('\n'));
  await page.getByRole('button', { name: 'Add Keys' }).click();
  const n = job.deviceKeys.length;
  await expect(page.getByTestId('scope-preview-count')).toHaveText(`${n} ${n === 1 ? 'device' : 'devices'} in scope`);
  await next.click();
  if (job.maxConcurrency !== undefined) await page.getByLabel('Maximum Task Concurrency').fill(String(job.maxConcurrency));
  if (job.schedule) {
    await page.getByLabel('Start Time').fill(job.schedule.start);
    await page.getByLabel('End Time').fill(job.schedule.end);
  }
  const startSwitch = page.getByRole('switch', { name: 'Start Job Upon Creation', exact: true });
  if ((await startSwitch.getAttribute('aria-checked')) !== String(Boolean(job.startOnCreation))) await startSwitch.click();
  await page.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(page).toHaveURL(/\/ota-jobs\/\d+$/);
  return Number(/\/ota-jobs\/(\d+)$/.exec(page.url())![1]);
}

/** bms-0004 … in order, skipping the devices that never reported a version in the seed. */
export function bmsKeys(from: number, count: number): string[] {
  const unreported = new Set([1, 2, 3, 11, 45, 61, 71, 78, 80, 88, 104, 110, 138, 152, 156, 161]);
  const keys: string[] = [];
  for (let n = from; keys.length < count; n++) if (!unreported.has(n)) keys.push(`bms-${String(n).padStart(4, '0')}`);
  return keys;
}

/** The "OTA Jobs" list. */
export class OtaJobsPage {
  constructor(readonly page: Page) {}

  async goto(query = '') {
    await this.page.goto(`/ota-jobs${query}`);
    await expect(this.page.getByRole('heading', { name: 'OTA Jobs', level: 1 })).toBeVisible();
  }

  /** Fills the filter bar (labels as shown) and submits it. */
  async filter(input: { name?: string; firmware?: string; jobType?: string; product?: string; jobStatus?: string }) {
    const bar = this.page.getByRole('search');
    if (input.name !== undefined) await bar.getByLabel('Job Name').fill(input.name);
    if (input.firmware) await bar.getByLabel('Firmware').selectOption({ label: input.firmware });
    if (input.jobType) await bar.getByLabel('Job Type').selectOption({ label: input.jobType });
    if (input.product) await bar.getByLabel('Product').selectOption({ label: input.product });
    if (input.jobStatus) await bar.getByLabel('Job Status').selectOption({ label: input.jobStatus });
    await bar.getByRole('button', { name: 'Search' }).click();
    await expect(this.page).toHaveURL(/\/ota-jobs\?/);
  }

  table() {
    return this.page.getByRole('table', { name: 'OTA jobs' });
  }

  row(jobName: string) {
    return this.table().getByRole('row').filter({ hasText: jobName });
  }

  /** Clicks a row's "Start" / "Stop" / "Delete" and returns the confirmation dialog it opens. */
  async rowControl(jobName: string, control: 'Start' | 'Stop' | 'Delete') {
    const button = this.row(jobName).getByRole('button', { name: control, exact: true });
    await expect(button).toBeEnabled();
    await button.click();
    const dialog = this.page.getByRole('dialog', { name: `${control} Job` });
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
