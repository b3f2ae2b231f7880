import { describe, expect, it } from 'vitest';
import {
  ineligibleReason,
  isInScope,
  scopePredicates,
  subtreePathRange,
  type EligibilityRules,
  type ResolvedScope,
  type ScopeDevice,
} from './scope';

function device(over: Partial<ScopeDevice> = {}): ScopeDevice {
  return {
    deviceKey: 'd1',
    productId: 1,
    firmwareVersion: '1.0',
    busy: false,
    attributes: new Map(),
    tags: new Map(),
    nodePaths: [],
    ...over,
  };
}
const rules: EligibilityRules = { productId: 1, targetVersion: '2.0', fromVersions: [] };
const inScope = (d: ScopeDevice, scope: ResolvedScope, r = rules) => isInScope(d, scopePredicates(scope, r));

describe('always-rules', () => {
  it('excludes other products, unreported and target versions, unselected versions and busy devices', () => {
    expect(ineligibleReason(device(), rules)).toBeNull();
    expect(ineligibleReason(device({ productId: 2 }), rules)).toBe('other_product');
    expect(ineligibleReason(device({ productId: 2 }), { ...rules, productId: null })).toBeNull();
    expect(ineligibleReason(device({ firmwareVersion: null }), rules)).toBe('no_version');
    expect(ineligibleReason(device({ firmwareVersion: '2.0' }), rules)).toBe('on_target');
    expect(ineligibleReason(device(), { ...rules, fromVersions: ['1.1'] })).toBe('version_not_selected');
    expect(ineligibleReason(device(), { ...rules, fromVersions: ['1.0', '1.1'] })).toBeNull();
    expect(ineligibleReason(device({ busy: true }), rules)).toBe('busy');
  });
  it('apply to every scope type', () => {
    expect(inScope(device(), { type: 'all' })).toBe(true);
    expect(inScope(device({ firmwareVersion: '2.0' }), { type: 'all' })).toBe(false);
    expect(inScope(device({ busy: true }), { type: 'devices', deviceKeys: ['d1'] })).toBe(false);
  });
});

describe('scope types', () => {
  it('match attribute value lists and inclusive numeric ranges, ANDed', () => {
    const d = device({
      attributes: new Map([
        ['region', { text: 'north', num: null }],
        ['rev', { text: '3', num: 3 }],
      ]),
    });
    const attr = (conditions: Extract<ResolvedScope, { type: 'attribute' }>['conditions']) =>
      inScope(d, { type: 'attribute', conditions });
    expect(attr([{ name: 'region', values: ['north', 'east'] }])).toBe(true);
    expect(attr([{ name: 'rev', values: ['3'] }])).toBe(true);
    expect(attr([{ name: 'rev', range: { min: 3, max: 3 } }])).toBe(true);
    expect(attr([{ name: 'rev', range: { min: 4 } }])).toBe(false);
    expect(attr([{ name: 'region', range: { max: 100 } }])).toBe(false);
    expect(attr([{ name: 'missing', values: ['x'] }])).toBe(false);
    expect(attr([{ name: 'region', values: ['north'] }, { name: 'rev', range: { max: 2 } }])).toBe(false);
  });
  it('match tags, ANDed; a missing tag never matches', () => {
    const d = device({ tags: new Map([['site', 'a']]) });
    expect(inScope(d, { type: 'tag', conditions: [{ key: 'site', values: ['a'] }] })).toBe(true);
    expect(inScope(d, { type: 'tag', conditions: [{ key: 'site', values: ['a'] }, { key: 'env', values: ['prod'] }] })).toBe(false);
  });
  it('match devices at or below a chosen node, including a chosen node that is the device', () => {
    const d = device({ nodePaths: ['/4/17/230/'] });
    const tree = (...paths: string[]) => inScope(d, { type: 'asset_tree', nodes: paths.map((path) => ({ treeId: 1, path })) });
    expect(tree('/4/17/')).toBe(true);
    expect(tree('/4/17/230/')).toBe(true);
    // Node 1 is a prefix of node 17 as text, but not as a path.
    expect(tree('/4/1/')).toBe(false);
  });
  it('give the index range of a subtree', () => {
    const { from, to } = subtreePathRange('/4/17/');
    expect(['/4/17/', '/4/17/230/'].every((p) => p >= from && p < to)).toBe(true);
    expect(['/4/170/', '/4/18/', '/4/1/'].some((p) => p >= from && p < to)).toBe(false);
  });
});
