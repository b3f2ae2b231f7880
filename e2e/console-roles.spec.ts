import { ACCOUNTS, expect, signIn, test } from './fixtures';
import { UsersPage } from './pages/users-page';

/** The create controls of the console, each a link on its list page. */
const CREATE_LINKS = [
  { path: '/firmware', heading: 'Firmware Management', link: 'Add Firmware' },
  { path: '/ota-jobs', heading: 'OTA Jobs', link: 'New Job' },
  { path: '/devices', heading: 'Devices', link: 'Import Devices' },
];

test('the OU Admin sees every section under its group, including Users & Roles', async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const title of ['Operation Monitoring', 'Device Management', 'Administration']) {
    await expect(nav.getByText(title, { exact: true })).toBeVisible();
  }
  for (const name of ['Firmware Management', 'OTA Jobs', 'Devices', 'Products', 'Asset Trees', 'Users & Roles']) {
    await expect(nav.getByRole('link', { name })).toBeVisible();
  }
  await nav.getByRole('link', { name: 'Users & Roles' }).click();
  await expect(page.getByRole('row').filter({ hasText: ACCOUNTS.viewer })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add User' })).toBeVisible();
});

test('the Developer gets the create controls but no Administration', async ({ page }) => {
  await signIn(page, ACCOUNTS.developer);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByText('Device Management', { exact: true })).toBeVisible();
  await expect(nav.getByText('Administration', { exact: true })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Users & Roles' })).toHaveCount(0);
  for (const { path, heading, link } of CREATE_LINKS) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: link }).first()).toBeVisible();
  }
});

test('the Viewer reads the fleet but gets no Users & Roles and no create controls', async ({ page }) => {
  await signIn(page, ACCOUNTS.viewer);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Users & Roles' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Devices' }).click();
  await page.getByLabel('Search').fill('inv-0001');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('link', { name: 'inv-0001' })).toBeVisible();
  for (const { path, heading, link } of CREATE_LINKS) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: link })).toHaveCount(0);
  }
  await page.goto('/users');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test('Products lists the seeded products with their device counts', async ({ page }) => {
  await signIn(page, ACCOUNTS.viewer);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Products' }).click();
  await expect(page.getByRole('heading', { name: 'Products', level: 1 })).toBeVisible();
  const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(row('Smart Inverter')).toContainText('smart-inverter');
  await expect(row('Smart Meter')).toContainText('smart-meter');
  await expect(row('Feeder Relay')).toHaveCount(0);
  // Other journeys import inverters and meters; nobody adds battery systems.
  await expect(row('Battery BMS').getByRole('link', { name: '180', exact: true })).toBeVisible();
  await row('Battery BMS').getByRole('link', { name: '180', exact: true }).click();
  await expect(page.getByText(/^1–20 of 180$/)).toBeVisible();
  await expect(page.getByLabel('Product')).toHaveValue(/\d+/);
});

test("the Northwind Grid admin sees Northwind's own devices, products and members", async ({ page }) => {
  await signIn(page, ACCOUNTS.northwindAdmin);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Devices' }).click();
  await expect(page.getByText(/^1–20 of 52$/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'nw-gw-0001' })).toBeVisible();
  await page.goto('/devices?q=inv-0001');
  await expect(page.getByText('No devices match')).toBeVisible();
  await page.goto('/devices?q=nw-relay-0001');
  await expect(page.getByRole('link', { name: 'nw-relay-0001' })).toBeVisible();

  await nav.getByRole('link', { name: 'Products' }).click();
  const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(row('Feeder Relay').getByRole('link', { name: '40', exact: true })).toBeVisible();
  await expect(row('Substation Gateway').getByRole('link', { name: '12', exact: true })).toBeVisible();
  await expect(row('Smart Inverter')).toHaveCount(0);

  await nav.getByRole('link', { name: 'Users & Roles' }).click();
  const users = new UsersPage(page);
  await expect(users.row(ACCOUNTS.northwindAdmin)).toBeVisible();
  // The Demo Energy admin may look at Northwind Grid, as a Viewer; Demo Energy's other members are not listed.
  await expect(users.row(ACCOUNTS.admin).getByRole('combobox')).toHaveValue('viewer');
  await expect(users.row(ACCOUNTS.developer)).toHaveCount(0);
  await expect(users.row(ACCOUNTS.viewer)).toHaveCount(0);
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
  // The account still exists but belongs to no OU any more, so the console stays closed, and says why.
  await expect(page.getByTestId('login-notice')).toHaveText(
    'Your account is not a member of any organization. Ask an OU administrator to add you.',
  );
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByTestId('login-error')).toHaveCount(0);
  await page.goto('/devices');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByTestId('login-notice')).toBeVisible();
});
