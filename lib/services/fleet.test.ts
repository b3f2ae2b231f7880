import { describe, expect, it } from 'vitest';
import { getDeviceByKey, NEVER_REPORTED } from '@/db/queries/devices';
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
    expect(searchDevices({ actor: northwind, filter: {}, page }).total).toBe(40);
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
