import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { expect } from './fixtures';
import { AddFirmwarePage } from './pages/firmware-form';
import { FirmwareListPage } from './pages/firmware-list';

export const INVERTER = 'Smart Inverter (smart-inverter)';
export const METER = 'Smart Meter (smart-meter)';

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A name and version no other test (or run) uses. */
export function unique(prefix: string) {
  const tag = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
  return { name: `${prefix} ${tag}`, version: `7.${tag}` };
}

export type UploadedFirmware = { id: number; name: string; version: string; label: string };

/** Uploads a small firmware through "Add Firmware" and opens its details page. */
export async function uploadFirmware(
  page: Page,
  testInfo: TestInfo,
  input: { prefix: string; product: string; verificationRequired: boolean; maxDevices?: string; minSuccesses?: string },
): Promise<UploadedFirmware> {
  const { name, version } = unique(input.prefix);
  const filePath = testInfo.outputPath(`${version}.bin`);
  fs.mkdirSync(testInfo.outputDir, { recursive: true });
  fs.writeFileSync(filePath, crypto.randomBytes(8 * 1024));
  const form = new AddFirmwarePage(page);
  await form.goto();
  await form.upload({
    name,
    version,
    product: input.product,
    filePath,
    verificationRequired: input.verificationRequired,
    maxDevices: input.maxDevices,
    minSuccesses: input.minSuccesses,
  });
  const list = new FirmwareListPage(page);
  await list.searchByName(name);
  await list.openDetails(name);
  const id = Number(/\/firmware\/(\d+)/.exec(page.url())![1]);
  return { id, name, version, label: `${name} (${version})` };
}

/** The firmware's status badge on its details page, read after a reload (the page is rendered on the server). */
export async function expectFirmwareStatus(page: Page, firmwareId: number, status: string) {
  await expect(async () => {
    await page.goto(`/firmware/${firmwareId}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(status, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
}

// ─── The job details page (helper "jobs" owns it; plain role and test-id locators) ──────────────

/** "Start" on the job details page, confirmed. */
export async function startJob(page: Page) {
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('dialog', { name: 'Start Job' }).getByRole('button', { name: 'Start', exact: true }).click();
}

/** "Stop" on the job details page, confirmed. */
export async function stopJob(page: Page) {
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await page.getByRole('dialog', { name: 'Stop Job' }).getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
}

/** The job details page's count of tasks in a state ("Succeeded", "Failed", …), which updates itself. */
export function taskCount(page: Page, state: 'queued' | 'succeeded' | 'failed') {
  return page.getByTestId(`count-${state}`);
}
