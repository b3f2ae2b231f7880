import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page, TestInfo } from '@playwright/test';
import { openDb } from '../db/client';
import { insertDeviceWithDetails } from '../db/queries/devices';
import { insertProduct } from '../db/queries/fleet';
import { insertMembership, insertUser } from '../db/queries/users';
import { ous } from '../db/schema';
import { hashPassword } from '../lib/auth/password';
import { buildDownloadUrl } from '../lib/firmware/download-url';
import { ACCOUNTS, DEMO_PASSWORD, expect, signIn, test } from './fixtures';
import { stopJob } from './job-fixtures';
import { FirmwareDetailsPage } from './pages/firmware-details';
import { AddFirmwarePage } from './pages/firmware-form';
import { FirmwareListPage } from './pages/firmware-list';
import { createJobThroughWizard, uploadBmsFirmware } from './pages/ota-jobs-page';
import { recordActionCall, sendActionCall } from './server-actions';

// The e2e server signs device URLs with NEXTAUTH_SECRET (playwright.config.ts sets no DOWNLOAD_URL_SECRET).
const DOWNLOAD_SECRET = 'e2e-secret-e2e-secret-e2e-secret';

/** A firmware file of random bytes in the test's output directory, with its digests. */
function firmwareFile(testInfo: TestInfo, name: string, size: number) {
  const bytes = crypto.randomBytes(size);
  const filePath = testInfo.outputPath(name);
  fs.mkdirSync(testInfo.outputDir, { recursive: true });
  fs.writeFileSync(filePath, bytes);
  return {
    filePath,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    md5: crypto.createHash('md5').update(bytes).digest('hex'),
  };
}

/** Names and versions unique to this run, so tests never see each other's firmware. */
function unique(prefix: string) {
  const tag = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
  return { name: `${prefix} ${tag}`, version: `9.${tag}` };
}

async function developerUploads(page: Page, testInfo: TestInfo, prefix: string, overrides: { verificationRequired?: boolean } = {}) {
  const { name, version } = unique(prefix);
  const file = firmwareFile(testInfo, `${version}.bin`, 64 * 1024);
  const form = new AddFirmwarePage(page);
  await form.goto();
  await form.upload({ name, version, product: 'Smart Inverter (smart-inverter)', filePath: file.filePath, ...overrides });
  return { name, version, ...file };
}

/** The running e2e server's database (playwright.config.ts gives it DATA_DIR .data/e2e). */
const E2E_DATABASE = path.join('.data', 'e2e', 'ota.sqlite');

/**
 * A new OU of the running e2e server with its own Developer and products whose devices report the given versions
 * (null: never reported). Its catalogue starts empty and no other test touches it, so counts and orders are exact.
 */
async function seedOwnOu(products: { name: string; versions: (string | null)[] }[]) {
  const tag = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const db = openDb(E2E_DATABASE);
  try {
    return db.transaction((tx) => {
      const now = Date.now();
      const ou = tx.insert(ous).values({ name: `Firmware OU ${tag}`, createdAt: now }).returning().get();
      const user = insertUser(tx, { email: `firmware-${tag}@e2e.test`, name: 'Firma Developer', passwordHash, createdAt: now });
      insertMembership(tx, ou.id, user.id, 'developer', now);
      for (const p of products) {
        const productKey = p.name.toLowerCase().replace(/\W+/g, '-');
        const product = insertProduct(tx, { ouId: ou.id, productKey, name: p.name, createdAt: now });
        p.versions.forEach((firmwareVersion, i) => {
          const deviceKey = `${productKey}-${tag}-${i + 1}`;
          insertDeviceWithDetails(tx, { ouId: ou.id, productId: product.id, deviceKey, name: deviceKey, deviceSecret: tag, firmwareVersion, now });
        });
      }
      return { email: user.email };
    });
  } finally {
    db.$client.close();
  }
}

async function signedInPage(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test('a Developer uploads a real file, sees it "Unverified" in the list, and finds its SHA256 on the details page', async ({
  page,
}, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const list = new FirmwareListPage(page);
  await list.goto();
  await list.addFirmwareLinks().first().click();
  const form = new AddFirmwarePage(page);
  await form.waitForForm();

  const { name, version } = unique('Inverter');
  const file = firmwareFile(testInfo, 'inverter.bin', 3 * 1024 * 1024 + 7);
  await form.fill({
    name,
    version,
    product: 'Smart Inverter (smart-inverter)',
    description: 'Faster MPPT tracking',
    filePath: file.filePath,
    maxDevices: '3',
    minSuccesses: '2',
  });
  await form.addTag('channel', 'beta');
  await form.submit();
  await expect(page).toHaveURL(/\/firmware$/);
  await expect(page.getByTestId('toast')).toContainText(`Firmware ${name} ${version} was added.`);

  await list.searchByName(name);
  const row = list.row(name);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(version);
  await expect(row).toContainText('Smart Inverter');
  await expect(row).toContainText('Unverified');
  await expect(row).toContainText('SHA256');
  await expect(row).toContainText('3.0 MiB');

  await list.openDetails(name);
  const details = new FirmwareDetailsPage(page);
  await expect(details.sha256()).toHaveText(file.sha256);
  await expect(details.sign()).toHaveText(file.sha256);
  await expect(details.md5()).toHaveText(file.md5);
  await expect(details.detail('Min Successes to Verify')).toHaveText('2');
  await expect(details.detail('Max Devices for Verification')).toHaveText('3');
  await expect(details.detail('Tags')).toHaveText('channel: beta');
  await expect(details.detail('File Size')).toContainText('3,145,735 bytes');

  // The signed-in user's download hands back exactly the uploaded bytes.
  const downloadEvent = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download' }).click();
  const download = await downloadEvent;
  const downloaded = fs.readFileSync(await download.path());
  expect(crypto.createHash('sha256').update(downloaded).digest('hex')).toBe(file.sha256);
  // …with its size announced, so the browser shows the download's progress.
  const firmwareId = Number(/\/firmware\/(\d+)/.exec(page.url())![1]);
  const announced = await page.request.fetch(`/api/firmware/${firmwareId}/file`, { method: 'HEAD' });
  expect(announced.status()).toBe(200);
  expect(announced.headers()['content-length']).toBe(String(3 * 1024 * 1024 + 7));

  // A device link is signed for one upgrade task (SPEC 6.3): with no such task of this device, the server refuses it.
  // (Devices downloading through the real server with their task's link: e2e/mqtt/cloud-push.spec.ts.)
  const deviceUrl = buildDownloadUrl('', DOWNLOAD_SECRET, { firmwareId, deviceKey: 'inv-0001', taskId: 1, expiresAt: Date.now() + 60_000 });
  const refused = await page.request.get(deviceUrl);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toBe('This download link does not belong to an upgrade task of this device');
  expect((await page.request.get(deviceUrl.replace('inv-0001', 'inv-0002'))).status()).toBe(403);

  // Unverified firmware can be verified but not yet rolled out.
  const menu = await details.openVerificationMenu();
  await expect(menu.getByRole('menuitem', { name: 'Verify Firmware' })).toHaveAttribute('href', /\/firmware\/\d+\/verify$/);
  await expect(menu.getByRole('menuitem', { name: 'Upgrade Device' })).toHaveAttribute('aria-disabled', 'true');
  await expect(menu.getByRole('menuitem', { name: 'Create New Job' })).toHaveAttribute('aria-disabled', 'true');

  // The tabs show their empty tables until jobs exist.
  await expect(page.getByRole('tab', { name: /Devices/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('table', { name: 'Device verification and upgrade records' }).getByRole('columnheader')).toHaveText([
    'Device',
    'Job',
    'From → To',
    'Task Status',
    'Progress',
    'Last Update',
    'Failure Reason',
  ]);
  await page.getByRole('tab', { name: /Jobs/ }).click();
  // The OTA Jobs list's own columns (SPEC 3.3: "the OTA Jobs list filtered to this firmware").
  await expect(page.getByRole('table', { name: 'Jobs of this firmware' }).getByRole('columnheader')).toHaveText([
    'Job ID',
    'Job Name',
    'Firmware',
    'Version',
    'Product',
    'Type',
    'Status',
    'Progress',
    'Created',
    'Actions',
  ]);
  await expect(page.getByText('No jobs yet')).toBeVisible();
});

test('firmware without verification is "No Need", signed with the chosen MD5, and offers upgrades', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const { name, version } = unique('Meter');
  const file = firmwareFile(testInfo, 'meter.img', 200_000);
  const form = new AddFirmwarePage(page);
  await form.goto();
  await form.upload({
    name,
    version,
    product: 'Smart Meter (smart-meter)',
    signatureAlgorithm: 'MD5',
    verificationRequired: false,
    filePath: file.filePath,
    expectedHash: file.md5.toUpperCase(),
  });

  const list = new FirmwareListPage(page);
  await list.searchByName(name);
  await expect(list.row(name)).toContainText('No Need');
  await expect(list.row(name)).toContainText('MD5');
  await list.openDetails(name);
  const details = new FirmwareDetailsPage(page);
  await expect(details.sign()).toHaveText(file.md5);
  await expect(details.sha256()).toHaveText(file.sha256);
  await expect(details.detail('Verification Required')).toHaveText('No');

  const menu = await details.openVerificationMenu();
  await expect(menu.getByRole('menuitem', { name: 'Verify Firmware' })).toHaveAttribute('aria-disabled', 'true');
  await expect(menu.getByRole('menuitem', { name: 'Upgrade Device' })).toHaveAttribute('href', /\/firmware\/\d+\/upgrade-device$/);
  await expect(menu.getByRole('menuitem', { name: 'Create New Job' })).toHaveAttribute('href', /\/ota-jobs\/new\?firmwareId=\d+$/);
});

test('each validation error shows next to its field and the form keeps what was typed', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const existing = await developerUploads(page, testInfo, 'Existing');

  const form = new AddFirmwarePage(page);
  await form.goto();
  const notes = firmwareFile(testInfo, 'notes.txt', 100);
  const longDescription = 'd'.repeat(101);
  await form.fill({ name: 'abc', description: longDescription, filePath: notes.filePath, maxDevices: '2', minSuccesses: '3' });
  await form.submit();

  await expect(form.field('Firmware Name')).toHaveAccessibleDescription('Firmware Name must be 4–32 characters');
  await expect(form.field('Version')).toHaveAccessibleDescription('Enter a version');
  await expect(form.field('Description')).toHaveAccessibleDescription('Description must be at most 100 characters');
  await expect(form.field('Firmware File')).toHaveAccessibleDescription('Choose a .bin .tar .gz .zip .img .hex file');
  await expect(form.field('Min Successes to Verify')).toHaveAccessibleDescription(
    'Min Successes to Verify cannot exceed Max Devices for Verification (2)',
  );
  await expect(form.field('Firmware Name')).toHaveValue('abc');
  await expect(form.field('Description')).toHaveValue(longDescription);
  await expect(form.field('Max Devices for Verification')).toHaveValue('2');

  // One character past the name's limit, and a verification count above 5 and then below 1.
  const longName = 'n'.repeat(33);
  await form.fill({ name: longName, maxDevices: '6', minSuccesses: '1' });
  await form.submit();
  await expect(form.field('Firmware Name')).toHaveAccessibleDescription('Firmware Name must be 4–32 characters');
  await expect(form.field('Max Devices for Verification')).toHaveAccessibleDescription(
    'Max Devices for Verification must be a whole number from 1 to 5',
  );
  await expect(form.field('Min Successes to Verify')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form.field('Firmware Name')).toHaveValue(longName);
  await expect(form.field('Max Devices for Verification')).toHaveValue('6');
  await form.fill({ name: 'n'.repeat(32), maxDevices: '0' });
  await form.submit();
  await expect(form.field('Max Devices for Verification')).toHaveAccessibleDescription(
    'Max Devices for Verification must be a whole number from 1 to 5',
  );
  await expect(form.field('Firmware Name')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form.field('Max Devices for Verification')).toHaveValue('0');

  // Fixed in the browser, the server still refuses a version the product already has…
  const file = firmwareFile(testInfo, 'second.bin', 50_000);
  const name = unique('Second').name;
  await form.fill({
    name,
    version: existing.version,
    product: 'Smart Inverter (smart-inverter)',
    description: 'Second try',
    filePath: file.filePath,
    maxDevices: '2',
    minSuccesses: '1',
  });
  await form.submit();
  await expect(form.field('Version')).toHaveAccessibleDescription(
    `A firmware with version ${existing.version} already exists for product Smart Inverter`,
  );
  await expect(form.field('Firmware Name')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form.field('Firmware Name')).toHaveValue(name);
  await expect(form.field('Description')).toHaveValue('Second try');

  // …and an expected hash that is not the file's.
  const newVersion = unique('Second').version;
  await form.fill({ version: newVersion, expectedHash: existing.sha256 });
  await form.submit();
  await expect(form.field('Expected Hash')).toHaveAccessibleDescription("The file's SHA256 does not match the value you entered");
  await expect(form.field('Version')).toHaveValue(newVersion);

  // Nothing of the refused attempts was stored.
  const list = new FirmwareListPage(page);
  await list.goto();
  await list.searchByName(name);
  await expect(list.table().getByRole('row').filter({ hasText: name })).toHaveCount(0);
  await expect(page.getByText('No firmware matches')).toBeVisible();
});

test('a Viewer reads the catalogue but sees no "Add Firmware" and no "Delete", and the server refuses both', async ({
  page,
  browser,
}, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const fw = await developerUploads(page, testInfo, 'Viewed');

  const viewer = await signedInPage(browser, ACCOUNTS.viewer);
  const list = new FirmwareListPage(viewer);
  await list.goto();
  await expect(list.addFirmwareLinks()).toHaveCount(0);
  await list.searchByName(fw.name);
  await expect(list.row(fw.name)).toContainText('Unverified');
  await expect(list.table().getByRole('button', { name: /Delete/ })).toHaveCount(0);
  await list.openDetails(fw.name);
  await expect(new FirmwareDetailsPage(viewer).sha256()).toHaveText(fw.sha256);
  await expect(viewer.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'Verification' })).toHaveCount(0);

  await viewer.goto('/firmware/new');
  await expect(viewer.getByRole('heading', { name: 'Add Firmware' })).toHaveCount(0);
  const upload = await viewer.request.post('/api/firmware', {
    multipart: { name: 'Sneaky upload', version: '1', file: { name: 'x.bin', mimeType: 'application/octet-stream', buffer: Buffer.from('x') } },
  });
  expect(upload.status()).toBe(403);
  expect((await upload.json()).code).toBe('FORBIDDEN');

  // The Developer's "Delete" call, sent from the Viewer's signed-in browser: refused, and the firmware stays.
  const del = await recordDeleteCall(page, fw.name);
  const answer = await sendActionCall(viewer, del);
  expect(answer).toContain('You do not have permission to do this.');
  await list.goto();
  await list.searchByName(fw.name);
  await expect(list.row(fw.name)).toHaveCount(1);
  await list.openDetails(fw.name);
  await expect(new FirmwareDetailsPage(viewer).sha256()).toHaveText(fw.sha256);
  await viewer.context().close();
});

/** A firmware id that names nothing: the Developer's own recorded call is sent on with it, so it deletes nothing. */
const NO_FIRMWARE = 2_147_483_647;

/** The request a Developer's browser sends for "Delete" of a firmware in the list, recorded without deleting it. */
async function recordDeleteCall(page: Page, name: string) {
  const list = new FirmwareListPage(page);
  await list.goto();
  await list.searchByName(name);
  const call = await recordActionCall(
    page,
    '**/firmware**',
    (body) => body.replace(/"firmwareId":\d+/, `"firmwareId":${NO_FIRMWARE}`),
    async () => {
      await list.row(name).getByRole('button', { name: /Delete/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete Firmware' });
      await dialog.getByRole('button', { name: 'Delete' }).click();
      await expect(dialog.getByTestId('confirm-error')).toHaveText('Firmware not found.');
    },
  );
  expect(call.body).toMatch(/"firmwareId":\d+/);
  return call;
}

test('delete asks for confirmation and then removes the row', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const fw = await developerUploads(page, testInfo, 'Doomed', { verificationRequired: false });
  const list = new FirmwareListPage(page);
  await list.searchByName(fw.name);
  await expect(list.row(fw.name)).toHaveCount(1);

  await list.row(fw.name).getByRole('button', { name: /Delete/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Firmware' });
  await expect(dialog).toContainText(fw.name);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(list.row(fw.name)).toHaveCount(1);

  await list.row(fw.name).getByRole('button', { name: /Delete/ }).click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('toast')).toContainText(`Firmware ${fw.name} was deleted.`);
  await expect(list.row(fw.name)).toHaveCount(0);
  await page.reload();
  await expect(list.row(fw.name)).toHaveCount(0);
});

test('delete is refused with the reason while a job of the firmware runs, and works once it is stopped', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const fw = await uploadBmsFirmware(page, testInfo, 'Busy');
  // Incremental: the job stays Running after its device is done. bms-0174 is this test's own device.
  const jobId = await createJobThroughWizard(page, {
    firmwareId: fw.id,
    name: unique('Busy job').name,
    deviceKeys: ['bms-0174'],
    method: 'Incremental',
    startOnCreation: true,
  });

  await page.goto(`/firmware/${fw.id}`);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Firmware' });
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog.getByTestId('confirm-error')).toHaveText(
    'This firmware cannot be deleted while one of its jobs is running or any of its tasks is Pending Push, Pushed or Upgrading.',
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(fw.name);

  await page.goto(`/ota-jobs/${jobId}`);
  await stopJob(page);
  await page.goto(`/firmware/${fw.id}`);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page).toHaveURL(/\/firmware$/);
  await expect(page.getByTestId('toast')).toContainText(`Firmware ${fw.name} was deleted.`);
  expect((await page.goto(`/firmware/${fw.id}`))?.status()).toBe(404);
});

test('the details page charts the product\'s devices per current version: in order, this firmware\'s version shown, "Not reported" last', async ({
  page,
}, testInfo) => {
  const own = await seedOwnOu([
    { name: 'Chart Sensor', versions: ['1.10.0', '1.2.0', '1.9.0', '1.2.0', null, '1.10.0', '1.2.0', null, null] },
    { name: 'Other Sensor', versions: ['1.9.0', '2.0.0'] },
  ]);
  await signIn(page, own.email);
  const { name } = unique('Charted');
  const file = firmwareFile(testInfo, 'chart.bin', 4096);
  const form = new AddFirmwarePage(page);
  await form.goto();
  await form.upload({ name, version: '2.0.0', product: 'Chart Sensor (chart-sensor)', filePath: file.filePath });
  const list = new FirmwareListPage(page);
  await list.openDetails(name);

  const details = new FirmwareDetailsPage(page);
  // Other Sensor's devices (one of them on 2.0.0) are not Chart Sensor's fleet.
  await expect(details.versionChart()).toHaveAccessibleName(
    'Devices per current firmware version: 1.2.0 3, 1.9.0 1, 1.10.0 2, 2.0.0 0, Not reported 3',
  );
  await expect(details.versionChart()).toContainText('2.0.0 (this firmware)');
});

test('the list filters by product and status, flips the order of creation, and invites a new OU to "Add Firmware"', async ({
  page,
}, testInfo) => {
  const own = await seedOwnOu([
    { name: 'Pump', versions: ['1.0'] },
    { name: 'Valve', versions: ['1.0'] },
  ]);
  await signIn(page, own.email);
  const list = new FirmwareListPage(page);
  await list.goto();
  // Nothing uploaded yet: the empty list says so and offers the way in (besides the header's button).
  await expect(page.getByText('No firmware yet')).toBeVisible();
  await expect(page.getByText('Upload a firmware file to verify it on a few devices and roll it out with OTA jobs.')).toBeVisible();
  await expect(list.addFirmwareLinks()).toHaveCount(2);
  await list.addFirmwareLinks().nth(1).click();

  const form = new AddFirmwarePage(page);
  await form.waitForForm();
  const uploads = [
    { name: 'Pump checked', version: '1.1', product: 'Pump (pump)', verificationRequired: true },
    { name: 'Valve ready', version: '1.1', product: 'Valve (valve)', verificationRequired: false },
    { name: 'Pump ready', version: '1.2', product: 'Pump (pump)', verificationRequired: false },
  ];
  for (const [i, u] of uploads.entries()) {
    if (i > 0) await form.goto();
    await form.upload({ ...u, filePath: firmwareFile(testInfo, `${i}.bin`, 1024).filePath });
  }

  await list.goto();
  await expect(list.names()).toHaveText(['Pump ready', 'Valve ready', 'Pump checked']);
  await expect(list.sortByCreated()).toHaveAccessibleName('Created time, sorted newest first');
  await list.sortByCreated().click();
  await expect(page).toHaveURL(/[?&]sort=created_asc/);
  await expect(list.names()).toHaveText(['Pump checked', 'Valve ready', 'Pump ready']);
  await expect(list.sortByCreated()).toHaveAccessibleName('Created time, sorted oldest first');

  // Filters keep the chosen order, and each narrows the rows.
  await list.filter({ product: 'Pump' });
  await expect(list.names()).toHaveText(['Pump checked', 'Pump ready']);
  await list.filter({ status: 'No Need' });
  await expect(list.names()).toHaveText(['Pump ready']);
  await list.filter({ product: 'All products' });
  await expect(list.names()).toHaveText(['Valve ready', 'Pump ready']);
  await list.filter({ status: 'Unverified' });
  await expect(list.names()).toHaveText(['Pump checked']);
  await list.filter({ status: 'Verified' });
  await expect(list.names()).toHaveCount(0);
  await expect(page.getByText('No firmware matches')).toBeVisible();
  await expect(list.addFirmwareLinks()).toHaveCount(1);
  await page.getByRole('link', { name: 'Reset' }).click();
  await expect(list.names()).toHaveText(['Pump ready', 'Valve ready', 'Pump checked']);
});

test('a large upload shows its progress and then finishes', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const { name, version } = unique('Large');
  const size = 6 * 1024 * 1024;
  const file = firmwareFile(testInfo, 'large.bin', size);
  const form = new AddFirmwarePage(page);
  await form.goto();
  await form.fill({ name, version, product: 'Smart Inverter (smart-inverter)', filePath: file.filePath });
  // Localhost is too fast to watch: the browser sends at 2 MiB/s, so the upload takes about three seconds.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 2 * 1024 * 1024 });
  await form.submit();

  await expect(form.progressBar()).toBeVisible();
  await expect
    .poll(async () => Number(await form.progressBar().getAttribute('aria-valuenow')), { timeout: 10_000, intervals: [100] })
    .toBeGreaterThan(0);
  const midway = Number(await form.progressBar().getAttribute('aria-valuenow'));
  expect(midway).toBeLessThan(100);
  await expect(page).toHaveURL(/\/firmware$/, { timeout: 30_000 });
  await expect(page.getByTestId('toast')).toContainText(`Firmware ${name} ${version} was added.`);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  const list = new FirmwareListPage(page);
  await list.searchByName(name);
  await expect(list.row(name)).toContainText('6.0 MiB');
  await list.openDetails(name);
  await expect(new FirmwareDetailsPage(page).sha256()).toHaveText(file.sha256);
});
