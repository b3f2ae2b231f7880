import { expect, type Page } from '@playwright/test';

/** The "Firmware Management" list. */
export class FirmwareListPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/firmware');
    await expect(this.page.getByRole('heading', { name: 'Firmware Management' })).toBeVisible();
  }

  addFirmwareLinks() {
    return this.page.getByRole('link', { name: 'Add Firmware' });
  }

  async searchByName(name: string) {
    await this.page.getByRole('search').getByLabel('Firmware Name').fill(name);
    await this.page.getByRole('button', { name: 'Search' }).click();
    await expect(this.page).toHaveURL(/[?&]q=/);
  }

  /** Chooses filters of the bar by their option labels ("All products", "No Need"…) and submits it. */
  async filter(input: { product?: string; status?: string }) {
    const bar = this.page.getByRole('search');
    if (input.product) await bar.getByLabel('Product').selectOption({ label: input.product });
    if (input.status) await bar.getByLabel('Status').selectOption({ label: input.status });
    await bar.getByRole('button', { name: 'Search' }).click();
    await expect(this.page).toHaveURL(/\/firmware\?/);
  }

  /** The "Created" column header, a link that flips the order; its name says the current one. */
  sortByCreated() {
    return this.table().getByRole('link', { name: /^Created time, sorted/ });
  }

  /** The firmware names of the rows shown, top to bottom. */
  names() {
    return this.table().getByRole('row').locator('td:nth-child(2)');
  }

  table() {
    return this.page.getByRole('table', { name: 'Firmware' });
  }

  row(name: string) {
    return this.table().getByRole('row').filter({ hasText: name });
  }

  async openDetails(name: string) {
    await this.row(name).getByRole('link', { name: 'View Details' }).click();
    await expect(this.page).toHaveURL(/\/firmware\/\d+/);
  }
}
