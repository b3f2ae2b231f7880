import { expect, type Locator, type Page } from '@playwright/test';
import { escapeRegExp } from '../job-fixtures';

export type StrategyInput = {
  maxConcurrency?: string;
  timeoutMinutes?: string;
  retry?: { interval: string; attempts: string } | false;
  schedule?: { start: string; end: string; timeZone?: string };
  repeatEveryDay?: boolean;
  deviceRequest?: boolean;
  startOnCreation?: boolean;
};

/**
 * The job forms: the three-step "New Job" wizard and the short "Upgrade Device" / "Verify Firmware" forms, which
 * share the scope and strategy fields. Everything is reached by its label.
 */
export class JobWizardPage {
  constructor(readonly page: Page) {}

  async goto(firmwareId?: number) {
    await this.page.goto(firmwareId ? `/ota-jobs/new?firmwareId=${firmwareId}` : '/ota-jobs/new');
    await this.waitForForm();
  }

  /** The form is usable once React has hydrated it: until then its primary button is disabled. */
  async waitForForm() {
    await expect(this.primaryButton()).toBeEnabled();
  }

  primaryButton() {
    return this.page.getByRole('button', { name: /^(Next|OK)$/ });
  }

  stepHeading(step: 'Basic Information' | 'Upgrade Scope' | 'Upgrade Strategy') {
    return this.page.getByRole('heading', { name: step, exact: true });
  }

  async next() {
    await this.page.getByRole('button', { name: 'Next', exact: true }).click();
  }

  async previous() {
    await this.page.getByRole('button', { name: 'Previous', exact: true }).click();
  }

  async ok() {
    await this.page.getByRole('button', { name: 'OK', exact: true }).click();
  }

  /** A field's message, shown next to it: the control (or group) is described by it. */
  async expectFieldError(control: Locator, message: string) {
    await expect(control).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
    await expect(control.page().getByText(message, { exact: true })).toBeVisible();
  }

  // ─── Basic Information ─────────────────────────────────────────────────────────────────────────

  async fillBasicInformation(input: { name?: string; firmware?: string; method?: 'Snapshot' | 'Incremental' }) {
    if (input.name !== undefined) await this.page.getByLabel('Job Name').fill(input.name);
    if (input.firmware) await this.page.getByLabel('Firmware Name').selectOption({ label: input.firmware });
    if (input.method) await this.page.getByRole('radio', { name: input.method }).check();
  }

  // ─── Upgrade Scope ─────────────────────────────────────────────────────────────────────────────

  fromVersions() {
    return this.page.getByRole('group', { name: 'Upgrade From Versions' });
  }

  async chooseFromVersions(versions: string[]) {
    for (const v of versions) await this.fromVersions().getByLabel(v, { exact: true }).check();
  }

  async chooseScopeType(type: 'All Devices' | 'Target Devices' | 'By Attribute' | 'By Device Tag' | 'By Asset Tree') {
    await this.page.getByRole('radio', { name: type }).check();
  }

  /** Types the start of a key and picks the matching device from the suggestions. */
  async searchAndPick(prefix: string, deviceKey: string) {
    await this.page.getByLabel('Search Device Key').fill(prefix);
    await this.page.getByRole('option', { name: new RegExp(`^${deviceKey}\\b`) }).click();
  }

  async pasteDeviceKeys(keys: string[]) {
    await this.page.getByLabel('Paste Device Keys').fill(keys.join('\n'));
    await this.page.getByRole('button', { name: 'Add Keys' }).click();
  }

  selectedDevices() {
    return this.page.getByRole('list', { name: /^Selected Devices/ }).getByRole('listitem');
  }

  preview(): Locator {
    return this.page.getByRole('region', { name: 'Devices in scope' });
  }

  /** The preview's "N devices in scope", read only while it answers for what is on screen (not while it counts). */
  settledPreviewCount() {
    return this.page.locator('section[aria-label="Devices in scope"][aria-busy="false"]').getByTestId('scope-preview-count');
  }

  async expectPreviewCount(n: number) {
    await expect(this.settledPreviewCount()).toHaveText(`${n} ${n === 1 ? 'device' : 'devices'} in scope`);
  }

  /** The chosen asset trees' picker: a tree by name, then nodes inside it (expanding the path to them). */
  async chooseTree(name: string) {
    await this.page.getByRole('group', { name: 'Asset Trees' }).getByLabel(name, { exact: true }).check();
  }

  async chooseTreeNode(tree: string, path: string[]) {
    const group = this.page.getByRole('group', { name: `Nodes of ${tree}` });
    for (const step of path.slice(0, -1)) {
      // The node's toggle is drawn with it: once the node shows, a missing "Expand" means it is open already.
      await expect(group.getByLabel(step, { exact: true })).toBeVisible();
      const expand = group.getByRole('button', { name: `Expand ${step}`, exact: true });
      if (await expand.count()) await expand.click();
    }
    await group.getByLabel(path[path.length - 1], { exact: true }).check();
  }

  // ─── Upgrade Strategy ──────────────────────────────────────────────────────────────────────────

  switchFor(label: string) {
    return this.page.getByRole('switch', { name: label, exact: true });
  }

  async setSwitch(label: string, on: boolean) {
    const toggle = this.switchFor(label);
    if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', String(on));
  }

  async fillStrategy(input: StrategyInput) {
    const p = this.page;
    if (input.maxConcurrency !== undefined) await p.getByLabel('Maximum Task Concurrency').fill(input.maxConcurrency);
    if (input.timeoutMinutes !== undefined) await p.getByLabel('Upgrade Timeout').fill(input.timeoutMinutes);
    if (input.retry !== undefined) {
      await this.setSwitch('Retry Failed Tasks', input.retry !== false);
      if (input.retry) {
        await p.getByLabel('Retry Interval').selectOption({ label: input.retry.interval });
        await p.getByLabel('Max Retry Attempts').selectOption({ label: input.retry.attempts });
      }
    }
    if (input.schedule) {
      await p.getByLabel('Start Time').fill(input.schedule.start);
      await p.getByLabel('End Time').fill(input.schedule.end);
      if (input.schedule.timeZone) await p.getByLabel('Time Zone').selectOption(input.schedule.timeZone);
    }
    if (input.repeatEveryDay !== undefined) await this.setSwitch('Repeat Every Day', input.repeatEveryDay);
    if (input.deviceRequest !== undefined) await this.setSwitch('Enable Upon Device Request Upgrade', input.deviceRequest);
    if (input.startOnCreation !== undefined) await this.setSwitch('Start Job Upon Creation', input.startOnCreation);
  }

  /** "OK" that creates the job: lands on its details page with the toast; returns the job id. */
  async create(jobName?: RegExp | string): Promise<number> {
    await this.ok();
    await expect(this.page).toHaveURL(/\/ota-jobs\/\d+$/);
    const toast = this.page.getByTestId('toast').filter({ hasText: /^Job .+ was created\.$/ });
    await expect(toast).toBeVisible();
    if (jobName) await expect(toast).toHaveText(typeof jobName === 'string' ? `Job ${jobName} was created.` : jobName);
    return Number(/\/ota-jobs\/(\d+)$/.exec(this.page.url())![1]);
  }
}
