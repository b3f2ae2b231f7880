import { ACCOUNTS, expect, signIn, test } from './fixtures';
import { DevicesPage } from './pages/devices-page';

test('devices are paginated on the server and filtered by product, version, state and tag', async ({ page }) => {
  await signIn(page, ACCOUNTS.developer);
  await page.goto('/devices');
  // 560 seeded devices and the four of RING_DEVICES (e2e/fleet-db.ts) that scripts/e2e-server.sh adds.
  await expect(page.getByText(/^1–20 of 564$/)).toBeVisible();
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page.getByText(/^21–40 of 564$/)).toBeVisible();
  // A page past the end (an old link) shows the last page.
  await page.goto('/devices?page=999');
  await expect(page.getByText(/^561–564 of 564$/)).toBeVisible();
  await expect(page.getByRole('row').filter({ has: page.getByRole('link', { name: /^ring-/ }) })).toHaveCount(4);
  await page.goto('/devices');

  await page.getByLabel('Product').selectOption({ label: 'Smart Meter' });
  await page.getByLabel('Firmware version').selectOption('3.0.1');
  // The e2e server runs the simulated fleet, in which every device is connected.
  await page.getByLabel('State').selectOption('online');
  await page.getByLabel('Tag', { exact: true }).selectOption('site');
  await page.getByLabel('Tag value').fill('site-c');
  await page.getByRole('button', { name: 'Search' }).click();

  const rows = page.getByRole('row').filter({ has: page.getByRole('link', { name: /^mtr-/ }) });
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await expect(rows.nth(i)).toContainText('Smart Meter');
    await expect(rows.nth(i)).toContainText('3.0.1');
    await expect(rows.nth(i)).toContainText('Online');
  }
  // Open one: its tags confirm the tag filter.
  await rows.first().getByRole('link').click();
  await expect(page.getByText('site: site-c')).toBeVisible();
  await expect(page.getByText('Firmware Version')).toBeVisible();
});

test('the product filter alone lists only that product', async ({ page }) => {
  await signIn(page, ACCOUNTS.viewer);
  await page.goto('/devices');
  await page.getByLabel('Product').selectOption({ label: 'Battery BMS' });
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText(/^1–20 of 180$/)).toBeVisible();
  const rows = page.getByRole('row').filter({ has: page.getByRole('link') });
  await expect(rows).toHaveCount(20);
  for (let i = 0; i < 20; i++) await expect(rows.nth(i)).toContainText('Battery BMS');
});

test('the state filter tells connected devices from imported ones that never connected', async ({ page }) => {
  const prefix = `st-${Date.now().toString().slice(-6)}`;
  await signIn(page, ACCOUNTS.developer);
  await new DevicesPage(page).importCsv('productKey,deviceKey,name', [`smart-meter,${prefix}-a,State A`, `smart-meter,${prefix}-b,State B`]);
  const filtered = async (q: string, state: 'Online' | 'Offline') => {
    await page.goto(`/devices?q=${q}`);
    await page.getByLabel('State').selectOption({ label: state });
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByLabel('State')).toHaveValue(state.toLowerCase());
  };
  // The simulated fleet connects every seeded device; the imported ones never connect.
  await filtered(prefix, 'Offline');
  await expect(page.getByText(/^1–2 of 2$/)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Offline' })).toHaveCount(2);
  await filtered(prefix, 'Online');
  await expect(page.getByText('No devices match')).toBeVisible();
  await filtered('bms-000', 'Online');
  await expect(page.getByText(/^1–9 of 9$/)).toBeVisible();
  await filtered('bms-000', 'Offline');
  await expect(page.getByText('No devices match')).toBeVisible();
});

test('a device shows when it was last seen', async ({ page }) => {
  const key = `seen-${Date.now().toString().slice(-6)}`;
  await signIn(page, ACCOUNTS.developer);
  const devices = new DevicesPage(page);
  await devices.open('bms-0001');
  await expect(devices.detail('Last Seen')).toHaveText(/^\d+ (s|min|h|d) ago \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} .+\)$/);
  await devices.importCsv('productKey,deviceKey,name', [`smart-meter,${key},Never Seen`]);
  await devices.open(key);
  await expect(devices.detail('Last Seen')).toHaveText('never');
});

test('a device shows its attributes, tags and place in the asset tree', async ({ page }) => {
  await signIn(page, ACCOUNTS.viewer);
  await page.goto('/devices?q=inv-0001');
  await page.getByRole('link', { name: 'inv-0001' }).click();
  await expect(page.getByText('hardwareRevision')).toBeVisible();
  await expect(page.getByText(/^site: site-a$/)).toBeVisible();
  await page.getByRole('link', { name: 'Solar Farms' }).click();
  await expect(page.getByRole('heading', { name: 'Solar Farms' })).toBeVisible();
  const farmA = page.getByRole('treeitem', { name: 'Farm A' });
  await expect(farmA).toBeVisible();
  await expect(page.getByRole('link', { name: 'inv-0001' })).toBeHidden();
  await farmA.getByRole('treeitem', { name: 'String 1' }).locator('summary').click();
  await expect(page.getByRole('link', { name: 'inv-0001' })).toBeVisible();
});

test('a Developer imports devices from CSV; a bad row imports nothing and is named', async ({ page }) => {
  const suffix = Date.now().toString().slice(-6);
  await signIn(page, ACCOUNTS.developer);
  await page.goto('/devices');
  await page.getByRole('link', { name: 'Import Devices' }).click();

  const bad = `productKey,deviceKey,name\nsmart-meter,imp-${suffix}-a,Imported A\nno-such-product,imp-${suffix}-b,Imported B\n`;
  await page.getByLabel('Devices (CSV or JSON)').fill(bad);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByTestId('import-errors')).toHaveText('Row 2: no product with productKey "no-such-product"');
  await expect(page.getByLabel('Devices (CSV or JSON)')).toHaveValue(bad);

  await page
    .getByLabel('Devices (CSV or JSON)')
    .fill(`productKey,deviceKey,name,firmwareVersion,attr:hardwareRevision,tag:site\nsmart-meter,imp-${suffix}-a,Imported A,3.0.1,7,site-z\nsmart-meter,imp-${suffix}-b,Imported B,,,\n`);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: '2 devices were imported.' })).toBeVisible();
  await page.getByLabel('Search').fill(`imp-${suffix}`);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText(/^1–2 of 2$/)).toBeVisible();
  await page.getByRole('link', { name: `imp-${suffix}-a` }).click();
  await expect(page.getByText('site: site-z')).toBeVisible();
  await expect(page.getByText('hardwareRevision')).toBeVisible();
});

test('a Viewer cannot import devices', async ({ page }) => {
  await signIn(page, ACCOUNTS.viewer);
  await page.goto('/devices');
  await expect(page.getByRole('heading', { name: 'Devices' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Import Devices' })).toHaveCount(0);
  const response = await page.goto('/devices/import');
  expect(response?.status()).toBe(404);
});
