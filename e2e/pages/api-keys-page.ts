import { expect, type Page } from '@playwright/test';

/** Page object for Administration > "API Keys". */
export class ApiKeysPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API Keys' }).click();
    await expect(this.page.getByRole('heading', { name: 'API Keys' })).toBeVisible();
  }

  row(name: string) {
    return this.page.getByRole('row').filter({ hasText: name });
  }

  /** Creates a key and returns it as the dialog shows it, the one time it is shown. */
  async create(name: string, role: 'Developer' | 'Viewer'): Promise<string> {
    await this.page.getByRole('button', { name: 'Create API Key' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Create API Key' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Role').selectOption({ label: role });
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    const shown = this.page.getByRole('dialog', { name: 'API key created' });
    await expect(shown.getByText('you will not see it again')).toBeVisible();
    const key = await shown.getByLabel('API key').inputValue();
    await shown.getByRole('button', { name: 'Done' }).click();
    await expect(shown).toBeHidden();
    await expect(this.row(name)).toBeVisible();
    return key;
  }

  async revoke(name: string) {
    await this.page.getByRole('button', { name: `Revoke ${name}` }).click();
    await this.page.getByRole('dialog', { name: 'Revoke API key' }).getByRole('button', { name: 'Revoke' }).click();
    await expect(this.row(name).getByText('Revoked')).toBeVisible();
  }
}
