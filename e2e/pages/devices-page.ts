import { expect, type Page } from '@playwright/test';

/** The fleet pages: the "Devices" list, "Import Devices", and a device's details. */
export class DevicesPage {
  constructor(readonly page: Page) {}

  /** Imports CSV rows (after a header) through "Import Devices"; the form returns to the list with a toast. */
  async importCsv(header: string, rows: string[]) {
    await this.page.goto('/devices/import', { waitUntil: 'networkidle' });
    const text = [header, ...rows].join('\n');
    await this.page.getByLabel('Devices (CSV or JSON)').fill(text);
    await expect(this.page.getByLabel('Devices (CSV or JSON)')).toHaveValue(text);
    await this.page.getByRole('button', { name: 'Import' }).click();
    await expect(this.page.getByTestId('toast').filter({ hasText: new RegExp(`^${rows.length} devices? (was|were) imported\\.$`) })).toBeVisible();
    await expect(this.page).toHaveURL(/\/devices$/);
  }

  /** The list's rows for a search by deviceKey or name. */
  async search(q: string) {
    await this.page.goto(`/devices?q=${encodeURIComponent(q)}`);
    return this.page.getByRole('row').filter({ has: this.page.getByRole('link', { name: new RegExp(`^${q}`) }) });
  }

  /** Opens a device's details page from the list. */
  async open(deviceKey: string) {
    const rows = await this.search(deviceKey);
    await rows.getByRole('link', { name: deviceKey, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(deviceKey);
  }

  /** A value of the details page's "Basic Information" ("Firmware Version", "Last Seen", …). */
  detail(label: string) {
    return this.page.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
  }

  /** The "Online" / "Offline" badge in the details page's header. */
  state() {
    return this.page.getByText(/^(Online|Offline)$/);
  }
}
