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
