import type { AttributeCondition, JobScope, TagCondition } from './scope-types';

/**
 * "Upgrade Scope" matching (SPEC 4.3) over the facts of one device. Bulk resolution (job creation, the preview)
 * runs the same rules as SQL in db/queries/ota-scope.ts; the tests check both agree on a crafted fleet.
 */

export const MAX_SCOPE_TREES = 5;
/** A verification job never targets more devices than this, whatever the firmware says. */
export const MAX_VERIFY_DEVICES = 5;

/** A scope whose asset-tree nodes were looked up: "at or below a node" is "path starts with the node's path". */
export type ResolvedScope =
  | Exclude<JobScope, { type: 'asset_tree' }>
  | { type: 'asset_tree'; nodePaths: string[] };

/** The rules every scope type adds (SPEC 4.3 "Always"). */
export type EligibilityRules = {
  /** The firmware's product; null when the firmware is for any product. */
  productId: number | null;
  targetVersion: string;
  /** "Upgrade From Versions"; empty means every version but the target. */
  fromVersions: readonly string[];
};

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

export const INELIGIBLE_REASONS = ['other_product', 'no_version', 'on_target', 'version_not_selected', 'busy'] as const;
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number];
export const INELIGIBLE_REASON_LABELS: Record<IneligibleReason, string> = {
  other_product: 'Belongs to another product',
  no_version: 'Has not reported a version',
  on_target: 'Already on the target version',
  version_not_selected: 'Version not in "Upgrade From Versions"',
  busy: 'In an active task of another job',
};

/** Why the always-rules exclude a device, or null when they do not. */
export function ineligibleReason(device: Omit<ScopeDevice, 'attributes' | 'tags' | 'nodePaths'>, rules: EligibilityRules): IneligibleReason | null {
  if (rules.productId !== null && device.productId !== rules.productId) return 'other_product';
  if (device.firmwareVersion === null) return 'no_version';
  if (device.firmwareVersion === rules.targetVersion) return 'on_target';
  if (rules.fromVersions.length > 0 && !rules.fromVersions.includes(device.firmwareVersion)) return 'version_not_selected';
  if (device.busy) return 'busy';
  return null;
}

/** Whether a device's attribute satisfies one "By Attribute" condition (a value list, or an inclusive numeric range). */
export function matchesAttribute(value: { text: string; num: number | null } | undefined, condition: AttributeCondition): boolean {
  if (!value) return false;
  if ('values' in condition) return condition.values.includes(value.text);
  if (value.num === null) return false;
  const { min, max } = condition.range;
  return (min === undefined || value.num >= min) && (max === undefined || value.num <= max);
}

function matchesTag(value: string | undefined, condition: TagCondition): boolean {
  return value !== undefined && condition.values.includes(value);
}

/** Whether a device is selected by the scope type's own conditions (conditions are ANDed). */
export function matchesScope(device: ScopeDevice, scope: ResolvedScope): boolean {
  switch (scope.type) {
    case 'all':
      return true;
    case 'devices':
      return scope.deviceKeys.includes(device.deviceKey);
    case 'attribute':
      return scope.conditions.every((c) => matchesAttribute(device.attributes.get(c.name), c));
    case 'tag':
      return scope.conditions.every((c) => matchesTag(device.tags.get(c.key), c));
    case 'asset_tree':
      return device.nodePaths.some((p) => scope.nodePaths.some((n) => p.startsWith(n)));
  }
}

/** Whether a device belongs in a job: selected by the scope and allowed by the always-rules. */
export function isInScope(device: ScopeDevice, scope: ResolvedScope, rules: EligibilityRules): boolean {
  return ineligibleReason(device, rules) === null && matchesScope(device, scope);
}

/** The half-open range of materialized paths at or below a node: '/4/17/' → ['/4/17/', '/4/170') ('0' follows '/'). */
export function subtreePathRange(nodePath: string): { from: string; to: string } {
  return { from: nodePath, to: `${nodePath.slice(0, -1)}0` };
}
