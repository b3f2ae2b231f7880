import { expect, type Page } from '@playwright/test';

/** A firmware's details page. */
export class FirmwareDetailsPage {
  constructor(readonly page: Page) {}

  sha256() {
    return this.page.getByTestId('firmware-sha256');
  }

  md5() {
    return this.page.getByTestId('firmware-md5');
  }

  sign() {
    return this.page.getByTestId('firmware-sign');
  }

  /** The value shown beside a label of the "Basic Information" or "Firmware File" lists. */
  detail(label: string) {
    return this.page.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
  }

  /** The version-distribution chart; its accessible name lists every bar as "<version> <devices>". */
  versionChart() {
    return this.page.getByRole('img', { name: /^Devices per current firmware version:/ });
  }

  async openVerificationMenu() {
    await this.page.getByRole('button', { name: 'Verification' }).click();
    const menu = this.page.getByRole('menu', { name: 'Verification' });
    await expect(menu).toBeVisible();
    return menu;
  }
}
