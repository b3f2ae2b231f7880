import { expect, type Page, type TestInfo } from '@playwright/test';
import { uploadFirmware } from '../job-fixtures';
import { JobWizardPage, type StrategyInput } from './job-wizard-page';

/** The product whose devices (bms-0001 … bms-0180) the OTA Jobs journeys use; bms-0150 rejects every upgrade. */
export const BMS = 'Battery BMS (battery-bms)';

/** Uploads a small Battery BMS firmware that needs no verification, through "Add Firmware". */
export function uploadBmsFirmware(page: Page, testInfo: TestInfo, prefix: string) {
  return uploadFirmware(page, testInfo, { prefix, product: BMS, verificationRequired: false });
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
  retry?: StrategyInput['retry'];
  deviceRequest?: boolean;
};

/** Creates a Target Devices job through the "New Job" wizard; returns its id (its details page is open). */
export async function createJobThroughWizard(page: Page, job: WizardJob): Promise<number> {
  const wizard = new JobWizardPage(page);
  await wizard.goto(job.firmwareId);
  await wizard.fillBasicInformation({ name: job.name, method: job.method });
  await wizard.next();
  await wizard.chooseScopeType('Target Devices');
  await wizard.pasteDeviceKeys(job.deviceKeys);
  await wizard.expectPreviewCount(job.deviceKeys.length);
  await wizard.next();
  await wizard.fillStrategy({
    maxConcurrency: job.maxConcurrency === undefined ? undefined : String(job.maxConcurrency),
    schedule: job.schedule,
    retry: job.retry,
    deviceRequest: job.deviceRequest,
    startOnCreation: Boolean(job.startOnCreation),
  });
  return wizard.create(job.name);
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
