import { expect, type Download, type Page } from '@playwright/test';

export const TASK_TABS = ['Queued', 'Pending Push', 'Pushed', 'Upgrading', 'Succeeded', 'Failed', 'Canceled'] as const;
export type TaskTab = (typeof TASK_TABS)[number];

const TEST_IDS: Record<TaskTab, string> = {
  Queued: 'queued',
  'Pending Push': 'pending_push',
  Pushed: 'pushed',
  Upgrading: 'upgrading',
  Succeeded: 'succeeded',
  Failed: 'failed',
  Canceled: 'canceled',
};

/** A job's details page: header controls, counts per state, and the device table's tabs. */
export class JobDetailsPage {
  constructor(readonly page: Page) {}

  async goto(jobId: number) {
    await this.page.goto(`/ota-jobs/${jobId}`);
    await this.waitForPage();
  }

  /** Usable once hydrated: the controls are disabled until then. */
  async waitForPage() {
    await expect(this.page.getByRole('link', { name: 'Export CSV' })).toBeVisible();
    await expect(this.page.getByRole('tablist', { name: 'Tasks by state' })).toBeVisible();
  }

  status() {
    return this.page.getByTestId('job-status');
  }

  count(state: TaskTab) {
    return this.page.getByTestId(`count-${TEST_IDS[state]}`);
  }

  async expectCounts(counts: Partial<Record<TaskTab, number>>, timeout = 20_000) {
    for (const [state, n] of Object.entries(counts) as [TaskTab, number][]) {
      await expect(this.count(state)).toHaveText(String(n), { timeout });
    }
  }

  /** "Start" / "Stop" / "Delete" in the header; returns the confirmation dialog. */
  async control(control: 'Start' | 'Stop' | 'Delete') {
    const button = this.page.getByRole('button', { name: control, exact: true });
    await expect(button).toBeEnabled();
    await button.click();
    const dialog = this.page.getByRole('dialog', { name: `${control} Job` });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** A header control, confirmed; waits for the dialog to close (the action succeeded). */
  async confirmControl(control: 'Start' | 'Stop') {
    const dialog = await this.control(control);
    await dialog.getByRole('button', { name: control, exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  tab(state: TaskTab) {
    return this.page.getByRole('tab', { name: new RegExp(`^${state}\\b`) });
  }

  async openTab(state: TaskTab) {
    await this.tab(state).click();
    await expect(this.tab(state)).toHaveAttribute('aria-selected', 'true');
  }

  tasks(state: TaskTab) {
    return this.page.getByRole('table', { name: `${state} tasks` });
  }

  row(state: TaskTab, deviceKey: string) {
    return this.tasks(state).getByRole('row').filter({ has: this.page.getByRole('button', { name: deviceKey, exact: true }) });
  }

  /** The dialog a task's "Cancel" or "Retry" opens (bulk or row). */
  taskDialog(action: 'Cancel' | 'Retry') {
    return this.page.getByRole('dialog', { name: `${action} Tasks` });
  }

  async openTimeline(state: TaskTab, deviceKey: string) {
    await this.row(state, deviceKey).getByRole('button', { name: deviceKey, exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: `Task Timeline: ${deviceKey}` });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  async exportCsv(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('link', { name: 'Export CSV' }).click();
    return download;
  }

  toast(text: string | RegExp) {
    return this.page.getByTestId('toast').filter({ hasText: text });
  }
}
