import type { Page } from '@playwright/test';
import { ACCOUNTS, expect, signIn, test } from './fixtures';
import { copyJob } from './fleet-db';
import { JobDetailsPage } from './pages/job-details-page';
import { JobWizardPage } from './pages/job-wizard-page';
import { unique } from './job-fixtures';
import { createJobThroughWizard, OtaJobsPage, uploadBmsFirmware } from './pages/ota-jobs-page';
import { recordActionCall, sendActionCall } from './server-actions';

// Battery BMS devices only, each test its own: bms-0170/0171 for the list, bms-0172 for the Viewer.

test('the list finds a job by name and filters, and starts and stops it from its row with a confirmation', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const fw = await uploadBmsFirmware(page, testInfo, 'List');
  const jobName = unique('Listed job').name;
  const jobId = await createJobThroughWizard(page, {
    firmwareId: fw.id,
    name: jobName,
    deviceKeys: ['bms-0170', 'bms-0171'],
    method: 'Incremental',
  });

  const list = new OtaJobsPage(page);
  await list.goto();
  await expect(page.getByRole('link', { name: 'New Job' })).toHaveAttribute('href', '/ota-jobs/new');
  await list.filter({ name: jobName });
  await expect(list.table().getByRole('row')).toHaveCount(2);
  const headers = await list.table().getByRole('columnheader').allTextContents();
  expect(headers.slice(0, 9)).toEqual(['Job ID', 'Job Name', 'Firmware', 'Version', 'Product', 'Type', 'Status', 'Progress', 'Created']);
  await expect(list.row(jobName).getByRole('cell')).toHaveText([
    String(jobId),
    jobName,
    fw.name,
    fw.version,
    'Battery BMS',
    'Upgrade',
    'Not Started',
    '0 / 2',
    /^\d{4}-\d\d-\d\d/,
    /View Details/,
  ]);

  // SPEC 4.8's order of the job types.
  await expect(page.getByRole('search').getByLabel('Job Type').getByRole('option')).toHaveText(['All', 'Verification', 'Upgrade']);
  await list.filter({ firmware: `${fw.name} (${fw.version})`, jobType: 'Upgrade', product: 'Battery BMS', jobStatus: 'Not Started' });
  await expect(list.row(jobName)).toHaveCount(1);
  await list.filter({ jobType: 'Verification' });
  await expect(page.getByText('No jobs match')).toBeVisible();
  await list.goto(`?q=${encodeURIComponent(jobName)}`);

  // "Start" asks first; dismissing changes nothing.
  let dialog = await list.rowControl(jobName, 'Start');
  await expect(dialog).toContainText(jobName);
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(list.row(jobName)).toContainText('Not Started');
  dialog = await list.rowControl(jobName, 'Start');
  await dialog.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(list.row(jobName)).toContainText('Running');
  await expect(list.row(jobName)).toContainText('2 / 2', { timeout: 20_000 });

  // Deleting a running job is refused in the dialog, with the reason.
  dialog = await list.rowControl(jobName, 'Delete');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog.getByTestId('confirm-error')).toHaveText('Stop the job before deleting it.');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();

  dialog = await list.rowControl(jobName, 'Stop');
  await dialog.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(list.row(jobName)).toContainText('Stopped');
  await list.row(jobName).getByRole('link', { name: 'View Details' }).click();
  await expect(page).toHaveURL(new RegExp(`/ota-jobs/${jobId}$`));
  await expect(new JobDetailsPage(page).status()).toHaveText('Stopped');
});

/** A job id that names no job: the Developer's own recorded call is sent on with it, so it changes nothing. */
const NO_JOB = 2_147_483_647;

/** The request a Developer's browser sends for a server action, recorded and sent on with a job id that names nothing. */
async function recordJobActionCall(page: Page, jobId: number, trigger: () => Promise<void>) {
  // The Developer's own call must not change the job: it goes on naming no job, which the server refuses.
  const recorded = await recordActionCall(page, '**/ota-jobs**', (body) => body.replace(`"jobId":${jobId}`, `"jobId":${NO_JOB}`), trigger);
  expect(recorded.body).toContain(`"jobId":${jobId}`);
  return recorded;
}

test('a Viewer sees jobs read-only, and a forged control call from a Viewer is refused', async ({ page, browser }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const fw = await uploadBmsFirmware(page, testInfo, 'Viewer');
  const jobName = unique('Viewed job').name;
  const jobId = await createJobThroughWizard(page, { firmwareId: fw.id, name: jobName, deviceKeys: ['bms-0172'] });
  const details = new JobDetailsPage(page);
  await details.waitForPage();

  // What the browser sends for "Start" and "Delete", with the Developer's session.
  const start = await recordJobActionCall(page, jobId, async () => {
    const dialog = await details.control('Start');
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(dialog.getByTestId('confirm-error')).toHaveText('Job not found.');
  });
  await page.keyboard.press('Escape');
  const del = await recordJobActionCall(page, jobId, async () => {
    const dialog = await details.control('Delete');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(dialog.getByTestId('confirm-error')).toHaveText('Job not found.');
  });

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, ACCOUNTS.viewer);
  const list = new OtaJobsPage(viewer);
  await list.goto(`?q=${encodeURIComponent(jobName)}`);
  await expect(list.row(jobName)).toContainText('Not Started');
  await expect(viewer.getByRole('link', { name: 'New Job' })).toHaveCount(0);
  await expect(list.table().getByRole('button')).toHaveCount(0);

  await list.row(jobName).getByRole('link', { name: 'View Details' }).click();
  const viewerDetails = new JobDetailsPage(viewer);
  await viewerDetails.waitForPage();
  await expect(viewer.getByRole('button', { name: /^(Start|Stop|Delete|Cancel selected|Cancel all)$/ })).toHaveCount(0);
  await expect(viewerDetails.tasks('Queued').getByRole('button', { name: /^(Cancel|Retry)$/ })).toHaveCount(0);
  await expect(viewerDetails.tasks('Queued').getByRole('checkbox')).toHaveCount(0);
  await expect(viewer.getByRole('link', { name: 'Export CSV' })).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Expand' })).toBeVisible();

  // The same calls, sent from the Viewer's signed-in browser: refused by the server, and nothing changes.
  for (const call of [start, del]) {
    const answer = await sendActionCall(viewer, call);
    expect(answer).toContain('You do not have permission to do this.');
  }
  await viewer.reload();
  await viewerDetails.waitForPage();
  await expect(viewerDetails.status()).toHaveText('Not Started');
  await viewerDetails.expectCounts({ Queued: 1 });
  await viewerContext.close();

  // The Developer can still start it: the refused calls left it as it was.
  await page.reload();
  await details.waitForPage();
  await details.confirmControl('Start');
  await details.expectCounts({ Succeeded: 1 });
});

test('"New Job" opens the wizard, and the list pages on the server', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const fw = await uploadBmsFirmware(page, testInfo, 'Pages');
  const prefix = unique('Paged').name;
  const jobId = await createJobThroughWizard(page, { firmwareId: fw.id, name: `${prefix} 00`, deviceKeys: ['bms-0171'] });
  copyJob(jobId, Array.from({ length: 21 }, (_, i) => `${prefix} ${String(i + 1).padStart(2, '0')}`));

  const list = new OtaJobsPage(page);
  await list.goto();
  await page.getByRole('link', { name: 'New Job' }).first().click();
  await expect(page).toHaveURL(/\/ota-jobs\/new$/);
  await expect(new JobWizardPage(page).stepHeading('Basic Information')).toBeVisible();

  // 22 jobs of this name: 20 on the first page, newest first, then 2.
  await list.goto(`?q=${encodeURIComponent(prefix)}`);
  const jobRows = list.table().getByRole('row').filter({ hasText: prefix });
  await expect(jobRows).toHaveCount(20);
  await expect(page.getByText(/^1–20 of 22$/)).toBeVisible();
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(page.getByText(/^21–22 of 22$/)).toBeVisible();
  await expect(jobRows).toHaveCount(2);
  // A page past the end (an old link, or jobs deleted since) shows the last page.
  await list.goto(`?q=${encodeURIComponent(prefix)}&page=9`);
  await expect(page.getByText(/^21–22 of 22$/)).toBeVisible();
  await expect(jobRows).toHaveCount(2);
});
