import type { Page } from '@playwright/test';
import { METER, uploadFirmware, unique, type UploadedFirmware } from '../job-fixtures';
import { ACCOUNTS, expect, signIn, test } from '../fixtures';
import { DevicesPage } from '../pages/devices-page';
import { JobDetailsPage } from '../pages/job-details-page';
import { JobWizardPage } from '../pages/job-wizard-page';

// "Incremental" over real MQTT: a device imported while the job runs, which the simulator then connects (it looks
// for new devices every half second), joins the job and is upgraded; a Snapshot job running at the same time, whose
// scope the other new device matches just as well, does not take it. Devices: imported here, smart meters tagged
// with this run's own "site" values. The Snapshot job keeps running because its one device (a simulator "hold-*"
// device) accepts the upgrade and never reports back.

async function createSiteJob(page: Page, job: { fw: UploadedFirmware; name: string; method: 'Snapshot' | 'Incremental'; site: string; inScope: number }) {
  const wizard = new JobWizardPage(page);
  await wizard.goto(job.fw.id);
  await wizard.fillBasicInformation({ name: job.name, method: job.method });
  await wizard.next();
  await wizard.chooseScopeType('By Device Tag');
  await page.getByLabel('Tag 1 Key').selectOption('site');
  await page.getByLabel('Tag 1 Values').fill(job.site);
  await wizard.expectPreviewCount(job.inScope);
  await wizard.next();
  await wizard.fillStrategy({ startOnCreation: true });
  return wizard.create(job.name);
}

test('an Incremental job adds and upgrades a device imported while it runs; a Snapshot job does not', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const run = unique('run').version.replace(/\W/g, '');
  const [snapSite, incrSite] = [`snap-${run}`, `incr-${run}`];
  const devices = new DevicesPage(page);
  const header = 'productKey,deviceKey,name,firmwareVersion,tag:site';
  await devices.importCsv(header, [`smart-meter,hold-${run},Held meter,3.0.1,${snapSite}`]);
  const fw = await uploadFirmware(page, testInfo, { prefix: 'Incremental', product: METER, verificationRequired: false });

  const details = new JobDetailsPage(page);
  const snapshotJob = await createSiteJob(page, { fw, name: unique('Snapshot site').name, method: 'Snapshot', site: snapSite, inScope: 1 });
  await details.waitForPage();
  await details.expectCounts({ Pushed: 1 }, 20_000);
  await expect(details.status()).toHaveText('Running');

  const incrementalName = unique('Incremental site').name;
  const incrementalJob = await createSiteJob(page, { fw, name: incrementalName, method: 'Incremental', site: incrSite, inScope: 0 });
  await details.waitForPage();
  await expect(details.status()).toHaveText('Running');
  await details.expectCounts({ Queued: 0, Succeeded: 0 });

  // Two new meters on the version both jobs upgrade from: one on each job's site.
  const [joining, notJoining] = [`incr-${run}-1`, `snap-${run}-1`];
  await devices.importCsv(header, [`smart-meter,${joining},Joining meter,3.0.1,${incrSite}`, `smart-meter,${notJoining},Late meter,3.0.1,${snapSite}`]);

  await details.goto(incrementalJob);
  await details.expectCounts({ Succeeded: 1, Queued: 0, Failed: 0 }, 40_000);
  await expect(details.status()).toHaveText('Running');
  await details.openTab('Succeeded');
  await expect(details.row('Succeeded', joining)).toContainText(fw.version);
  await devices.open(joining);
  await expect(devices.state()).toHaveText('Online');
  await expect(devices.detail('Firmware Version')).toHaveText(fw.version);

  // By now the Incremental job has scanned past both imports: the Snapshot job still has only its first device.
  await details.goto(snapshotJob);
  await details.expectCounts({ Queued: 0, 'Pending Push': 0, Pushed: 1, Upgrading: 0, Succeeded: 0 }, 1000);
  await expect(details.status()).toHaveText('Running');
  await devices.open(notJoining);
  await expect(devices.state()).toHaveText('Online');
  await expect(devices.detail('Firmware Version')).toHaveText('3.0.1');
  await expect(page.getByText('No OTA history yet')).toBeVisible();

  // Leave nothing running.
  for (const jobId of [snapshotJob, incrementalJob]) {
    await details.goto(jobId);
    await details.confirmControl('Stop');
    await expect(details.status()).toHaveText('Stopped');
  }
});
