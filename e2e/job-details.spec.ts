import fs from 'node:fs';
import { ACCOUNTS, expect, signIn, test } from './fixtures';
import { JobDetailsPage } from './pages/job-details-page';
import { unique } from './job-fixtures';
import { bmsKeys, createJobThroughWizard, OtaJobsPage, uploadBmsFirmware } from './pages/ota-jobs-page';

// Battery BMS devices only (other journeys use the other products), each test its own: bms-0004 … (24 devices) for
// stop/start, bms-0150 (rejects every upgrade, SIMULATED_FAILURES) with bms-0151/0153/0154/0155 for cancel/retry.

test('Stop halts new pushes and Start resumes them, while the page follows the job without a reload', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const fw = await uploadBmsFirmware(page, testInfo, 'Stop start');
  const keys = bmsKeys(4, 24);
  const jobId = await createJobThroughWizard(page, { firmwareId: fw.id, name: unique('Stop and start').name, deviceKeys: keys, maxConcurrency: 1 });
  const details = new JobDetailsPage(page);
  await details.waitForPage();
  await expect(details.status()).toHaveText('Not Started');
  await details.expectCounts({ Queued: 24, Succeeded: 0 });
  // Marks this document: a reload would lose it.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

  await details.confirmControl('Start');
  await expect(details.status()).toHaveText('Running');
  await expect(details.count('Succeeded')).not.toHaveText('0');
  await details.confirmControl('Stop');
  await expect(details.status()).toHaveText('Stopped');

  // Devices already pushed may still finish; after that nothing moves: what waits is not pushed.
  await details.expectCounts({ Pushed: 0, Upgrading: 0 });
  const counts = async () => Promise.all((['Queued', 'Pending Push', 'Succeeded'] as const).map(async (s) => Number(await details.count(s).textContent())));
  const [queued, pending, succeeded] = await counts();
  expect(queued).toBeGreaterThan(0);
  expect(queued + pending + succeeded).toBe(24);
  await page.waitForTimeout(3000);
  await page.reload();
  await details.waitForPage();
  expect(await counts()).toEqual([queued, pending, succeeded]);
  await details.expectCounts({ Pushed: 0, Upgrading: 0 }, 1000);
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

  await details.confirmControl('Start');
  await details.expectCounts({ Succeeded: 24, Queued: 0 }, 40_000);
  await expect(details.status()).toHaveText('Completed');
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await expect(page).toHaveURL(new RegExp(`/ota-jobs/${jobId}$`));

  // A completed job is not polled any more (once the page has read its final state).
  await page.waitForTimeout(1000);
  const polls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes(`/api/ota-jobs/${jobId}/`)) polls.push(r.url());
  });
  await page.waitForTimeout(3000);
  expect(polls).toEqual([]);

  // The device table pages on the server: 24 succeeded devices, 20 a page by default, then 10.
  await details.openTab('Succeeded');
  const pager = page.getByRole('navigation', { name: 'Task pages' });
  await expect(pager).toContainText('1–20 of 24');
  await expect(details.tasks('Succeeded').getByRole('row')).toHaveCount(21);
  await pager.getByRole('button', { name: '10', exact: true }).click();
  await expect(pager).toContainText('1–10 of 24');
  await expect(pager).toContainText('Page 1 of 3');
  await pager.getByRole('button', { name: 'Next' }).click();
  await expect(pager).toContainText('11–20 of 24');
  await expect(details.tasks('Succeeded').getByRole('row')).toHaveCount(11);
  await expect(details.row('Succeeded', keys[10])).toBeVisible();
});

test('cancel before the upgrade, retry after a failure, the timeline, Export CSV, and the OTA records elsewhere', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const fw = await uploadBmsFirmware(page, testInfo, 'Cancel retry');
  const jobName = unique('Cancel and retry').name;
  const keys = ['bms-0150', 'bms-0151', 'bms-0153', 'bms-0154', 'bms-0155'];
  await createJobThroughWizard(page, { firmwareId: fw.id, name: jobName, deviceKeys: keys });
  const details = new JobDetailsPage(page);
  await details.waitForPage();
  await details.expectCounts({ Queued: 5 });

  // Search by deviceKey, then cancel one queued task from its row.
  await page.getByLabel('Device Key').fill('0155');
  await expect(details.tasks('Queued').getByRole('row')).toHaveCount(2);
  await details.row('Queued', 'bms-0155').getByRole('button', { name: 'Cancel', exact: true }).click();
  await details.taskDialog('Cancel').getByRole('button', { name: 'Cancel Tasks' }).click();
  await expect(details.toast('1 task canceled.')).toBeVisible();
  await details.expectCounts({ Queued: 4, Canceled: 1 });
  await page.getByLabel('Device Key').fill('');

  // Cancel two chosen tasks at once, but change one's mind: only bms-0154 goes.
  await details.row('Queued', 'bms-0154').getByRole('checkbox', { name: 'Select bms-0154' }).check();
  await page.getByRole('button', { name: 'Cancel selected' }).click();
  await expect(details.taskDialog('Cancel')).toContainText('Cancel the 1 selected task?');
  await details.taskDialog('Cancel').getByRole('button', { name: 'Cancel Tasks' }).click();
  await details.expectCounts({ Queued: 3, Canceled: 2 });

  // Canceled tasks offer neither action.
  await details.openTab('Canceled');
  await expect(details.row('Canceled', 'bms-0155')).toBeVisible();
  await expect(details.tasks('Canceled').getByRole('button', { name: /^(Cancel|Retry)$/ })).toHaveCount(0);
  await expect(details.tasks('Canceled').getByRole('checkbox')).toHaveCount(0);
  // The tab is in the URL: a reload (or a shared link) opens it again.
  await expect(page).toHaveURL(/[?&]state=canceled/);
  await page.reload();
  await expect(details.tab('Canceled')).toHaveAttribute('aria-selected', 'true');
  await expect(details.row('Canceled', 'bms-0155')).toBeVisible();

  await details.confirmControl('Start');
  await details.expectCounts({ Succeeded: 2, Failed: 1, Queued: 0 }, 30_000);
  await expect(details.status()).toHaveText('Completed');

  // The failure and its reason; succeeded tasks cannot be canceled or retried.
  await details.openTab('Succeeded');
  await expect(details.tasks('Succeeded').getByRole('button', { name: /^(Cancel|Retry)$/ })).toHaveCount(0);
  await details.openTab('Failed');
  const failed = details.row('Failed', 'bms-0150');
  await expect(failed).toContainText('Rejected by device');
  await expect(failed.getByRole('cell').nth(5)).toHaveText('1');

  // Retry the failed task: the job runs again, the device rejects again, attempt 2.
  await failed.getByRole('button', { name: 'Retry', exact: true }).click();
  await expect(details.toast('1 task queued for retry.')).toBeVisible();
  await expect(details.row('Failed', 'bms-0150').getByRole('cell').nth(5)).toHaveText('2', { timeout: 20_000 });
  await expect(details.status()).toHaveText('Completed');

  // "Retry all" of the tab, confirmed: attempt 3.
  await page.getByRole('button', { name: 'Retry all' }).click();
  await expect(details.taskDialog('Retry')).toContainText('Retry all 1 failed task of this job?');
  await details.taskDialog('Retry').getByRole('button', { name: 'Retry Tasks' }).click();
  await expect(details.row('Failed', 'bms-0150').getByRole('cell').nth(5)).toHaveText('3', { timeout: 20_000 });

  // The timeline lists every transition of the task.
  const timeline = await details.openTimeline('Failed', 'bms-0150');
  await expect(timeline.getByRole('row').filter({ hasText: 'Retry asked by Dev Eloper' })).toHaveCount(2);
  await expect(timeline.getByRole('row').filter({ hasText: 'Rejected by device' })).toHaveCount(3);
  await timeline.getByRole('button', { name: 'Close' }).click();

  // Export CSV: one row per task with its deviceKey, state, attempts and reason.
  const download = await details.exportCsv();
  expect(download.suggestedFilename()).toMatch(/^ota-job-\d+-tasks\.csv$/);
  const lines = fs.readFileSync((await download.path())!, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('Device Key,From Version,To Version,Status,Progress (%),Attempts,Failure Reason,Last Update (UTC)');
  const byKey = new Map(lines.slice(1).map((l) => [l.split(',')[0], l.split(',')]));
  expect([...byKey.keys()].sort()).toEqual(keys);
  expect(byKey.get('bms-0150')).toEqual(expect.arrayContaining(['Failed', '3', 'Rejected by device']));
  expect(byKey.get('bms-0151')?.slice(3, 6)).toEqual(['Succeeded', '100', '1']);
  expect(byKey.get('bms-0155')?.slice(3, 7)).toEqual(['Canceled', '', '0', '']);

  // The firmware's "Devices" and "Jobs" tabs and the device's OTA history show the same records.
  await page.getByRole('link', { name: fw.name }).first().click();
  await expect(page).toHaveURL(new RegExp(`/firmware/${fw.id}`));
  const records = page.getByRole('table', { name: 'Device verification and upgrade records' });
  await expect(records.getByRole('row')).toHaveCount(6);
  await expect(records.getByRole('row').filter({ hasText: 'bms-0150' })).toContainText('Rejected by device');
  await page.getByRole('tab', { name: /^Jobs/ }).click();
  await expect(page.getByRole('table', { name: 'Jobs of this firmware' }).getByRole('row').filter({ hasText: jobName })).toContainText('2 / 5');
  await page.getByRole('tab', { name: /^Devices/ }).click();
  await records.getByRole('link', { name: 'bms-0150' }).click();
  const history = page.getByRole('table', { name: 'OTA history' });
  await expect(history.getByRole('row').filter({ hasText: jobName })).toContainText('Rejected by device');
  await history.getByRole('link', { name: jobName }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(jobName);
});

test('Delete is refused while the job runs, with the reason, and works once it is stopped', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const fw = await uploadBmsFirmware(page, testInfo, 'Delete running');
  const jobName = unique('Delete running').name;
  // Incremental: the job stays Running after its devices are done.
  const jobId = await createJobThroughWizard(page, {
    firmwareId: fw.id,
    name: jobName,
    deviceKeys: ['bms-0160'],
    method: 'Incremental',
    startOnCreation: true,
  });
  const details = new JobDetailsPage(page);
  await details.waitForPage();
  await expect(details.status()).toHaveText('Running');

  const dialog = await details.control('Delete');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog.getByTestId('confirm-error')).toHaveText('Stop the job before deleting it.');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.reload();
  await details.waitForPage();
  await expect(details.status()).toHaveText('Running');

  await details.confirmControl('Stop');
  await expect(details.status()).toHaveText('Stopped');
  const again = await details.control('Delete');
  await again.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page).toHaveURL(/\/ota-jobs$/);
  await expect(page.getByTestId('toast').filter({ hasText: `Job ${jobName} was deleted.` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'OTA jobs' }).getByRole('row').filter({ hasText: jobName })).toHaveCount(0);
  expect((await page.goto(`/ota-jobs/${jobId}`))?.status()).toBe(404);
});

test('a running job waiting for its window polls its counters, not its device table', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const fw = await uploadBmsFirmware(page, testInfo, 'Window');
  const jobName = unique('Tomorrow night').name;
  const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
  const jobId = await createJobThroughWizard(page, {
    firmwareId: fw.id,
    name: jobName,
    deviceKeys: ['bms-0173'],
    schedule: { start: `${tomorrow}T01:00`, end: `${tomorrow}T03:00` },
    startOnCreation: true,
  });
  const details = new JobDetailsPage(page);
  await details.waitForPage();
  await expect(details.status()).toHaveText('Waiting for window');
  await expect(page.getByText(/the next window opens \d{4}-\d\d-\d\d 01:00:00/)).toBeVisible();

  const requests: string[] = [];
  page.on('request', (r) => {
    const m = new RegExp(`/api/ota-jobs/${jobId}/(\\w+)`).exec(r.url());
    if (m) requests.push(m[1]);
  });
  await page.waitForTimeout(5000);
  expect(requests.filter((r) => r === 'live').length).toBeGreaterThanOrEqual(2);
  expect(requests.filter((r) => r === 'tasks')).toEqual([]);
  await details.expectCounts({ Queued: 1, Pushed: 0 }, 1000);

  const list = new OtaJobsPage(page);
  await list.goto(`?q=${encodeURIComponent(jobName)}`);
  await expect(list.row(jobName)).toContainText('Waiting for window');
});
