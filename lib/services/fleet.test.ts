import { describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { getDeviceByKey, listDeviceAttributes, listDeviceTags, listDeviceTreeLocations, NEVER_REPORTED } from '@/db/queries/devices';
import { listAssetNodes, listProducts } from '@/db/queries/fleet';
import { devices } from '@/db/schema';
import { loadActor } from '@/lib/auth/load-actor';
import { withDemoDb } from '@/db/testing/demo-db';
import { AppError } from '@/lib/errors';
import { getAssetTree, getAssetTrees, getDeviceDetails, searchDevices } from './fleet';

const temp = withDemoDb();

const page = { page: 1, pageSize: 20, offset: 0 };

describe('fleet reads are scoped by OU', () => {
  it('a Northwind Grid user gets NOT_FOUND for a Demo Energy device id', () => {
    const demo = loadActor(temp.db, 'viewer@demo.local', 'Demo Energy');
    const northwind = loadActor(temp.db, 'admin@northwind.local', 'Northwind Grid');
    const ouId = demo.ouId;
    const device = getDeviceByKey(temp.db, ouId, 'inv-0001')!;
    expect(getDeviceDetails({ actor: demo, deviceId: device.id }).device.deviceKey).toBe('inv-0001');
    expect(() => getDeviceDetails({ actor: northwind, deviceId: device.id })).toThrow(AppError);
    try {
      getDeviceDetails({ actor: northwind, deviceId: device.id });
    } catch (e) {
      expect((e as AppError).code).toBe('NOT_FOUND');
    }
  });

  it('a foreign asset tree is not found and searches only list own devices', () => {
    const demo = loadActor(temp.db, 'viewer@demo.local', 'Demo Energy');
    const northwind = loadActor(temp.db, 'admin@northwind.local', 'Northwind Grid');
    const tree = getAssetTrees({ actor: demo })[0];
    expect(() => getAssetTree({ actor: northwind, treeId: tree.id })).toThrow('Asset tree not found.');
    expect(searchDevices({ actor: northwind, filter: { q: 'inv-' }, page }).total).toBe(0);
    expect(searchDevices({ actor: northwind, filter: {}, page }).total).toBe(52);
  });

  it('the demo fleet has at least 500 devices, some never reported, and filters combine', () => {
    const demo = loadActor(temp.db, 'developer@demo.local', 'Demo Energy');
    const all = searchDevices({ actor: demo, filter: {}, page });
    expect(all.total).toBeGreaterThanOrEqual(500);
    const never = searchDevices({ actor: demo, filter: { version: NEVER_REPORTED }, page });
    expect(never.total).toBeGreaterThan(0);
    expect(never.rows.every((r) => r.firmwareVersion === null)).toBe(true);
    const tagged = searchDevices({ actor: demo, filter: { tag: { key: 'site', value: 'site-b' }, version: '1.1.0' }, page: { page: 1, pageSize: 100, offset: 0 } });
    expect(tagged.total).toBeGreaterThan(0);
    expect(tagged.rows.every((r) => r.firmwareVersion === '1.1.0')).toBe(true);
    for (const r of tagged.rows) {
      expect(getDeviceDetails({ actor: demo, deviceId: r.id }).tags).toContainEqual(expect.objectContaining({ key: 'site', value: 'site-b' }));
    }
  });

  it("the product filter lists only that product's devices", () => {
    const demo = loadActor(temp.db, 'developer@demo.local', 'Demo Energy');
    const meter = listProducts(temp.db, demo.ouId).find((p) => p.productKey === 'smart-meter')!;
    const all = searchDevices({ actor: demo, filter: {}, page }).total;
    const meters = searchDevices({ actor: demo, filter: { productId: meter.id }, page: { page: 1, pageSize: 200, offset: 0 } });
    expect(meters.total).toBe(120);
    expect(meters.total).toBeLessThan(all);
    expect(meters.rows.every((r) => r.productId === meter.id && r.deviceKey.startsWith('mtr-'))).toBe(true);
  });

  it('the state filter tells online devices from offline ones', () => {
    const demo = loadActor(temp.db, 'developer@demo.local', 'Demo Energy');
    const keys = ['bms-0001', 'bms-0002', 'mtr-0003'];
    temp.db.update(devices).set({ online: true }).where(and(eq(devices.ouId, demo.ouId), inArray(devices.deviceKey, keys))).run();
    try {
      const all = searchDevices({ actor: demo, filter: {}, page }).total;
      const online = searchDevices({ actor: demo, filter: { online: true }, page });
      expect(online.rows.map((r) => r.deviceKey)).toEqual(keys);
      expect(online.total).toBe(3);
      const offline = searchDevices({ actor: demo, filter: { online: false }, page });
      expect(offline.total).toBe(all - 3);
      expect(offline.rows.some((r) => keys.includes(r.deviceKey))).toBe(false);
      expect(searchDevices({ actor: demo, filter: { online: true, q: 'bms-' }, page }).total).toBe(2);
    } finally {
      temp.db.update(devices).set({ online: false }).run();
    }
  });

  it('the search matches device names as well as keys', () => {
    const demo = loadActor(temp.db, 'developer@demo.local', 'Demo Energy');
    expect(searchDevices({ actor: demo, filter: { q: 'Smart Meter 0007' }, page }).rows.map((r) => r.deviceKey)).toEqual(['mtr-0007']);
    expect(searchDevices({ actor: demo, filter: { q: 'meter 011' }, page }).rows.map((r) => r.deviceKey)).toEqual(
      Array.from({ length: 10 }, (_, i) => `mtr-${String(110 + i).padStart(4, '0')}`),
    );
  });

  it("a device's attributes, tags and tree places come from its own OU only", () => {
    const demo = loadActor(temp.db, 'developer@demo.local', 'Demo Energy');
    const northwind = loadActor(temp.db, 'admin@northwind.local', 'Northwind Grid');
    const device = getDeviceByKey(temp.db, demo.ouId, 'inv-0001')!;
    expect(listDeviceAttributes(temp.db, demo.ouId, device.id).map((a) => a.name)).toEqual(['hardwareRevision', 'model', 'region']);
    expect(listDeviceAttributes(temp.db, northwind.ouId, device.id)).toEqual([]);
    expect(listDeviceTags(temp.db, northwind.ouId, device.id)).toEqual([]);
    expect(listDeviceTreeLocations(temp.db, demo.ouId, device.id)).toEqual([
      expect.objectContaining({ treeName: 'Solar Farms', path: ['Solar Portfolio', 'Farm A', 'String 1', 'inv-0001'] }),
    ]);
    expect(listDeviceTreeLocations(temp.db, northwind.ouId, device.id)).toEqual([]);
    const tree = getAssetTrees({ actor: demo })[0];
    expect(listAssetNodes(temp.db, demo.ouId, tree.id).length).toBeGreaterThan(0);
    expect(listAssetNodes(temp.db, northwind.ouId, tree.id)).toEqual([]);
  });

  it('asset trees are at least three levels deep and include devices', () => {
    const demo = loadActor(temp.db, 'developer@demo.local', 'Demo Energy');
    const trees = getAssetTrees({ actor: demo });
    expect(trees.map((t) => t.name).sort()).toEqual(['Grid Storage', 'Solar Farms']);
    for (const t of trees) {
      const { nodes } = getAssetTree({ actor: demo, treeId: t.id });
      expect(Math.max(...nodes.map((n) => n.depth))).toBeGreaterThanOrEqual(3);
      expect(nodes.some((n) => n.kind === 'device' && n.deviceKey)).toBe(true);
    }
  });

  it('a member without a console role cannot read the fleet', () => {
    const norole = loadActor(temp.db, 'norole@demo.local', 'Demo Energy');
    expect(() => searchDevices({ actor: norole, filter: {}, page })).toThrow('You do not have permission to do this.');
  });
});
