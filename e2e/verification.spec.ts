import { ACCOUNTS, expect, signIn, test } from './fixtures';
import { escapeRegExp, expectFirmwareStatus, INVERTER, METER, startJob, stopJob, taskCount, uploadFirmware } from './job-fixtures';
import { FirmwareDetailsPage } from './pages/firmware-details';
import { FirmwareListPage } from './pages/firmware-list';
import { JobWizardPage } from './pages/job-wizard-page';

// Verification jobs use Smart Meter devices: mtr-0001/0002 and mtr-0004/0005 upgrade fine; the e2e fleet makes
// mtr-0101 fail every flash and mtr-0103 never answer (SIMULATED_FAILURES in playwright.config.ts).

async function openVerifyFirmware(page: import('@playwright/test').Page) {
  const menu = await new FirmwareDetailsPage(page).openVerificationMenu();
  await menu.getByRole('menuitem', { name: 'Verify Firmware' }).click();
  await expect(page.getByRole('heading', { name: 'Verify Firmware' })).toBeVisible();
  const form = new JobWizardPage(page);
  await form.waitForForm();
  return form;
}

test('verifying an Unverified firmware on two devices that upgrade turns it "Verified"', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const fw = await uploadFirmware(page, testInfo, { prefix: 'Verify ok', product: METER, verificationRequired: true, maxDevices: '2', minSuccesses: '2' });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Unverified');
  const form = await openVerifyFirmware(page);

  // At most "Max Devices for Verification" (2) devices can be chosen.
  await form.searchAndPick('mtr-000', 'mtr-0001');
  await form.pasteDeviceKeys(['mtr-0002', 'mtr-0004']);
  await expect(form.selectedDevices()).toHaveText([/^mtr-0001/, /^mtr-0002/]);
  await expect(page.getByText('At most 2 devices can be chosen; not added: mtr-0004')).toBeVisible();
  await expect(page.getByLabel('Search Device Key')).toBeDisabled();
  await form.expectPreviewCount(2);
  // A verification job asks only for the timeout and the start.
  await expect(page.getByLabel('Maximum Task Concurrency')).toHaveCount(0);
  await expect(page.getByLabel('Upgrade Timeout')).toHaveValue('120');
  await form.fillStrategy({ startOnCreation: true });
  await form.create(new RegExp(`^Job Verify .*${escapeRegExp(fw.version)} .+ UTC was created\\.$`));
  await expect(taskCount(page, 'succeeded')).toHaveText('2', { timeout: 30_000 });

  await expectFirmwareStatus(page, fw.id, 'Verified');
  const list = new FirmwareListPage(page);
  await list.goto();
  await list.searchByName(fw.name);
  await expect(list.row(fw.name)).toContainText('Verified');
  // Verified firmware is for upgrades now, and is not verified again.
  await list.openDetails(fw.name);
  const menu = await new FirmwareDetailsPage(page).openVerificationMenu();
  await expect(menu.getByRole('menuitem', { name: 'Verify Firmware' })).toHaveAttribute('aria-disabled', 'true');
  await expect(menu.getByRole('menuitem', { name: 'Create New Job' })).not.toHaveAttribute('aria-disabled', 'true');
});

test('a verification with a failing device and "Min Successes to Verify" 2 ends "Verification Failed"', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const fw = await uploadFirmware(page, testInfo, { prefix: 'Verify bad', product: METER, verificationRequired: true, maxDevices: '3', minSuccesses: '2' });
  const form = await openVerifyFirmware(page);

  // One device is too few for two successes: the server says so beside the devices, and keeps them.
  await form.pasteDeviceKeys(['mtr-0005']);
  await form.fillStrategy({ timeoutMinutes: '30', startOnCreation: true });
  await form.ok();
  await form.expectFieldError(page.getByLabel('Search Device Key'), 'Choose at least 2 devices: verifying this firmware needs 2 successes');
  await expect(form.selectedDevices()).toHaveText([/^mtr-0005/]);
  await expect(page.getByLabel('Upgrade Timeout')).toHaveValue('30');

  await form.pasteDeviceKeys(['mtr-0101']);
  await form.expectPreviewCount(2);
  await form.create();
  await expect(taskCount(page, 'succeeded')).toHaveText('1', { timeout: 30_000 });
  await expect(taskCount(page, 'failed')).toHaveText('1', { timeout: 30_000 });

  await expectFirmwareStatus(page, fw.id, 'Verification Failed');
  // It can be verified again, and still not be used for upgrades.
  const menu = await new FirmwareDetailsPage(page).openVerificationMenu();
  await expect(menu.getByRole('menuitem', { name: 'Verify Firmware' })).not.toHaveAttribute('aria-disabled', 'true');
  await expect(menu.getByRole('menuitem', { name: 'Upgrade Device' })).toHaveAttribute('aria-disabled', 'true');
});

test('the firmware shows "Verifying" while its verification job runs, and "Verification Failed" once it is stopped short', async ({
  page,
}, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const fw = await uploadFirmware(page, testInfo, { prefix: 'Verify stop', product: METER, verificationRequired: true, maxDevices: '1' });
  const form = await openVerifyFirmware(page);
  // mtr-0103 never answers, so the job runs until its timeout (at least 5 minutes) or a stop.
  await form.pasteDeviceKeys(['mtr-0103']);
  await form.expectPreviewCount(1);
  await form.create();
  const jobUrl = page.url();
  await expectFirmwareStatus(page, fw.id, 'Unverified');

  await page.goto(jobUrl);
  await startJob(page);
  await expectFirmwareStatus(page, fw.id, 'Verifying');
  const list = new FirmwareListPage(page);
  await list.goto();
  await list.searchByName(fw.name);
  await expect(list.row(fw.name)).toContainText('Verifying');

  await page.goto(jobUrl);
  await stopJob(page);
  await expectFirmwareStatus(page, fw.id, 'Verification Failed');
  await list.goto();
  await list.searchByName(fw.name);
  await expect(list.row(fw.name)).toContainText('Verification Failed');

  // Deleting the stopped job frees mtr-0103 for other journeys (its task would otherwise wait for the timeout).
  await page.goto(jobUrl);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog', { name: 'Delete Job' }).getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page).toHaveURL(/\/ota-jobs$/);
});

test('"Verify Firmware" and "Upgrade Device" refuse firmware whose status calls for the other', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const noNeed = await uploadFirmware(page, testInfo, { prefix: 'No need', product: INVERTER, verificationRequired: false });
  await page.goto(`/firmware/${noNeed.id}/verify`);
  await expect(page.getByText('Only Unverified or Verification Failed firmware can be verified.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'OK' })).toHaveCount(0);

  const unverified = await uploadFirmware(page, testInfo, { prefix: 'Unverified', product: METER, verificationRequired: true });
  await page.goto(`/firmware/${unverified.id}/upgrade-device`);
  await expect(page.getByText('Only Verified or No Need firmware can upgrade devices.')).toBeVisible();
  // "Create New Job" with it chooses it for a verification job instead.
  await page.goto(`/ota-jobs/new?firmwareId=${unverified.id}`);
  await expect(page.getByLabel('Firmware Name')).toHaveValue(String(unverified.id));
  await expect(page.getByLabel('Type')).toHaveValue('Verification');
});
