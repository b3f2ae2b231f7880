import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scopePredicates, type ResolvedScope } from '../../lib/ota/scope';
import { devices } from '../schema';
import { explainQueryPlan, recordStatements } from '../testing/query-plan';
import { createTempDb } from '../testing/temp-db';
import { changedDevicesSource, countScopeDevices, insertTasksForDevices, lastChangedDevice, scopeWhere } from './ota-scope';

let temp: ReturnType<typeof createTempDb>;
beforeEach(() => (temp = createTempDb()));
afterEach(() => temp.cleanup());

const rules = { productId: 1, targetVersion: '2.0', fromVersions: ['1.0', '1.1'] };

/** EXPLAIN QUERY PLAN of the scope query (the SELECT that job creation inserts tasks from), one line per step. */
function planOf(scope: ResolvedScope): string[] {
  return explainQueryPlan(temp.db, temp.db.select({ id: devices.id }).from(devices).where(scopeWhere(1, scopePredicates(scope, rules))).toSQL());
}

const SCOPES: Record<string, ResolvedScope> = {
  all: { type: 'all' },
  target: { type: 'devices', deviceKeys: ['a', 'b'] },
  attribute: { type: 'attribute', conditions: [{ name: 'region', values: ['eu'] }, { name: 'temp', range: { min: 1, max: 9 } }] },
  tag: { type: 'tag', conditions: [{ key: 'site', values: ['x', 'y'] }] },
  tree: { type: 'asset_tree', nodes: [{ treeId: 1, path: '/1/' }, { treeId: 2, path: '/5/7/' }] },
};

describe('scope query plans', () => {
  it.each(Object.entries(SCOPES))('%s: devices by index, every per-device check a lookup by device_id', (_name, scope) => {
    const plan = planOf(scope);
    // Only the JSON lists of the query's own parameters may be scanned.
    expect(plan.filter((step) => /^SCAN (?!json_each VIRTUAL TABLE)/.test(step))).toEqual([]);
    expect(plan.some((step) => /^SEARCH devices USING (COVERING )?INDEX \w+ \(ou_id=\?/.test(step))).toBe(true);
    for (const step of plan.filter((s) => /^SEARCH (asset_nodes|device_tags|device_attributes|ota_tasks)\b/.test(s))) {
      expect(step).toMatch(/USING .*\(device_id=\?/);
    }
  });

  it('looks a device up in a subtree by (device, tree, path range), not by reading the subtree', () => {
    const lookups = planOf(SCOPES.tree).filter((step) => step.includes('asset_nodes'));
    expect(lookups).toEqual([
      'SEARCH asset_nodes USING COVERING INDEX asset_nodes_device_tree_path_idx (device_id=? AND tree_id=? AND path>? AND path<?)',
      'SEARCH asset_nodes USING COVERING INDEX asset_nodes_device_tree_path_idx (device_id=? AND tree_id=? AND path>? AND path<?)',
    ]);
  });

  it('the Incremental scan reads the devices changed between its cursor and `before`, on an index range', () => {
    const cursor = { at: 1000, deviceId: 7 };
    const plans = recordStatements(temp.db, () => {
      insertTasksForDevices(temp.db, { id: 1, toVersion: '2.0' }, scopeWhere(1, scopePredicates(SCOPES.tag, rules)), 9, changedDevicesSource(1, cursor, 5000, 100));
      lastChangedDevice(temp.db, 1, cursor, 5000, 100);
    }).map((s) => explainQueryPlan(temp.db, s));
    const range = (covering: string) => `SEARCH devices USING ${covering}INDEX devices_ou_scope_changed_idx (ou_id=? AND scope_changed_at>? AND scope_changed_at<?)`;
    expect(plans).toHaveLength(2);
    const [scan, last] = plans;
    // The changed devices come from a bounded range (a subquery with its LIMIT); the outer query reads only those.
    expect(scan.slice(0, 3)).toEqual(['CO-ROUTINE devices', range(''), 'SCAN devices']);
    expect(scan.filter((step) => /^SCAN (?!json_each VIRTUAL TABLE)/.test(step))).toEqual(['SCAN devices']);
    for (const step of scan.filter((s) => /^SEARCH (device_tags|ota_tasks)\b/.test(s))) expect(step).toMatch(/\(device_id=\?/);
    expect(last).toEqual([range('COVERING ')]);
  });

  it('matches nothing when every chosen node of an asset-tree scope was deleted', () => {
    temp.db.$client.exec(`insert into ous (name, created_at) values ('Acme', 0)`);
    temp.db.$client.exec(`insert into products (ou_id, product_key, name, created_at) values (1, 'P', 'P', 0)`);
    temp.db.$client.exec(`insert into devices (ou_id, product_id, device_key, name, device_secret, firmware_version, scope_changed_at, created_at)
      values (1, 1, 'd1', 'd1', 's', '1.0', 0, 0)`);
    const where = (scope: ResolvedScope) => scopeWhere(1, scopePredicates(scope, rules));
    expect(countScopeDevices(temp.db, where({ type: 'all' }))).toBe(1);
    expect(countScopeDevices(temp.db, where({ type: 'asset_tree', nodes: [] }))).toBe(0);
  });
});
