import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { countScopeDevices, listScopeDevices, listScopeDevicesByKey, scopeWhere } from '@/db/queries/ota-scope';
import { devices, otaTasks } from '@/db/schema';
import {
  insertAssetNode,
  insertTestDevice,
  insertTestFirmware,
  insertTestProduct,
  insertTestTree,
  setupOtaTest,
} from '@/db/testing/ota-fixtures';
import { AppError } from '@/lib/errors';
import { isInScope, scopePredicates } from '@/lib/ota/scope';
import type { JobScope } from '@/lib/ota/scope-types';
import { createRng } from '@/lib/random';
import { createOtaJob, previewOtaJobScope } from './ota-jobs';
import { resolveScope } from './ota-scope';

let t: ReturnType<typeof setupOtaTest>;
let fw: { id: number };
let productP: { id: number };
let tree: { id: number };
let regions: { id: number };
let racks: { id: number };
let nodes: Record<string, { id: number }>;

/**
 * The crafted fleet. Product P devices unless noted; firmware 2.0 for P.
 *   a1 1.0 region=north rev=1   site=a env=prod      tree: R / S1 / a1 (a device node with a child)
 *   a2 1.0 region=south rev=3   site=b env=prod      tree: R / S2 / a2
 *   a3 1.1 region=north rev=5   site=a env=staging   tree: R / S1 / a1 / a3
 *   a4 2.0 (the target)  region=north site=a         tree: R / S1 / a4
 *   a5 never reported    region=north site=a
 *   a6 1.0 busy in another job, region=north site=a
 *   a7 1.0 region=east rev="3" (text) site=c
 *   q1 product Q, 1.0 region=north site=a
 * Two more trees: Regions: W / North / (a1, a3, a5), W / East / a7; Racks: K / Rack / a2.
 */
beforeEach(() => {
  t = setupOtaTest();
  const { db, ou } = t;
  const p = insertTestProduct(db, ou.id, 'P');
  productP = p;
  const q = insertTestProduct(db, ou.id, 'Q');
  fw = insertTestFirmware(db, { ouId: ou.id, productId: p.id, version: '2.0' });
  const add = (deviceKey: string, version: string | null, attributes: Record<string, string | number>, tags: Record<string, string>, productId = p.id) =>
    insertTestDevice(db, { ouId: ou.id, productId, deviceKey, version, attributes, tags });
  const d = {
    a1: add('a1', '1.0', { region: 'north', rev: 1 }, { site: 'a', env: 'prod' }),
    a2: add('a2', '1.0', { region: 'south', rev: 3 }, { site: 'b', env: 'prod' }),
    a3: add('a3', '1.1', { region: 'north', rev: 5 }, { site: 'a', env: 'staging' }),
    a4: add('a4', '2.0', { region: 'north' }, { site: 'a' }),
    a5: add('a5', null, { region: 'north' }, { site: 'a' }),
    a6: add('a6', '1.0', { region: 'north' }, { site: 'a' }),
    a7: add('a7', '1.0', { region: 'east', rev: '3' }, { site: 'c' }),
    q1: add('q1', '1.0', { region: 'north' }, { site: 'a' }, q.id),
  };
  tree = insertTestTree(db, ou.id, 'Sites');
  const R = insertAssetNode(db, { id: tree.id, ouId: ou.id }, null, { name: 'R', kind: 'asset' });
  const S1 = insertAssetNode(db, { id: tree.id, ouId: ou.id }, R, { name: 'S1', kind: 'asset' });
  const S2 = insertAssetNode(db, { id: tree.id, ouId: ou.id }, R, { name: 'S2', kind: 'asset' });
  const n1 = insertAssetNode(db, { id: tree.id, ouId: ou.id }, S1, { name: 'a1', kind: 'device', deviceId: d.a1.id });
  insertAssetNode(db, { id: tree.id, ouId: ou.id }, n1, { name: 'a3', kind: 'device', deviceId: d.a3.id });
  insertAssetNode(db, { id: tree.id, ouId: ou.id }, S1, { name: 'a4', kind: 'device', deviceId: d.a4.id });
  insertAssetNode(db, { id: tree.id, ouId: ou.id }, S2, { name: 'a2', kind: 'device', deviceId: d.a2.id });
  regions = insertTestTree(db, ou.id, 'Regions');
  const inRegions = { id: regions.id, ouId: ou.id };
  const W = insertAssetNode(db, inRegions, null, { name: 'W', kind: 'asset' });
  const North = insertAssetNode(db, inRegions, W, { name: 'North', kind: 'asset' });
  const East = insertAssetNode(db, inRegions, W, { name: 'East', kind: 'asset' });
  for (const k of ['a1', 'a3', 'a5'] as const) insertAssetNode(db, inRegions, North, { name: k, kind: 'device', deviceId: d[k].id });
  insertAssetNode(db, inRegions, East, { name: 'a7', kind: 'device', deviceId: d.a7.id });
  racks = insertTestTree(db, ou.id, 'Racks');
  const inRacks = { id: racks.id, ouId: ou.id };
  const Rack = insertAssetNode(db, inRacks, insertAssetNode(db, inRacks, null, { name: 'K', kind: 'asset' }), { name: 'Rack', kind: 'asset' });
  insertAssetNode(db, inRacks, Rack, { name: 'a2', kind: 'device', deviceId: d.a2.id });
  nodes = { R, S1, S2, a1: n1, North, East, Rack };
  // a6 is in an active task of another job.
  const other = insertTestFirmware(db, { ouId: ou.id, productId: p.id, version: '3.0' });
  createOtaJob({ actor: t.actor, input: { name: 'Other', firmwareId: other.id, scope: { type: 'devices', deviceKeys: ['a6'] } } });
});
afterEach(() => t.cleanup());

const keysOf = (rows: { deviceKey: string }[]) => rows.map((r) => r.deviceKey).sort();
function preview(scope: unknown, fromVersions: string[] = []) {
  return previewOtaJobScope({ actor: t.actor, input: { firmwareId: fw.id, fromVersions, scope: scope as JobScope } });
}
function inScope(scope: unknown, fromVersions: string[] = []) {
  const p = preview(scope, fromVersions);
  expect(p.total).toBe(p.rows.length);
  return keysOf(p.rows);
}

describe('scope resolution on a crafted fleet', () => {
  it('All Devices: the product’s devices on another reported version that are not busy', () => {
    expect(inScope({ type: 'all' })).toEqual(['a1', 'a2', 'a3', 'a7']);
  });
  it('Upgrade From Versions narrows to the chosen versions', () => {
    expect(inScope({ type: 'all' }, ['1.1'])).toEqual(['a3']);
    expect(inScope({ type: 'all' }, ['1.0', '1.1'])).toEqual(['a1', 'a2', 'a3', 'a7']);
  });
  it('Target Devices: the chosen keys, unknown keys listed back, excluded ones explained', () => {
    const p = preview({ type: 'devices', deviceKeys: ['a1', 'a4', 'a6', 'q1', 'nope'] });
    expect(keysOf(p.rows)).toEqual(['a1']);
    expect(p.unknownDeviceKeys).toEqual(['nope']);
    expect(p.excludedDevices.sort((x, y) => x.deviceKey.localeCompare(y.deviceKey))).toEqual([
      { deviceKey: 'a4', reason: 'Already on the target version' },
      { deviceKey: 'a6', reason: 'In an active task of another job' },
      { deviceKey: 'q1', reason: 'Belongs to another product' },
    ]);
  });
  it('By Attribute: value lists and numeric ranges, ANDed', () => {
    expect(inScope({ type: 'attribute', conditions: [{ name: 'region', values: ['north'] }] })).toEqual(['a1', 'a3']);
    expect(inScope({ type: 'attribute', conditions: [{ name: 'rev', range: { min: 2, max: 5 } }] })).toEqual(['a2', 'a3']);
    // A text value '3' matches the list but never a numeric range.
    expect(inScope({ type: 'attribute', conditions: [{ name: 'rev', values: ['3'] }] })).toEqual(['a2', 'a7']);
    expect(
      inScope({ type: 'attribute', conditions: [{ name: 'region', values: ['north', 'south'] }, { name: 'rev', range: { max: 3 } }] }),
    ).toEqual(['a1', 'a2']);
  });
  it('By Device Tag: ANDed conditions', () => {
    expect(inScope({ type: 'tag', conditions: [{ key: 'site', values: ['a'] }] })).toEqual(['a1', 'a3']);
    expect(
      inScope({ type: 'tag', conditions: [{ key: 'site', values: ['a', 'b'] }, { key: 'env', values: ['prod'] }] }),
    ).toEqual(['a1', 'a2']);
  });
  it('By Asset Tree: devices at or below chosen nodes, a chosen device node included', () => {
    const scope = (nodeIds: number[]) => ({ type: 'asset_tree', trees: [{ treeId: tree.id, nodeIds }] });
    expect(inScope(scope([nodes.R.id]))).toEqual(['a1', 'a2', 'a3']);
    expect(inScope(scope([nodes.S2.id]))).toEqual(['a2']);
    expect(inScope(scope([nodes.a1.id]))).toEqual(['a1', 'a3']);
    expect(inScope(scope([nodes.a1.id, nodes.S2.id]))).toEqual(['a1', 'a2', 'a3']);
  });
  it('By Asset Tree over several trees: a device at or below any chosen node of any of them, once', () => {
    const scope = (...trees: [{ id: number }, { id: number }[]][]): JobScope => ({
      type: 'asset_tree',
      trees: trees.map(([tr, ns]) => ({ treeId: tr.id, nodeIds: ns.map((n) => n.id) })),
    });
    expect(inScope(scope([tree, [nodes.S2]], [regions, [nodes.East]]))).toEqual(['a2', 'a7']);
    // a1 and a3 sit in both chosen subtrees; a5 (never reported) stays out whatever tree holds it.
    expect(inScope(scope([tree, [nodes.S1]], [regions, [nodes.North]]))).toEqual(['a1', 'a3']);
    const three = scope([tree, [nodes.S1]], [regions, [nodes.East]], [racks, [nodes.Rack]]);
    expect(inScope(three)).toEqual(['a1', 'a2', 'a3', 'a7']);
    // The per-device evaluation agrees with the SQL.
    const rules = { productId: productP.id, targetVersion: '2.0', fromVersions: [] };
    const predicates = scopePredicates(resolveScope(t.db, t.ou.id, three), rules);
    const facts = listScopeDevicesByKey(t.db, t.ou.id, ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'q1']);
    expect(keysOf(facts.filter((dev) => isInScope(dev, predicates)))).toEqual(['a1', 'a2', 'a3', 'a7']);
    // A node is looked up in the tree it is chosen under only.
    expect(() => preview(scope([tree, [nodes.East]]))).toThrow(AppError);
    const job = createOtaJob({ actor: t.actor, input: { name: 'Trees', firmwareId: fw.id, scope: three } });
    expect(job.totalTasks).toBe(4);
  });
  it('refuses a 6th asset tree and nodes of another tree', () => {
    const trees = Array.from({ length: 6 }, (_, i) => ({ treeId: tree.id + i, nodeIds: [nodes.R.id] }));
    expect(() => preview({ type: 'asset_tree', trees })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', fieldErrors: { 'scope.trees': ['Choose at most 5 asset trees'] } }),
    );
    const otherTree = insertTestTree(t.db, t.ou.id, 'Other');
    expect(() => preview({ type: 'asset_tree', trees: [{ treeId: otherTree.id, nodeIds: [nodes.R.id] }] })).toThrow(AppError);
  });
  it('creates a Snapshot job with exactly the previewed devices', () => {
    const scope = { type: 'tag', conditions: [{ key: 'site', values: ['a', 'b'] }] } as JobScope;
    const previewed = inScope(scope);
    const job = createOtaJob({ actor: t.actor, input: { name: 'Tagged', firmwareId: fw.id, scope } });
    const taskKeys = t.db
      .select({ deviceKey: devices.deviceKey })
      .from(otaTasks)
      .innerJoin(devices, eq(devices.id, otaTasks.deviceId))
      .where(eq(otaTasks.jobId, job.id))
      .all();
    expect(keysOf(taskKeys)).toEqual(previewed);
    expect(previewed).toEqual(['a1', 'a2', 'a3']);
    // Now busy, they leave the scope of any other job.
    expect(inScope({ type: 'all' })).toEqual(['a7']);
  });
});

describe('SQL resolution agrees with the predicates evaluated per device', () => {
  it('on a random fleet and random scopes', () => {
    const rng = createRng(7);
    const { db, ou } = t;
    const p = insertTestProduct(db, ou.id, 'R');
    const target = insertTestFirmware(db, { ouId: ou.id, productId: p.id, version: 'v3' });
    const versions = ['v1', 'v2', 'v3', null];
    const keys: string[] = [];
    for (let i = 0; i < 300; i++) {
      const deviceKey = `r${i}`;
      keys.push(deviceKey);
      const attributes: Record<string, string | number> = {};
      if (rng.chance(0.8)) attributes.level = rng.int(0, 9);
      if (rng.chance(0.8)) attributes.zone = rng.pick(['x', 'y', 'z']);
      const tags: Record<string, string> = {};
      if (rng.chance(0.7)) tags.team = rng.pick(['red', 'blue']);
      insertTestDevice(db, { ouId: ou.id, productId: p.id, deviceKey, version: rng.pick(versions), attributes, tags });
    }
    const scopes: JobScope[] = [
      { type: 'all' },
      { type: 'devices', deviceKeys: keys.filter(() => rng.chance(0.3)) },
      { type: 'attribute', conditions: [{ name: 'level', range: { min: 3, max: 6 } }, { name: 'zone', values: ['x', 'z'] }] },
      { type: 'attribute', conditions: [{ name: 'level', values: ['0', '9'] }] },
      { type: 'tag', conditions: [{ key: 'team', values: ['red'] }] },
    ];
    const facts = listScopeDevicesByKey(db, ou.id, keys);
    for (const scope of scopes) {
      for (const fromVersions of [[], ['v1']]) {
        const predicates = scopePredicates(resolveScope(db, ou.id, scope), { productId: p.id, targetVersion: target.version, fromVersions });
        const where = scopeWhere(ou.id, predicates);
        const bySql = keysOf(listScopeDevices(db, where, 10_000)).filter((k) => k.startsWith('r'));
        const byPredicates = facts.filter((d) => isInScope(d, predicates)).map((d) => d.deviceKey).sort();
        expect(bySql, JSON.stringify({ scope: scope.type, fromVersions })).toEqual(byPredicates);
        expect(countScopeDevices(db, where)).toBe(bySql.length);
        expect(bySql.length).toBeGreaterThan(0);
      }
    }
  });
});
