import { addAssetTrees, RING_DEVICES } from './fleet-db';
import { ACCOUNTS, expect, signIn, test } from './fixtures';
import { escapeRegExp, expectFirmwareStatus, INVERTER, METER, startJob, stopJob, taskCount, unique, uploadFirmware } from './job-fixtures';
import { FirmwareDetailsPage } from './pages/firmware-details';
import { JobWizardPage } from './pages/job-wizard-page';

// Upgrade jobs here use Smart Inverter devices only (the other journeys keep to other products), each test its own
// devices: inv-0201…0204 (inv-0201 never reported a version in the seed), inv-0205/0206, and the eight inverters the
// seeded "Solar Farms" tree holds under Farm D > String 3.

test('a Developer creates an upgrade job of chosen devices through the three steps, starts it and watches it succeed', async ({
  page,
}, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const fw = await uploadFirmware(page, testInfo, { prefix: 'Wizard', product: INVERTER, verificationRequired: false });

  // "Create New Job" on the firmware's details page opens the wizard with the firmware chosen.
  const menu = await new FirmwareDetailsPage(page).openVerificationMenu();
  await menu.getByRole('menuitem', { name: 'Create New Job' }).click();
  const wizard = new JobWizardPage(page);
  await wizard.waitForForm();
  await expect(wizard.stepHeading('Basic Information')).toBeVisible();
  await expect(page.getByLabel('Firmware Name')).toHaveValue(String(fw.id));
  await expect(page.getByLabel('Product')).toHaveValue('Smart Inverter');
  await expect(page.getByLabel('Type')).toHaveValue('Upgrade');
  await expect(page.getByRole('radio', { name: 'Snapshot' })).toBeChecked();
  const jobName = unique('Chosen inverters').name;
  await wizard.fillBasicInformation({ name: jobName });
  await wizard.next();

  await expect(wizard.stepHeading('Upgrade Scope')).toBeVisible();
  await wizard.chooseScopeType('Target Devices');
  await wizard.searchAndPick('inv-020', 'inv-0202');
  await wizard.pasteDeviceKeys(['inv-0201', 'inv-0203', 'inv-0204']);
  await expect(wizard.selectedDevices()).toHaveText([/^inv-0202/, /^inv-0201/, /^inv-0203/, /^inv-0204/]);
  // A key no device has is named, and "Next" refuses it next to the device search.
  await wizard.pasteDeviceKeys(['no-such-device']);
  await expect(page.getByTestId('job-unknown-keys')).toContainText('Unknown device keys: no-such-device');
  await wizard.next();
  await expect(page.getByLabel('Search Device Key')).toHaveAccessibleDescription('Unknown device keys: no-such-device');
  await expect(wizard.stepHeading('Upgrade Scope')).toBeVisible();
  await page.getByRole('button', { name: 'Remove no-such-device' }).click();
  // inv-0201 never reported a version: the preview says so and leaves it out.
  await wizard.expectPreviewCount(3);
  await expect(wizard.preview()).toContainText('inv-0201: Has not reported a version');

  // "Previous" and "Next" keep everything.
  await wizard.previous();
  await expect(page.getByLabel('Job Name')).toHaveValue(jobName);
  await wizard.next();
  await expect(page.getByRole('radio', { name: 'Target Devices' })).toBeChecked();
  await expect(wizard.selectedDevices()).toHaveCount(4);
  await wizard.next();

  await expect(wizard.stepHeading('Upgrade Strategy')).toBeVisible();
  await expect(page.getByLabel('Maximum Task Concurrency')).toHaveValue('300');
  await expect(page.getByLabel('Upgrade Timeout')).toHaveValue('120');
  await expect(wizard.switchFor('Retry Failed Tasks')).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByLabel('Retry Interval')).toHaveCount(0);
  await expect(wizard.switchFor('Enable Upon Device Request Upgrade')).toHaveAttribute('aria-checked', 'false');
  await expect(wizard.switchFor('Start Job Upon Creation')).toHaveAttribute('aria-checked', 'false');
  await expect(wizard.switchFor('Start Job Upon Creation')).toHaveAccessibleDescription('The job waits until you start it.');
  // Retrying offers SPEC 4.4's intervals and attempts, immediate and once by default.
  await wizard.setSwitch('Retry Failed Tasks', true);
  await expect(page.getByLabel('Retry Interval').getByRole('option')).toHaveText(['0 minutes (immediate)', '10 minutes', '30 minutes', '1 hour', '24 hours']);
  await expect(page.getByLabel('Retry Interval')).toHaveValue('0');
  await expect(page.getByLabel('Max Retry Attempts').getByRole('option')).toHaveText(['1', '2', '5']);
  await expect(page.getByLabel('Max Retry Attempts')).toHaveValue('1');
  await wizard.setSwitch('Retry Failed Tasks', false);
  await wizard.create(jobName);

  // The job waits for a manual start; its three tasks then succeed while the page updates itself.
  await expect(taskCount(page, 'queued')).toHaveText('3');
  await startJob(page);
  await expect(taskCount(page, 'succeeded')).toHaveText('3', { timeout: 30_000 });
});

test('"Upgrade Device" upgrades chosen devices; an "All Devices" job from their new version then takes exactly them', async ({
  page,
}, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const first = await uploadFirmware(page, testInfo, { prefix: 'Step one', product: INVERTER, verificationRequired: false });
  const menu = await new FirmwareDetailsPage(page).openVerificationMenu();
  await menu.getByRole('menuitem', { name: 'Upgrade Device' }).click();
  await expect(page.getByRole('heading', { name: 'Upgrade Device' })).toBeVisible();
  const form = new JobWizardPage(page);
  await form.waitForForm();
  await form.pasteDeviceKeys(['inv-0205', 'inv-0206']);
  await form.expectPreviewCount(2);
  await form.fillStrategy({ startOnCreation: true });
  // Named after the firmware (its name shortened if need be, never its version) and the time.
  await form.create(new RegExp(`^Job Upgrade .*${escapeRegExp(first.version)} \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC was created\\.$`));
  // Exactly the two chosen devices became tasks.
  const tasksSucceeded = page.getByRole('progressbar', { name: 'Tasks succeeded' });
  await expect(tasksSucceeded).toHaveAttribute('aria-valuemax', '2');
  await expect(taskCount(page, 'succeeded')).toHaveText('2', { timeout: 30_000 });

  const second = await uploadFirmware(page, testInfo, { prefix: 'Step two', product: INVERTER, verificationRequired: false });
  const wizard = new JobWizardPage(page);
  await wizard.goto();
  const jobName = unique('From step one').name;
  await wizard.fillBasicInformation({ name: jobName, firmware: second.label, method: 'Snapshot' });
  await wizard.next();
  await expect(page.getByRole('radio', { name: 'All Devices' })).toBeChecked();
  await wizard.chooseFromVersions([first.version]);
  await wizard.expectPreviewCount(2);
  await expect(wizard.preview().getByRole('row')).toHaveText([/Device Key/, /^inv-0205/, /^inv-0206/]);
  const previewed = Number(/^\d+/.exec(await wizard.settledPreviewCount().innerText())![0]);
  await wizard.next();
  await wizard.fillStrategy({ startOnCreation: true });
  await wizard.create(jobName);
  // The job holds exactly the previewed devices, no device more.
  await expect(tasksSucceeded).toHaveAttribute('aria-valuemax', String(previewed));
  await expect(taskCount(page, 'succeeded')).toHaveText('2', { timeout: 30_000 });
  await expect(tasksSucceeded).toHaveAttribute('aria-valuemax', '2');
});

test('a "By Asset Tree" job takes every device below the chosen node, as previewed', async ({ page }, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  const fw = await uploadFirmware(page, testInfo, { prefix: 'Tree', product: INVERTER, verificationRequired: false });
  const wizard = new JobWizardPage(page);
  await wizard.goto(fw.id);
  const jobName = unique('String 3 of Farm D').name;
  await wizard.fillBasicInformation({ name: jobName, method: 'Incremental' });
  await wizard.next();
  await wizard.chooseScopeType('By Asset Tree');
  await wizard.chooseTree('Solar Farms');
  await wizard.chooseTreeNode('Solar Farms', ['Solar Portfolio', 'Farm D', 'String 3']);
  await wizard.expectPreviewCount(8);
  await expect(wizard.preview()).toContainText('inv-0068');
  await expect(wizard.preview()).toContainText('inv-0096');
  await wizard.next();
  await wizard.fillStrategy({ maxConcurrency: '3', retry: { interval: '10 minutes', attempts: '2' }, startOnCreation: true });
  await wizard.create(jobName);
  // Exactly the previewed devices became tasks.
  await expect(page.getByRole('progressbar', { name: 'Tasks succeeded' })).toHaveAttribute('aria-valuemax', '8');
  await expect(taskCount(page, 'succeeded')).toHaveText('8', { timeout: 30_000 });
  await expect(page.getByRole('progressbar', { name: 'Tasks succeeded' })).toHaveAttribute('aria-valuemax', '8');
  // An Incremental job runs until stopped.
  await stopJob(page);
});

test('"By Attribute" and "By Device Tag" jobs take the devices whose attributes and tags match, as previewed, and upgrade them', async ({
  page,
}, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  // RING_DEVICES (e2e/fleet-db.ts): inverters with an attribute and a tag no other device has, in the simulated fleet.
  const key = (n: number) => RING_DEVICES[n - 1].deviceKey;
  const fw = await uploadFirmware(page, testInfo, { prefix: 'Attributes', product: INVERTER, verificationRequired: false });
  const wizard = new JobWizardPage(page);
  await wizard.goto(fw.id);
  const byAttribute = unique('Revision 4 to 10').name;
  await wizard.fillBasicInformation({ name: byAttribute });
  await wizard.next();
  await wizard.chooseScopeType('By Attribute');
  await page.getByLabel('Attribute 1 Name').selectOption('e2eRevision');
  await page.getByLabel('Attribute 1 Match').selectOption({ label: 'Is in a numeric range' });
  await page.getByLabel('Attribute 1 Min').fill('4');
  await page.getByLabel('Attribute 1 Max').fill('10');
  // Ring 2 (5) and Ring 3 (9); Ring 4 (6) never reported a version.
  await wizard.expectPreviewCount(2);
  await page.getByRole('button', { name: '+ Add Condition' }).click();
  await page.getByLabel('Attribute 2 Name').selectOption('e2eRevision');
  await page.getByLabel('Attribute 2 Values').fill('5, 2');
  await wizard.expectPreviewCount(1);
  await page.getByRole('button', { name: 'Remove attribute condition 2' }).click();
  await wizard.expectPreviewCount(2);
  await expect(wizard.preview().getByRole('row')).toHaveText([/Device Key/, new RegExp(`^${key(2)}`), new RegExp(`^${key(3)}`)]);
  await wizard.next();
  await wizard.create(byAttribute);
  await expect(taskCount(page, 'queued')).toHaveText('2');
  await startJob(page);
  await expect(taskCount(page, 'succeeded')).toHaveText('2', { timeout: 30_000 });
  await expect(page.getByTestId('job-status')).toHaveText('Completed');

  await wizard.goto(fw.id);
  const byTag = unique('Ring A').name;
  await wizard.fillBasicInformation({ name: byTag });
  await wizard.next();
  await wizard.chooseScopeType('By Device Tag');
  await page.getByLabel('Tag 1 Key').selectOption('e2eRing');
  await page.getByRole('button', { name: '+ ring-a' }).click();
  await expect(page.getByLabel('Tag 1 Values')).toHaveValue('ring-a');
  // Ring 1 and Ring 2 carry the tag, but Ring 2 already runs this firmware (the first job upgraded it).
  await wizard.expectPreviewCount(1);
  await expect(wizard.preview().getByRole('row')).toHaveText([/Device Key/, new RegExp(`^${key(1)}`)]);
  await wizard.next();
  await wizard.create(byTag);
  await expect(taskCount(page, 'queued')).toHaveText('1');
  await startJob(page);
  await expect(taskCount(page, 'succeeded')).toHaveText('1', { timeout: 30_000 });
  await expect(page.getByTestId('job-status')).toHaveText('Completed');
});

test('"New Job" also offers firmware still to verify: its job is a Verification of a few chosen devices, and the firmware shows "Verifying" once it runs', async ({
  page,
}, testInfo) => {
  await signIn(page, ACCOUNTS.developer);
  // Smart Meters (the verification journeys' product): mtr-0103 never answers, so the job keeps running until stopped.
  const fw = await uploadFirmware(page, testInfo, { prefix: 'Wizard verify', product: METER, verificationRequired: true, maxDevices: '2' });
  const wizard = new JobWizardPage(page);
  await wizard.goto();
  const jobName = unique('Verify from New Job').name;
  await wizard.fillBasicInformation({ name: jobName, firmware: `${fw.label} — Unverified (verification)` });
  await expect(page.getByLabel('Type')).toHaveValue('Verification');
  await expect(page.getByLabel('Product')).toHaveValue('Smart Meter');
  // A verification job is a Snapshot of chosen devices, at most the firmware's "Max Devices for Verification".
  await expect(page.getByRole('radio', { name: 'Snapshot' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Incremental' })).toHaveCount(0);
  await wizard.next();
  await expect(wizard.stepHeading('Upgrade Scope')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'All Devices' })).toHaveCount(0);
  await expect(page.getByText(/^Choose 1 to 2 Smart Meter devices to verify on\./)).toBeVisible();
  await wizard.pasteDeviceKeys(['mtr-0103', 'mtr-0006', 'mtr-0007']);
  await expect(wizard.selectedDevices()).toHaveText([/^mtr-0103/, /^mtr-0006/]);
  await expect(page.getByText('At most 2 devices can be chosen; not added: mtr-0007')).toBeVisible();
  await wizard.expectPreviewCount(2);
  await wizard.next();
  await expect(page.getByLabel('Maximum Task Concurrency')).toHaveCount(0);
  await expect(wizard.switchFor('Repeat Every Day')).toHaveCount(0);
  await expect(page.getByLabel('Upgrade Timeout')).toHaveValue('120');
  await wizard.fillStrategy({ startOnCreation: true });
  const jobId = await wizard.create(jobName);

  const detail = (label: string) => page.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
  await expect(detail('Type')).toHaveText('Verification');
  await expect(page.getByRole('progressbar', { name: 'Tasks succeeded' })).toHaveAttribute('aria-valuemax', '2');
  await expectFirmwareStatus(page, fw.id, 'Verifying');

  // Stopped and deleted, the job frees mtr-0103 for the other journeys.
  await page.goto(`/ota-jobs/${jobId}`);
  await stopJob(page);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog', { name: 'Delete Job' }).getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page).toHaveURL(/\/ota-jobs$/);
});

test('each step refuses invalid values next to their fields and keeps everything typed', async ({ page }, testInfo) => {
  const trees = Array.from({ length: 4 }, (_, i) => `${unique('Extra tree').name} ${i + 1}`);
  addAssetTrees('Demo Energy', trees);
  await signIn(page, ACCOUNTS.developer);
  const fw = await uploadFirmware(page, testInfo, { prefix: 'Refusals', product: INVERTER, verificationRequired: false });
  const wizard = new JobWizardPage(page);
  await wizard.goto();

  // Step 1: an empty "Job Name".
  await wizard.fillBasicInformation({ firmware: fw.label, method: 'Incremental' });
  await wizard.next();
  await wizard.expectFieldError(page.getByLabel('Job Name'), 'Enter a job name');
  await expect(wizard.stepHeading('Basic Information')).toBeVisible();
  await expect(page.getByLabel('Firmware Name')).toHaveValue(String(fw.id));
  await expect(page.getByRole('radio', { name: 'Incremental' })).toBeChecked();
  await wizard.fillBasicInformation({ name: 'Refused values' });
  await wizard.next();

  // Step 2: a sixth asset tree.
  await wizard.chooseScopeType('By Asset Tree');
  for (const tree of ['Solar Farms', 'Grid Storage', ...trees.slice(0, 3)]) await wizard.chooseTree(tree);
  const treePicker = page.getByRole('group', { name: 'Asset Trees' });
  await treePicker.getByLabel(trees[3], { exact: true }).click();
  await wizard.expectFieldError(treePicker, 'Choose at most 5 asset trees');
  await expect(treePicker.getByLabel(trees[3], { exact: true })).not.toBeChecked();
  await expect(treePicker.getByRole('checkbox', { checked: true })).toHaveCount(5);
  await wizard.next();
  for (const tree of ['Solar Farms', 'Grid Storage', ...trees.slice(0, 3)]) {
    await expect(page.getByRole('group', { name: `Nodes of ${tree}` })).toHaveAccessibleDescription(/Choose at least one node/);
  }
  await expect(page.getByText('Choose at least one node', { exact: true })).toHaveCount(5);
  await expect(wizard.stepHeading('Upgrade Scope')).toBeVisible();
  for (const tree of ['Grid Storage', ...trees.slice(0, 3)]) await treePicker.getByLabel(tree, { exact: true }).uncheck();
  await wizard.chooseTreeNode('Solar Farms', ['Solar Portfolio', 'Farm A', 'String 1']);
  await wizard.next();

  // Step 3: a concurrency of 0, an end before the start, "Repeat Every Day" across two dates.
  await wizard.fillStrategy({ maxConcurrency: '0', schedule: { start: '2031-03-21T09:00', end: '2031-03-20T17:00', timeZone: 'Europe/Berlin' } });
  await wizard.ok();
  await wizard.expectFieldError(page.getByLabel('Maximum Task Concurrency'), 'Enter a number from 1 to 100000');
  await wizard.expectFieldError(page.getByLabel('End Time'), 'The end must be after the start');
  await expect(page.getByLabel('Maximum Task Concurrency')).toHaveValue('0');
  await expect(page.getByLabel('End Time')).toHaveValue('2031-03-20T17:00');
  await expect(wizard.switchFor('Repeat Every Day')).toBeDisabled();

  // "Repeat Every Day" only while the start and end share a date: an end moved to another date turns it off.
  const repeat = wizard.switchFor('Repeat Every Day');
  await wizard.fillStrategy({ maxConcurrency: '50', schedule: { start: '2031-03-21T09:00', end: '2031-03-21T17:00' }, repeatEveryDay: true });
  await page.getByLabel('End Time').fill('2031-03-22T17:00');
  await expect(repeat).toHaveAttribute('aria-checked', 'false');
  await expect(repeat).toBeDisabled();
  await expect(repeat).toHaveAccessibleDescription(/^Off: the start and end fall on different dates/);
  await page.getByLabel('End Time').fill('2031-03-21T17:00');
  await expect(repeat).toBeEnabled();
  await expect(repeat).toHaveAttribute('aria-checked', 'false');
  await wizard.setSwitch('Repeat Every Day', true);

  // Going back and forth loses nothing either.
  await wizard.previous();
  await expect(page.getByRole('group', { name: 'Nodes of Solar Farms' }).getByLabel('String 1', { exact: true })).toBeChecked();
  await wizard.previous();
  await expect(page.getByLabel('Job Name')).toHaveValue('Refused values');
  await wizard.next();
  await wizard.next();
  await expect(page.getByLabel('Maximum Task Concurrency')).toHaveValue('50');
  await expect(page.getByLabel('Time Zone')).toHaveValue('Europe/Berlin');
  await expect(repeat).toHaveAttribute('aria-checked', 'true');

  // The server's own refusal (an end already past) comes back next to its field, with every value still there.
  await page.getByLabel('Start Time').fill('2020-01-01T09:00');
  await page.getByLabel('End Time').fill('2020-01-01T17:00');
  await wizard.ok();
  await wizard.expectFieldError(page.getByLabel('End Time'), 'The end must be in the future');
  await expect(page).toHaveURL(/\/ota-jobs\/new$/);
  await expect(page.getByLabel('Maximum Task Concurrency')).toHaveValue('50');
  await expect(page.getByLabel('Maximum Task Concurrency')).toHaveAccessibleDescription(/^1 to 100000 tasks at once/);
  await expect(page.getByText('Enter a number from 1 to 100000')).toHaveCount(0);
  await expect(page.getByLabel('Start Time')).toHaveValue('2020-01-01T09:00');
});
