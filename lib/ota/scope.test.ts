import { describe, expect, it } from 'vitest';
import { ineligibleReason, isInScope, matchesScope, subtreePathRange, type EligibilityRules, type ScopeDevice } from './scope';

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
});

describe('matchesScope', () => {
  it('matches attribute value lists and inclusive numeric ranges, ANDed', () => {
    const d = device({
      attributes: new Map([
        ['region', { text: 'north', num: null }],
        ['rev', { text: '3', num: 3 }],
      ]),
    });
    const scope = (conditions: Parameters<typeof matchesScope>[1] & { type: 'attribute' }) => matchesScope(d, conditions);
    expect(scope({ type: 'attribute', conditions: [{ name: 'region', values: ['north', 'east'] }] })).toBe(true);
    expect(scope({ type: 'attribute', conditions: [{ name: 'rev', values: ['3'] }] })).toBe(true);
    expect(scope({ type: 'attribute', conditions: [{ name: 'rev', range: { min: 3, max: 3 } }] })).toBe(true);
    expect(scope({ type: 'attribute', conditions: [{ name: 'rev', range: { min: 4 } }] })).toBe(false);
    expect(scope({ type: 'attribute', conditions: [{ name: 'region', range: { max: 100 } }] })).toBe(false);
    expect(
      scope({ type: 'attribute', conditions: [{ name: 'region', values: ['north'] }, { name: 'rev', range: { max: 2 } }] }),
    ).toBe(false);
  });
  it('matches tags, ANDed, and a missing tag never matches', () => {
    const d = device({ tags: new Map([['site', 'a']]) });
    expect(matchesScope(d, { type: 'tag', conditions: [{ key: 'site', values: ['a'] }] })).toBe(true);
    expect(matchesScope(d, { type: 'tag', conditions: [{ key: 'site', values: ['a'] }, { key: 'env', values: ['prod'] }] })).toBe(false);
  });
  it('matches devices at or below a chosen node, including a chosen node that is the device', () => {
    const d = device({ nodePaths: ['/4/17/230/'] });
    expect(matchesScope(d, { type: 'asset_tree', nodePaths: ['/4/17/'] })).toBe(true);
    expect(matchesScope(d, { type: 'asset_tree', nodePaths: ['/4/17/230/'] })).toBe(true);
    // Node 1 is a prefix of node 17 as text, but not as a path.
    expect(matchesScope(d, { type: 'asset_tree', nodePaths: ['/4/1/'] })).toBe(false);
  });
  it('combines the scope with the always-rules', () => {
    expect(isInScope(device({ deviceKey: 'd1' }), { type: 'devices', deviceKeys: ['d1'] }, rules)).toBe(true);
    expect(isInScope(device({ deviceKey: 'd1', busy: true }), { type: 'devices', deviceKeys: ['d1'] }, rules)).toBe(false);
  });
  it('gives the index range of a subtree', () => {
    const { from, to } = subtreePathRange('/4/17/');
    expect(['/4/17/', '/4/17/230/'].every((p) => p >= from && p < to)).toBe(true);
    expect(['/4/170/', '/4/18/', '/4/1/'].some((p) => p >= from && p < to)).toBe(false);
  });
});
