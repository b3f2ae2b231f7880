import { ACCOUNTS, expect, signIn, test } from './fixtures';

test('a wrong password shows only "Invalid email or password"', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(ACCOUNTS.developer);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toHaveText('Invalid email or password');
  await expect(page).toHaveURL(/\/login/);
});

test('an unknown email gets the same message', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill('nobody@demo.local');
  await page.getByLabel('Password').fill('whatever-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toHaveText('Invalid email or password');
});

test('pages of the console redirect to sign-in when signed out', async ({ page }) => {
  await page.goto('/devices');
  await expect(page).toHaveURL(/\/login/);
});

test('signing in returns the user to the page they were sent from', async ({ page }) => {
  await page.goto('/devices?q=inv-0002');
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel('Email').fill(ACCOUNTS.developer);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/devices\?q=inv-0002$/);
  await expect(page.getByRole('link', { name: 'inv-0002' })).toBeVisible();
});

test('a callbackUrl to another site is ignored', async ({ page }) => {
  await page.goto('/login?callbackUrl=https%3A%2F%2Fexample.com%2Fphish');
  await page.getByLabel('Email').fill(ACCOUNTS.developer);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Firmware Management', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/firmware$/);
});

test('the developer sees the console without Administration and can sign out', async ({ page }) => {
  await signIn(page, ACCOUNTS.developer);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Firmware Management' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'OTA Jobs' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Devices' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Users & Roles' })).toHaveCount(0);
  const userMenu = page.getByRole('button', { name: ACCOUNTS.developer });
  await userMenu.click();
  await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menuitem', { name: 'Sign out' })).toHaveCount(0);
  await userMenu.click();
  await page.getByRole('heading', { level: 1 }).click();
  await expect(page.getByRole('menuitem', { name: 'Sign out' })).toHaveCount(0);
  await userMenu.click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/devices');
  await expect(page).toHaveURL(/\/login/);
});
