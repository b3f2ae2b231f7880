import fs from 'node:fs';
import { ACCOUNTS, expect, signIn, test } from './fixtures';
import { JobDetailsPage } from './pages/job-details-page';
import { escapeRegExp, METER, unique, uploadFirmware } from './job-fixtures';
import { bmsKeys, createJobThroughWizard, OtaJobsPage, uploadBmsFirmware } from './pages/ota-jobs-page';

// Battery BMS devices (other journeys use the other products), each test its own: bms-0004 … (24 devices) for
// stop/start, bms-0150 (rejects every upgrade, SIMULATED_FAILURES) with bms-0151/0153/0154/0155 for cancel/retry,
// bms-0040 … (16 devices) for the Upgrading tab.
// Tasks that stay Pushed or Pending Push need Smart Meters: mtr-0103 never answers, mtr-0101 fails every upgrade
// (SIMULATED_FAILURES), mtr-0116 … mtr-0120 are plain; an imported device is not in the simulated fleet (offline).

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
  // The progress bar and the rollout chart show the same: every device succeeded.
  const bar = page.getByRole('progressbar', { name: 'Tasks succeeded' });
  await expect(bar).toHaveAttribute('aria-valuenow', '24');
  await expect(bar).toHaveAttribute('aria-valuemax', '24');
  await expect(page.getByTestId('job-succeeded-percent')).toHaveText('100%');
  const chart = page.getByRole('img', { name: 'Tasks per state over time' });
  await expect(chart).toHaveAccessibleDescription(/Now: Succeeded 24, Failed 0, Canceled 0, Upgrading 0, Pushed 0, Pending Push 0, Queued 0\.$/);
  await expect(chart.locator('.recharts-area-area').first()).toBeVisible();
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

test('Upgrading tasks offer neither "Cancel" nor a checkbox: a device that began its upgrade cannot be stopped', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const fw = await uploadBmsFirmware(page, testInfo, 'Upgrading');
  // One push at a time (Upgrading tasks do not count against it), so devices go on upgrading one after another.
  await createJobThroughWizard(page, { firmwareId: fw.id, name: unique('No cancel mid-upgrade').name, deviceKeys: bmsKeys(40, 16), maxConcurrency: 1, startOnCreation: true });
  const details = new JobDetailsPage(page);
  await details.waitForPage();
  await details.openTab('Upgrading');
  await expect(page.getByRole('button', { name: /^Cancel (selected|all)$/ })).toHaveCount(0);

  // The table read in one go, so its rows and their controls are seen at the same moment.
  const upgrading = details.tasks('Upgrading');
  const look = () =>
    upgrading.evaluate((table) => ({
      tasks: [...table.querySelectorAll('tbody tr')].filter((tr) => /bms-\d{4}/.test(tr.textContent ?? '')).length,
      cancels: [...table.querySelectorAll('button')].filter((b) => b.textContent?.trim() === 'Cancel').length,
      checkboxes: table.querySelectorAll('input[type="checkbox"], [role="checkbox"]').length,
    }));
  let seen = await look();
  await expect(async () => {
    seen = await look();
    expect(seen.tasks).toBeGreaterThan(0);
  }).toPass({ timeout: 30_000, intervals: [100] });
  expect(seen).toEqual({ tasks: seen.tasks, cancels: 0, checkboxes: 0 });
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
    maxConcurrency: 7,
    retry: { interval: '30 minutes', attempts: '5' },
    deviceRequest: true,
    schedule: { start: `${tomorrow}T01:00`, end: `${tomorrow}T03:00` },
    startOnCreation: true,
  });
  const details = new JobDetailsPage(page);
  await details.waitForPage();
  await expect(details.status()).toHaveText('Waiting for window');
  await expect(page.getByText(/the next window opens \d{4}-\d\d-\d\d 01:00:00/)).toBeVisible();

  // "Expand" shows the whole strategy as it was chosen.
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  await page.getByRole('button', { name: 'Expand' }).click();
  const strategy = page.locator('#job-strategy');
  const item = (label: string) => strategy.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
  await expect(item('Maximum Task Concurrency')).toHaveText('7');
  await expect(item('Upgrade Timeout')).toHaveText('2 hours');
  await expect(item('Retry Failed Tasks')).toHaveText('On');
  await expect(item('Retry Interval')).toHaveText('30 minutes');
  await expect(item('Max Retry Attempts')).toHaveText('5');
  await expect(item('Schedule')).toHaveText(new RegExp(`^${tomorrow} 01:00:00\\b.* – ${tomorrow} 03:00:00\\b.* \\(${escapeRegExp(zone)}\\)$`));
  await expect(item('Repeat Every Day')).toHaveText('Off');
  await expect(item('Enable Upon Device Request Upgrade')).toHaveText('On');
  await expect(item('Start Job Upon Creation')).toHaveText('On');
  await expect(item('Scope')).toHaveText('bms-0173');
  await page.getByRole('button', { name: 'Collapse' }).click();
  await expect(strategy).toHaveCount(0);

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

test('Pending Push and Pushed tasks can be canceled, "Cancel all" empties the queue, "Retry selected" retries the chosen task, and a forged cancel of a succeeded task is refused', async ({
  page,
}, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  // A device the console knows but that never connects: its push waits in Pending Push.
  const offline = unique('offline').name.replace(/\W+/g, '-').toLowerCase();
  await page.goto('/devices/import');
  await page.getByLabel('Devices (CSV or JSON)').fill(['productKey,deviceKey,name,firmwareVersion', `smart-meter,${offline},Offline meter,3.0.0`].join('\n'));
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'were imported.' })).toBeVisible();

  const fw = await uploadFirmware(page, testInfo, { prefix: 'Cancel states', product: METER, verificationRequired: false });
  const jobId = await createJobThroughWizard(page, {
    firmwareId: fw.id,
    name: unique('Every cancel').name,
    deviceKeys: ['mtr-0103', offline, 'mtr-0101', 'mtr-0120'],
    startOnCreation: true,
  });
  const details = new JobDetailsPage(page);
  await details.waitForPage();
  await details.expectCounts({ Queued: 0, 'Pending Push': 1, Pushed: 1, Failed: 1, Succeeded: 1 }, 30_000);

  // A cancel of the succeeded task, forged from the browser's own call: the server refuses it and nothing changes.
  const taskId = async (state: string, deviceKey: string) => {
    const res = await page.request.get(`/api/ota-jobs/${jobId}/tasks?state=${state}&q=${deviceKey}`);
    const body = (await res.json()) as { rows: { id: number; deviceKey: string }[] };
    return body.rows.find((r) => r.deviceKey === deviceKey)!.id;
  };
  const [pendingId, succeededId] = [await taskId('pending_push', offline), await taskId('succeeded', 'mtr-0120')];
  await details.openTab('Pending Push');
  await page.route(`**/ota-jobs/${jobId}**`, async (route) => {
    const request = route.request();
    const body = request.postData() ?? '';
    if (request.method() !== 'POST' || !request.headers()['next-action'] || !body.includes(`"taskIds":[${pendingId}]`)) return route.fallback();
    await route.continue({ postData: body.replace(`"taskIds":[${pendingId}]`, `"taskIds":[${succeededId}]`) });
  });
  await details.row('Pending Push', offline).getByRole('button', { name: 'Cancel', exact: true }).click();
  await details.taskDialog('Cancel').getByRole('button', { name: 'Cancel Tasks' }).click();
  await expect(details.taskDialog('Cancel').getByTestId('confirm-error')).toHaveText('Only queued, pending-push or pushed tasks can be canceled.');
  await page.unrouteAll({ behavior: 'wait' });
  await details.expectCounts({ Succeeded: 1, Canceled: 0 }, 1000);

  // The same dialog, sent as it is: the Pending Push task is canceled.
  await details.taskDialog('Cancel').getByRole('button', { name: 'Cancel Tasks' }).click();
  await expect(details.toast('1 task canceled.')).toBeVisible();
  await details.expectCounts({ 'Pending Push': 0, Canceled: 1 });

  // The Pushed task (the device never answers) is canceled too.
  await details.openTab('Pushed');
  await details.row('Pushed', 'mtr-0103').getByRole('button', { name: 'Cancel', exact: true }).click();
  await details.taskDialog('Cancel').getByRole('button', { name: 'Cancel Tasks' }).click();
  await details.expectCounts({ Pushed: 0, Canceled: 2 });
  await details.openTab('Canceled');
  await expect(details.row('Canceled', 'mtr-0103')).toBeVisible();
  await expect(details.row('Canceled', offline)).toBeVisible();

  // "Retry selected" retries the chosen failed task (it fails again: attempt 2).
  await details.openTab('Failed');
  await expect(page.getByRole('button', { name: 'Retry selected' })).toBeDisabled();
  await details.row('Failed', 'mtr-0101').getByRole('checkbox', { name: 'Select mtr-0101' }).check();
  await page.getByRole('button', { name: 'Retry selected' }).click();
  await expect(details.toast('1 task queued for retry.')).toBeVisible();
  await expect(details.row('Failed', 'mtr-0101').getByRole('cell').nth(5)).toHaveText('2', { timeout: 20_000 });
  await expect(details.status()).toHaveText('Completed');

  // "Cancel all" of the Queued tab, confirmed, cancels every queued task of a job not started yet.
  const queuedJob = unique('Cancel all').name;
  await createJobThroughWizard(page, { firmwareId: fw.id, name: queuedJob, deviceKeys: ['mtr-0116', 'mtr-0117', 'mtr-0118'] });
  await details.waitForPage();
  await details.expectCounts({ Queued: 3 });
  await page.getByRole('button', { name: 'Cancel all' }).click();
  await expect(details.taskDialog('Cancel')).toContainText('Cancel all 3 queued tasks of this job?');
  await details.taskDialog('Cancel').getByRole('button', { name: 'Cancel Tasks' }).click();
  await expect(details.toast('3 tasks canceled.')).toBeVisible();
  await details.expectCounts({ Queued: 0, Canceled: 3 });
});
