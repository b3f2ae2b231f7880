import { INVERTER, uploadFirmware, unique } from '../job-fixtures';
import { ACCOUNTS, expect, signIn, test } from '../fixtures';
import { DevicesPage } from '../pages/devices-page';
import { JobDetailsPage } from '../pages/job-details-page';
import { createJobThroughWizard } from '../pages/ota-jobs-page';

// The Cloud Push path over real MQTT: the console pushes `upgrade` to simulator devices connected to its broker;
// each downloads the signed file over HTTP, checks its sign, reports progress and informs the new version.
// Devices: inv-0001 … inv-0004 (no other MQTT journey uses them).

test('a Snapshot job pushes the firmware to connected devices, which report the new version over MQTT', async ({ page }, testInfo) => {
  const keys = ['inv-0001', 'inv-0002', 'inv-0003', 'inv-0004'];
  await signIn(page, ACCOUNTS.developer);
  const fw = await uploadFirmware(page, testInfo, { prefix: 'Cloud push', product: INVERTER, verificationRequired: false });
  const jobName = unique('Cloud push').name;
  await createJobThroughWizard(page, { firmwareId: fw.id, name: jobName, deviceKeys: keys, startOnCreation: true });
  const details = new JobDetailsPage(page);
  await details.waitForPage();
  // Marks this document: a reload would lose it.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

  await details.expectCounts({ Succeeded: 4, Failed: 0, Queued: 0, Pushed: 0, Upgrading: 0 }, 30_000);
  await expect(details.status()).toHaveText('Completed');
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await details.openTab('Succeeded');
  for (const key of keys) await expect(details.row('Succeeded', key)).toContainText(fw.version);

  // Each device's page shows the version the device itself informed after rebooting.
  const devices = new DevicesPage(page);
  for (const key of keys) {
    await devices.open(key);
    await expect(devices.state()).toHaveText('Online');
    await expect(devices.detail('Firmware Version')).toHaveText(fw.version);
    await expect(page.getByRole('table', { name: 'OTA history' }).getByRole('row').filter({ hasText: jobName })).toContainText('Succeeded');
  }
});
