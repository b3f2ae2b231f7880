import { expect, type Page } from '@playwright/test';

/** Page object for Administration > "Users & Roles". */
export class UsersPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/users');
    await expect(this.page.getByRole('heading', { name: 'Users & Roles' })).toBeVisible();
  }

  row(email: string) {
    return this.page.getByRole('row').filter({ hasText: email });
  }

  async addUser(user: { email: string; name: string; password: string; role: string }) {
    await this.page.getByRole('button', { name: 'Add User' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Add User' });
    await dialog.getByLabel('Email').fill(user.email);
    await dialog.getByLabel('Name').fill(user.name);
    await dialog.getByLabel('Initial Password').fill(user.password);
    await dialog.getByLabel('Role').selectOption({ label: user.role });
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(this.row(user.email)).toBeVisible();
  }

  async remove(email: string) {
    await this.page.getByRole('button', { name: `Remove ${email}` }).click();
    await this.page.getByRole('dialog', { name: 'Remove member' }).getByRole('button', { name: 'Remove' }).click();
  }
}
