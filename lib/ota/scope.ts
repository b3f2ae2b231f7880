import type { JobScope } from './scope-types';

/**
 * "Upgrade Scope" matching (SPEC 4.3). A scope compiles to predicates: the database layer runs them as SQL over the
 * fleet (db/queries/ota-scope.ts), `devicePasses` evaluates them on one device (and says why a chosen device is out).
 */

export const MAX_SCOPE_TREES = 5;
/** A verification job never targets more devices than this, whatever the firmware says. */
export const MAX_VERIFY_DEVICES = 5;

/** An asset-tree node chosen in a scope, with its materialized path (see db/schema.ts asset_nodes.path). */
export type ScopeNode = { treeId: number; path: string };

/** A scope whose asset-tree nodes were looked up: "at or below a node" is "path starts with the node's path". */
export type ResolvedScope = Exclude<JobScope, { type: 'asset_tree' }> | { type: 'asset_tree'; nodes: ScopeNode[] };

/** The rules every scope type adds (SPEC 4.3 "Always"). */
export type EligibilityRules = {
  /** The firmware's product; null when the firmware is for any product. */
  productId: number | null;
  targetVersion: string;
  /** "Upgrade From Versions"; empty means every version but the target. */
  fromVersions: readonly string[];
};

/**
 * One condition on a device. A scope compiles to a list of them, all of which must hold; the database layer
 * translates each kind to SQL one to one, and `devicePasses` evaluates it on one device's facts.
 */
export type ScopePredicate =
  | { kind: 'product'; productId: number }
  | { kind: 'has_version' }
  | { kind: 'version_not'; version: string }
  | { kind: 'version_in'; versions: readonly string[] }
  | { kind: 'not_busy' }
  | { kind: 'device_key_in'; keys: readonly string[] }
  | { kind: 'attribute_in'; name: string; values: readonly string[] }
  | { kind: 'attribute_range'; name: string; min?: number; max?: number }
  | { kind: 'tag_in'; key: string; values: readonly string[] }
  | { kind: 'in_subtrees'; nodes: readonly ScopeNode[] };

export const INELIGIBLE_REASONS = ['other_product', 'no_version', 'on_target', 'version_not_selected', 'busy'] as const;
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number];
export const INELIGIBLE_REASON_LABELS: Record<IneligibleReason, string> = {
  other_product: 'Belongs to another product',
  no_version: 'Has not reported a version',
  on_target: 'Already on the target version',
  version_not_selected: 'Version not in "Upgrade From Versions"',
  busy: 'In an active task of another job',
};

type RulePredicate = { predicate: ScopePredicate; reason: IneligibleReason };

function alwaysRules(rules: EligibilityRules): RulePredicate[] {
  const out: RulePredicate[] = [];
  if (rules.productId !== null) out.push({ predicate: { kind: 'product', productId: rules.productId }, reason: 'other_product' });
  out.push({ predicate: { kind: 'has_version' }, reason: 'no_version' });
  out.push({ predicate: { kind: 'version_not', version: rules.targetVersion }, reason: 'on_target' });
  if (rules.fromVersions.length > 0) {
    out.push({ predicate: { kind: 'version_in', versions: rules.fromVersions }, reason: 'version_not_selected' });
  }
  // Last, so the cheap column checks run first in SQL too.
  out.push({ predicate: { kind: 'not_busy' }, reason: 'busy' });
  return out;
}

function scopeTypePredicates(scope: ResolvedScope): ScopePredicate[] {
  switch (scope.type) {
    case 'all':
      return [];
    case 'devices':
      return [{ kind: 'device_key_in', keys: scope.deviceKeys }];
    case 'attribute':
      return scope.conditions.map((c) =>
        'values' in c
          ? { kind: 'attribute_in', name: c.name, values: c.values }
          : { kind: 'attribute_range', name: c.name, min: c.range.min, max: c.range.max },
      );
    case 'tag':
      return scope.conditions.map((c) => ({ kind: 'tag_in', key: c.key, values: c.values }));
    case 'asset_tree':
      return [{ kind: 'in_subtrees', nodes: scope.nodes }];
  }
}

/** The conditions (ANDed) a device must meet to be in a job: the scope type's own, then the always-rules. */
export function scopePredicates(scope: ResolvedScope, rules: EligibilityRules): ScopePredicate[] {
  return [...scopeTypePredicates(scope), ...alwaysRules(rules).map((r) => r.predicate)];
}

/** What the scope rules look at for one device. */
export type ScopeDevice = {
  deviceKey: string;
  productId: number;
  firmwareVersion: string | null;
  /** In an active task of some job. */
  busy: boolean;
  attributes: ReadonlyMap<string, { text: string; num: number | null }>;
  tags: ReadonlyMap<string, string>;
  /** Materialized paths of the asset-tree nodes that are this device. */
  nodePaths: readonly string[];
};

/** Whether one device meets one condition. */
export function devicePasses(device: ScopeDevice, p: ScopePredicate): boolean {
  switch (p.kind) {
    case 'product':
      return device.productId === p.productId;
    case 'has_version':
      return device.firmwareVersion !== null;
    case 'version_not':
      return device.firmwareVersion !== p.version;
    case 'version_in':
      return device.firmwareVersion !== null && p.versions.includes(device.firmwareVersion);
    case 'not_busy':
      return !device.busy;
    case 'device_key_in':
      return p.keys.includes(device.deviceKey);
    case 'attribute_in': {
      const value = device.attributes.get(p.name);
      return value !== undefined && p.values.includes(value.text);
    }
    case 'attribute_range': {
      const num = device.attributes.get(p.name)?.num ?? null;
      return num !== null && (p.min === undefined || num >= p.min) && (p.max === undefined || num <= p.max);
    }
    case 'tag_in': {
      const value = device.tags.get(p.key);
      return value !== undefined && p.values.includes(value);
    }
    case 'in_subtrees':
      return device.nodePaths.some((path) => p.nodes.some((n) => path.startsWith(n.path)));
  }
}

/** Whether a device meets every condition of a compiled scope. */
export function isInScope(device: ScopeDevice, predicates: readonly ScopePredicate[]): boolean {
  return predicates.every((p) => devicePasses(device, p));
}

/** Why the always-rules keep a device out of a job, or null when they do not (shown for chosen devices). */
export function ineligibleReason(device: ScopeDevice, rules: EligibilityRules): IneligibleReason | null {
  return alwaysRules(rules).find((r) => !devicePasses(device, r.predicate))?.reason ?? null;
}

/** The half-open range of materialized paths at or below a node: '/4/17/' → ['/4/17/', '/4/170') ('0' follows '/'). */
export function subtreePathRange(nodePath: string): { from: string; to: string } {
  return { from: nodePath, to: `${nodePath.slice(0, -1)}0` };
}
