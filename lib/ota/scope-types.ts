/** The stored shape of an OTA job's "Upgrade Scope" (SPEC 4.3); validated by the job schema before it is stored. */
export type AttributeCondition =
  | { name: string; values: string[] }
  | { name: string; range: { min?: number; max?: number } };

export type TagCondition = { key: string; values: string[] };

export type AssetTreeSelection = { treeId: number; nodeIds: number[] };

export type JobScope =
  | { type: 'all' }
  | { type: 'devices'; deviceKeys: string[] }
  | { type: 'attribute'; conditions: AttributeCondition[] }
  | { type: 'tag'; conditions: TagCondition[] }
  | { type: 'asset_tree'; trees: AssetTreeSelection[] };

export const SCOPE_TYPES = ['all', 'devices', 'attribute', 'tag', 'asset_tree'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];
export const SCOPE_TYPE_LABELS: Record<ScopeType, string> = {
  all: 'All Devices',
  devices: 'Target Devices',
  attribute: 'By Attribute',
  tag: 'By Device Tag',
  asset_tree: 'By Asset Tree',
};
