import { ACCOUNTS, expect, signIn, test } from './fixtures';
import { UsersPage } from './pages/users-page';

test('the OU Admin sees every section, including Users & Roles', async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Firmware Management', 'OTA Jobs', 'Devices', 'Products', 'Asset Trees', 'Users & Roles']) {
    await expect(nav.getByRole('link', { name })).toBeVisible();
  }
  await nav.getByRole('link', { name: 'Users & Roles' }).click();
  await expect(page.getByRole('row').filter({ hasText: ACCOUNTS.viewer })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add User' })).toBeVisible();
});

test('the Viewer reads the fleet but gets no Users & Roles and no create buttons', async ({ page }) => {
  await signIn(page, ACCOUNTS.viewer);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Users & Roles' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Devices' }).click();
  await page.getByLabel('Search').fill('inv-0001');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('link', { name: 'inv-0001' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^(Add|New|Create)/ })).toHaveCount(0);
  await page.goto('/users');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test('a member without a console role is told to ask for the Developer role', async ({ page }) => {
  await signIn(page, ACCOUNTS.norole);
  await expect(page.getByRole('heading', { name: 'You need the Developer role' })).toBeVisible();
  await expect(page.getByText('Contact your OU administrator')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await page.goto('/devices');
  await expect(page.getByRole('heading', { name: 'You need the Developer role' })).toBeVisible();
});

test('a Northwind Grid user who opens a Demo Energy device URL gets a not-found page', async ({ page }) => {
  await signIn(page, ACCOUNTS.developer);
  await page.goto('/devices?q=inv-0001');
  await page.getByRole('link', { name: 'inv-0001' }).click();
  await expect(page.getByRole('heading', { name: 'inv-0001' })).toBeVisible();
  const deviceUrl = page.url();

  await page.context().clearCookies();
  await signIn(page, ACCOUNTS.northwindAdmin);
  const response = await page.goto(deviceUrl);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('inv-0001')).toHaveCount(0);
});

test('a user of two OUs switches between them with the OU switcher', async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  const switcher = page.getByLabel('Current OU');
  await expect(switcher).toHaveValue(/\d+/);
  await switcher.selectOption({ label: 'Northwind Grid' });
  await expect(page.getByText('Viewer', { exact: true })).toBeVisible();
  await page.goto('/devices');
  await expect(page.getByRole('link', { name: 'nw-relay-0001' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'inv-0001' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users & Roles' })).toHaveCount(0);
  await page.getByLabel('Current OU').selectOption({ label: 'Demo Energy' });
  await expect(page.getByText('OU Admin', { exact: true })).toBeVisible();
});

test('an OU Admin adds a user, who can then sign in with the role given', async ({ page }) => {
  const email = `e2e-${Date.now()}@demo.local`;
  await signIn(page, ACCOUNTS.admin);
  const users = new UsersPage(page);
  await users.open();
  await users.addUser({ email, name: 'E2E Person', password: 'e2e-password-1', role: 'Viewer' });
  await expect(users.row(email).getByRole('combobox')).toHaveValue('viewer');

  await page.context().clearCookies();
  await signIn(page, email, 'e2e-password-1');
  await expect(page.getByText('Viewer', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Firmware Management' })).toBeVisible();
});

test('the add-user form shows each error next to its field and keeps what was typed', async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  await new UsersPage(page).open();
  await page.getByRole('button', { name: 'Add User' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add User' });
  await dialog.getByLabel('Email').fill('not-an-email');
  await dialog.getByLabel('Initial Password').fill('short');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog.getByTestId('member-email-error')).toHaveText('Enter a valid email address');
  await expect(dialog.getByTestId('member-name-error')).toHaveText('Enter a name');
  await expect(dialog.getByTestId('member-password-error')).toHaveText('At least 8 characters');
  await expect(dialog.getByLabel('Email')).toHaveValue('not-an-email');
});

test('removing the last OU Admin is refused with a clear message', async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  const users = new UsersPage(page);
  await users.open();
  await users.remove(ACCOUNTS.admin);
  await expect(page.getByTestId('confirm-error')).toHaveText('An OU must keep at least one OU Admin.');
  await page.getByRole('dialog', { name: 'Remove member' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(users.row(ACCOUNTS.admin)).toBeVisible();

  await users.row(ACCOUNTS.admin).getByRole('combobox').selectOption('developer');
  await expect(page.getByTestId('toast').filter({ hasText: 'An OU must keep at least one OU Admin.' })).toBeVisible();
  await page.reload();
  await expect(users.row(ACCOUNTS.admin).getByRole('combobox')).toHaveValue('ou_admin');
});

test('an OU Admin removes a member, who then cannot use the OU', async ({ page }) => {
  const email = `e2e-rm-${Date.now()}@demo.local`;
  await signIn(page, ACCOUNTS.admin);
  const users = new UsersPage(page);
  await users.open();
  await users.addUser({ email, name: 'To Remove', password: 'e2e-password-2', role: 'Developer' });
  await users.remove(email);
  await expect(users.row(email)).toHaveCount(0);

  await page.context().clearCookies();
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('e2e-password-2');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The account still exists but belongs to no OU any more, so the console stays closed.
  await expect(page).toHaveURL(/\/login/);
});
