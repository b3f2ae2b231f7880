import crypto from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { ACCOUNTS, expect, signIn, test } from './fixtures';
import { unique } from './job-fixtures';
import { ApiKeysPage } from './pages/api-keys-page';

/** Calls /api/v1 as a script would, with the key in the Authorization header. */
function apiClient(request: APIRequestContext, key: string) {
  const headers = { Authorization: `Bearer ${key}` };
  return {
    get: (path: string) => request.get(`/api/v1${path}`, { headers }),
    post: (path: string, data?: unknown) => request.post(`/api/v1${path}`, { headers, data }),
    upload: (fields: Record<string, string>, file: { name: string; buffer: Buffer }) =>
      request.post('/api/v1/firmware', { headers, multipart: { ...fields, file: { ...file, mimeType: 'application/octet-stream' } } }),
  };
}

// Inverters of the seeded fleet that no other journey uses; the seed leaves one of them without a reported version.
const DEVICES = ['inv-0241', 'inv-0242', 'inv-0243'];

test('an OU Admin creates an API key, a script uploads firmware and runs a job with it, and a revoked key is refused', async ({ page, request }) => {
  const keyName = `ci-${Date.now().toString(36)}`;
  await signIn(page, ACCOUNTS.admin);
  const keys = new ApiKeysPage(page);
  await keys.open();
  await expect(page.getByRole('link', { name: 'OpenAPI document' })).toHaveAttribute('href', '/api/v1/openapi.json');
  const key = await keys.create(keyName, 'Developer');
  expect(key).toMatch(/^ota_[0-9a-f]{12}_/);
  await expect(keys.row(keyName)).toContainText(`${key.slice(0, 16)}_…`);
  await expect(keys.row(keyName)).toContainText('Never');
  await expect(keys.row(keyName)).toContainText('Active');

  const api = apiClient(request, key);
  const inverter = await (await api.get('/firmware/versions?productKey=smart-inverter')).json();
  const { name, version } = unique('API FW');
  const uploaded = await api.upload(
    { name, version, productId: String(inverter.product.id), signMethod: 'sha256', verificationRequired: 'false' },
    { name: `${version}.bin`, buffer: crypto.randomBytes(16 * 1024) },
  );
  expect(uploaded.status()).toBe(201);
  const firmware = await uploaded.json();
  expect(firmware).toMatchObject({ name, version, status: 'no_need', product: { productKey: 'smart-inverter' } });

  const created = await api.post('/ota-jobs', { name: `API job ${version}`, firmwareId: firmware.id, scope: { type: 'devices', deviceKeys: DEVICES } });
  expect(created.status()).toBe(201);
  const job = await created.json();
  expect(job).toMatchObject({ status: 'not_started', type: 'upgrade' });
  expect(job.total).toBeGreaterThan(0);
  expect((await (await api.post(`/ota-jobs/${job.id}/start`)).json()).status).toBe('running');

  // The simulated fleet upgrades every device of the job in about a second.
  await expect
    .poll(async () => (await (await api.get(`/ota-jobs/${job.id}`)).json()).status, { timeout: 30_000 })
    .toBe('completed');
  const tasks = await (await api.get(`/ota-jobs/${job.id}/tasks?state=succeeded`)).json();
  expect(tasks.total).toBe(job.total);
  for (const task of tasks.rows) {
    expect(DEVICES).toContain(task.deviceKey);
    expect(task.toVersion).toBe(version);
  }

  // The console shows the job the script made, and the key's last use.
  await page.goto(`/ota-jobs/${job.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`API job ${version}`);
  await keys.open();
  await expect(keys.row(keyName)).not.toContainText('Never');

  await keys.revoke(keyName);
  const refused = await api.get('/ota-jobs');
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'The API key is unknown or revoked.' });
});

test('API Keys is for OU Admins only: a Developer has no link and gets a not-found page', async ({ page }) => {
  await signIn(page, ACCOUNTS.developer);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API Keys' })).toHaveCount(0);
  const response = await page.goto('/api-keys');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});
