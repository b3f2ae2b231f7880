import { expect, test as base, type Page } from '@playwright/test';

/** The seeded demo password (db/seed.ts); every demo account uses it. */
export const DEMO_PASSWORD = 'demo-password';

export const ACCOUNTS = {
  admin: 'admin@demo.local',
  developer: 'developer@demo.local',
  viewer: 'viewer@demo.local',
  norole: 'norole@demo.local',
  northwindAdmin: 'admin@northwind.local',
} as const;

/** Signs in through the real form and waits until the console (or the no-access page) is shown. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export const test = base;
export { expect };
