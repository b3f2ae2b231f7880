import { ACCOUNTS, expect, signIn, test } from '../fixtures';
import { unique } from '../job-fixtures';
import { JobDetailsPage } from '../pages/job-details-page';
import { bmsKeys, createJobThroughWizard, uploadBmsFirmware } from '../pages/ota-jobs-page';

// A schedule window that opens a minute ahead, over real MQTT: the job runs but waits — nothing leaves Queued — and
// pushes once the window opens. The schedule is set in whole minutes, so the wait is between 30 and 90 seconds.
// Devices: bms-0004 … bms-0007 (no other MQTT journey uses them).

test('a job whose window opens a minute ahead waits, pushing nothing, then upgrades its devices', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const keys = bmsKeys(4, 4);
  await signIn(page, ACCOUNTS.developer);
  const fw = await uploadBmsFirmware(page, testInfo, 'Window');

  // The start is the first whole minute at least 30 s away, in the browser's time zone (the form's default).
  const slot = await page.evaluate(() => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const wall = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    const startMs = Math.ceil((Date.now() + 30_000) / 60_000) * 60_000;
    return { startMs, start: wall(new Date(startMs)), end: wall(new Date(startMs + 30 * 60_000)), opens: wall(new Date(startMs)).replace('T', ' ') };
  });
  await createJobThroughWizard(page, {
    firmwareId: fw.id,
    name: unique('Next minute').name,
    deviceKeys: keys,
    schedule: { start: slot.start, end: slot.end },
    startOnCreation: true,
  });
  const details = new JobDetailsPage(page);
  await details.waitForPage();
  await expect(details.status()).toHaveText('Waiting for window');
  await expect(page.getByText(`the next window opens ${slot.opens}:00`)).toBeVisible();
  // Enough of the wait is left to watch it (the job was created well before the start).
  expect(slot.startMs - Date.now()).toBeGreaterThan(10_000);

  // Until the start, the devices (all connected) are not pushed: the live counters stay as they were created.
  while (Date.now() < slot.startMs - 2000) {
    await details.expectCounts({ Queued: 4, 'Pending Push': 0, Pushed: 0, Upgrading: 0, Succeeded: 0 }, 1000);
    await expect(details.status()).toHaveText('Waiting for window');
    await page.waitForTimeout(Math.max(0, Math.min(3000, slot.startMs - 2000 - Date.now())));
  }

  // Once it opens, the page follows the rollout by itself.
  await details.expectCounts({ Succeeded: 4, Queued: 0, Failed: 0 }, 40_000);
  await expect(details.status()).toHaveText('Completed');
  // Each device's timeline: admitted for its push only once the window had opened.
  await details.openTab('Succeeded');
  for (const key of keys) {
    const timeline = await details.openTimeline('Succeeded', key);
    const admitted = timeline.getByRole('row').filter({ hasText: 'Admitted under the concurrency limit' });
    const at = Date.parse((await admitted.locator('time').getAttribute('datetime')) ?? '');
    expect(at).toBeGreaterThanOrEqual(slot.startMs);
    await timeline.getByRole('button', { name: 'Close' }).click();
  }
});
