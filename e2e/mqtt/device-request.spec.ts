import { INVERTER, uploadFirmware, unique } from '../job-fixtures';
import { ACCOUNTS, expect, signIn, test } from '../fixtures';
import { DevicesPage } from '../pages/devices-page';
import { JobDetailsPage } from '../pages/job-details-page';
import { createJobThroughWizard } from '../pages/ota-jobs-page';

// The Device Request path over real MQTT. The "ask-*" devices of the simulator (playwright.config.ts) send
// `getversion` after connecting and every half second, install a firmware offered in the reply, and reject a pushed
// `upgrade` (step -5): they take only what they asked for.
//
// Why this proves the request path and not the push path: both jobs retry a failed task only after 10 minutes, so
// once a device has rejected its push the scheduler cannot push it again during the test; the one way left for the
// firmware to reach it is the console answering its getversion ("Enable Upon Device Request Upgrade", SPEC 4.4:
// at once, outside the push order, under the concurrency limit). Whichever comes first for a device — its request or
// the push it rejects — the delivery that upgrades it is the answer to a request, and its timeline says so. With the
// toggle off, the same devices keep asking and get nothing: their tasks wait for the retry.

test('devices that ask with getversion get the firmware only from a job with "Enable Upon Device Request Upgrade" on', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const run = unique('ask').version.replace(/\W/g, '');
  const on = [`ask-${run}-on-1`, `ask-${run}-on-2`];
  const off = [`ask-${run}-off-1`, `ask-${run}-off-2`];
  const devices = new DevicesPage(page);
  await devices.importCsv(
    'productKey,deviceKey,name,firmwareVersion',
    [...on, ...off].map((key) => `smart-inverter,${key},${key},1.0.0`),
  );
  // The simulator connects devices created while it runs.
  const rows = await devices.search(`ask-${run}`);
  await expect(async () => {
    await page.reload();
    await expect(rows.filter({ hasText: 'Online' })).toHaveCount(4, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  const fw = await uploadFirmware(page, testInfo, { prefix: 'Requested', product: INVERTER, verificationRequired: false });
  // The two jobs differ only in the toggle.
  const createJob = (name: string, deviceKeys: string[], deviceRequest: boolean) =>
    createJobThroughWizard(page, {
      firmwareId: fw.id,
      name: unique(name).name,
      deviceKeys,
      retry: { interval: '10 minutes', attempts: '1' },
      deviceRequest,
      startOnCreation: true,
    });
  const details = new JobDetailsPage(page);

  const offJob = await createJob('Requests off', off, false);
  await details.waitForPage();
  // Pushed, rejected, and queued for the retry in 10 minutes.
  await details.openTab('Queued');
  for (const key of off) {
    await expect(details.row('Queued', key)).toContainText('Rejected by device', { timeout: 20_000 });
    await expect(details.row('Queued', key)).toContainText(/Retry at \d\d:\d\d/);
  }
  // The counters follow at their next poll.
  await details.expectCounts({ Queued: 2, Pushed: 0, Succeeded: 0 });
  const offQueuedAt = Date.now();

  await createJob('Requests on', on, true);
  await details.waitForPage();
  await details.expectCounts({ Succeeded: 2, Queued: 0, Failed: 0 }, 30_000);
  await expect(details.status()).toHaveText('Completed');
  await details.openTab('Succeeded');
  for (const key of on) {
    // The delivery that upgraded the device (the last one) answered its request.
    const timeline = await details.openTimeline('Succeeded', key);
    const deliveries = timeline.getByRole('row').filter({ hasText: /Device requested the upgrade|Upgrade request delivered/ });
    await expect(deliveries.last()).toContainText('Device requested the upgrade');
    await timeline.getByRole('button', { name: 'Close' }).click();
  }
  for (const key of on) {
    await devices.open(key);
    await expect(devices.detail('Firmware Version')).toHaveText(fw.version);
  }

  // Meanwhile (several of their requests later) the devices of the job with the toggle off got nothing.
  await page.waitForTimeout(Math.max(0, offQueuedAt + 3000 - Date.now()));
  await details.goto(offJob);
  await details.expectCounts({ Queued: 2, 'Pending Push': 0, Pushed: 0, Upgrading: 0, Succeeded: 0 }, 1000);
  await expect(details.status()).toHaveText('Running');
  for (const key of off) {
    await devices.open(key);
    await expect(devices.state()).toHaveText('Online');
    await expect(devices.detail('Firmware Version')).toHaveText('1.0.0');
  }
});
