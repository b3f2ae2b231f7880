import { expect, type Page } from '@playwright/test';

export type FirmwareFormInput = {
  name?: string;
  version?: string;
  product?: string;
  signatureAlgorithm?: 'MD5' | 'SHA256';
  filePath?: string;
  expectedHash?: string;
  description?: string;
  verificationRequired?: boolean;
  maxDevices?: string;
  minSuccesses?: string;
};

/** The "Add Firmware" page. */
export class AddFirmwarePage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/firmware/new');
    await this.waitForForm();
  }

  /** The form is usable once React has hydrated it: until then "Upload" is disabled. */
  async waitForForm() {
    await expect(this.page.getByRole('heading', { name: 'Add Firmware' })).toBeVisible();
    await expect(this.page.getByRole('button', { name: 'Upload' })).toBeEnabled();
  }

  field(label: string) {
    return this.page.getByLabel(label);
  }

  async fill(input: FirmwareFormInput) {
    const p = this.page;
    if (input.name !== undefined) await p.getByLabel('Firmware Name').fill(input.name);
    if (input.version !== undefined) await p.getByLabel('Version').fill(input.version);
    if (input.product !== undefined) await p.getByLabel('Product').selectOption({ label: input.product });
    if (input.signatureAlgorithm) await p.getByLabel('Signature Algorithm').selectOption({ label: input.signatureAlgorithm });
    if (input.filePath) await p.getByLabel('Firmware File').setInputFiles(input.filePath);
    if (input.expectedHash !== undefined) await p.getByLabel('Expected Hash').fill(input.expectedHash);
    if (input.description !== undefined) await p.getByLabel('Description').fill(input.description);
    if (input.verificationRequired !== undefined) {
      const toggle = p.getByRole('switch', { name: 'Verification Required' });
      if ((await toggle.getAttribute('aria-checked')) !== String(input.verificationRequired)) await toggle.click();
    }
    if (input.maxDevices !== undefined) await p.getByLabel('Max Devices for Verification').fill(input.maxDevices);
    if (input.minSuccesses !== undefined) await p.getByLabel('Min Successes to Verify').fill(input.minSuccesses);
  }

  async addTag(key: string, value: string) {
    await this.page.getByRole('button', { name: 'Add Tag' }).click();
    await this.page.getByLabel(/^Tag \d+ Key$/).last().fill(key);
    await this.page.getByLabel(/^Tag \d+ Value$/).last().fill(value);
  }

  progressBar() {
    return this.page.getByRole('progressbar', { name: 'Upload progress' });
  }

  async submit() {
    await this.page.getByRole('button', { name: 'Upload' }).click();
  }

  /** Uploads and waits for the list the form returns to. */
  async upload(input: FirmwareFormInput) {
    await this.fill(input);
    await this.submit();
    await expect(this.page).toHaveURL(/\/firmware$/);
  }
}
