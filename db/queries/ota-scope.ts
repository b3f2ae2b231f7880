import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { ACTIVE_TASK_STATES } from '../../lib/ota/states';
import { subtreePathRange, type ScopeDevice, type ScopeNode, type ScopePredicate } from '../../lib/ota/scope';
import type { DbOrTx } from '../client';
import { assetNodes, assetTrees, deviceAttributes, deviceTags, devices, otaTasks } from '../schema';

// A list travels as one JSON parameter: a pasted list of 100k device keys would exceed SQLite's variable limit.
const jsonList = (values: readonly (string | number)[]) => sql`(select value from json_each(${JSON.stringify(values)}))`;

const ACTIVE = sql.raw(ACTIVE_TASK_STATES.map((s) => `'${s}'`).join(', '));

/** One scope predicate (lib/ota/scope.ts) as SQL over the devices table, one to one. */
function predicateSql(p: ScopePredicate): SQL {
  switch (p.kind) {
    case 'product':
      return eq(devices.productId, p.productId);
    case 'has_version':
      return sql`${devices.firmwareVersion} is not null`;
    case 'version_not':
      return sql`${devices.firmwareVersion} <> ${p.version}`;
    case 'version_in':
      return sql`${devices.firmwareVersion} in ${jsonList(p.versions)}`;
    case 'not_busy':
      return sql`not exists (select 1 from ${otaTasks} where ${otaTasks.deviceId} = ${devices.id} and ${otaTasks.state} in (${ACTIVE}))`;
    case 'device_key_in':
      return sql`${devices.deviceKey} in ${jsonList(p.keys)}`;
    // Correlated EXISTS on each table's (device_id, …) key: a device is checked by lookups, so a scan of a few
    // changed devices never reads every device that carries a tag or sits in a subtree.
    case 'attribute_in':
      return sql`exists (select 1 from ${deviceAttributes} where ${deviceAttributes.deviceId} = ${devices.id} and ${deviceAttributes.name} = ${p.name} and ${deviceAttributes.valueText} in ${jsonList(p.values)})`;
    case 'attribute_range': {
      const bounds = [sql`${deviceAttributes.valueNum} is not null`];
      if (p.min !== undefined) bounds.push(sql`${deviceAttributes.valueNum} >= ${p.min}`);
      if (p.max !== undefined) bounds.push(sql`${deviceAttributes.valueNum} <= ${p.max}`);
      return sql`exists (select 1 from ${deviceAttributes} where ${deviceAttributes.deviceId} = ${devices.id} and ${deviceAttributes.name} = ${p.name} and ${and(...bounds)})`;
    }
    case 'tag_in':
      return sql`exists (select 1 from ${deviceTags} where ${deviceTags.deviceId} = ${devices.id} and ${deviceTags.key} = ${p.key} and ${deviceTags.value} in ${jsonList(p.values)})`;
    case 'in_subtrees': {
      // "At or below a node" is a path range; a chosen node that is a device matches itself. One EXISTS per node keeps
      // each a single lookup on (device_id, tree_id, path): ORed inside one EXISTS, SQLite would serve the ranges
      // from (tree_id, path) and read the whole subtree for every device. No node (all deleted) matches nothing.
      if (!p.nodes.length) return sql`0`;
      const lookups = p.nodes.map((n) => {
        const { from, to } = subtreePathRange(n.path);
        return sql`exists (select 1 from ${assetNodes} where ${assetNodes.deviceId} = ${devices.id} and ${assetNodes.treeId} = ${n.treeId} and ${assetNodes.path} >= ${from} and ${assetNodes.path} < ${to})`;
      });
      return sql`(${sql.join(lookups, sql` or `)})`;
    }
  }
}

/** The WHERE clause selecting an OU's devices that meet every predicate. */
export function scopeWhere(ouId: number, predicates: readonly ScopePredicate[]): SQL {
  return and(eq(devices.ouId, ouId), ...predicates.map(predicateSql))!;
}

export function countScopeDevices(db: DbOrTx, where: SQL): number {
  return db.select({ n: count() }).from(devices).where(where).get()?.n ?? 0;
}

export function listScopeDevices(db: DbOrTx, where: SQL, limit: number) {
  return db
    .select({
      id: devices.id,
      deviceKey: devices.deviceKey,
      name: devices.name,
      firmwareVersion: devices.firmwareVersion,
      online: devices.online,
    })
    .from(devices)
    .where(where)
    .orderBy(asc(devices.deviceKey))
    .limit(limit)
    .all();
}

/**
 * Inserts a queued task for every device the WHERE clause selects, from the whole table or from `source` (a
 * subquery standing in for it); returns how many were inserted. OR IGNORE: the partial unique index (one active
 * task per device) and (job, device) make a concurrent claim a no-op.
 */
export function insertTasksForDevices(
  tx: DbOrTx,
  job: { id: number; toVersion: string },
  where: SQL,
  now: number,
  source: SQL = sql`${devices}`,
): number {
  const result = tx.run(sql`
    insert or ignore into ${otaTasks} (ou_id, job_id, device_id, state, attempt, next_attempt_at, from_version, to_version, created_at, updated_at)
    select ${devices.ouId}, ${job.id}, ${devices.id}, 'queued', 0, ${now}, ${devices.firmwareVersion}, ${job.toVersion}, ${now}, ${now}
    from ${source} where ${where} order by ${devices.id}`);
  return result.changes;
}

export type ScanCursor = { at: number; deviceId: number };

const changedRange = (ouId: number, cursor: ScanCursor, before: number) =>
  sql`ou_id = ${ouId} and (scope_changed_at, id) > (${cursor.at}, ${cursor.deviceId}) and scope_changed_at < ${before}`;

/**
 * The devices whose scope-relevant facts changed after `cursor` and before `before`, at most `limit`, as a stand-in
 * for the devices table: an index range on (ou_id, scope_changed_at), so an Incremental job's scan reads what
 * changed and never the fleet (a LIMIT subquery is not flattened into the outer query's indexes).
 */
export function changedDevicesSource(ouId: number, cursor: ScanCursor, before: number, limit: number): SQL {
  return sql`(select * from ${devices} indexed by devices_ou_scope_changed_idx where ${changedRange(ouId, cursor, before)}
    order by scope_changed_at, id limit ${limit}) as ${devices}`;
}

/** Where a scan of `changedDevicesSource` stopped: its last device, or null when it reached `before`. */
export function lastChangedDevice(db: DbOrTx, ouId: number, cursor: ScanCursor, before: number, limit: number): ScanCursor | null {
  const row = db.get<{ at: number; deviceId: number } | undefined>(sql`select scope_changed_at as at, id as deviceId
    from ${devices} indexed by devices_ou_scope_changed_idx where ${changedRange(ouId, cursor, before)}
    order by scope_changed_at, id limit 1 offset ${limit - 1}`);
  return row ?? null;
}

/** The chosen asset-tree nodes of an OU with their paths and names; nodes of other trees or OUs are left out. */
export function listScopeNodes(
  db: DbOrTx,
  ouId: number,
  trees: { treeId: number; nodeIds: number[] }[],
): (ScopeNode & { id: number; name: string; treeName: string })[] {
  if (!trees.length) return [];
  const conds = trees.map((t) => and(eq(assetNodes.treeId, t.treeId), inArray(assetNodes.id, t.nodeIds)));
  return db
    .select({ id: assetNodes.id, treeId: assetNodes.treeId, path: assetNodes.path, name: assetNodes.name, treeName: assetTrees.name })
    .from(assetNodes)
    .innerJoin(assetTrees, eq(assetTrees.id, assetNodes.treeId))
    .where(and(eq(assetTrees.ouId, ouId), sql`(${sql.join(conds.map((c) => sql`(${c})`), sql` or `)})`))
    .all();
}

/** The scope facts of the OU's devices with these keys (unknown keys are simply absent). */
export function listScopeDevicesByKey(db: DbOrTx, ouId: number, keys: readonly string[]): (ScopeDevice & { id: number })[] {
  if (!keys.length) return [];
  const rows = db
    .select({
      id: devices.id,
      deviceKey: devices.deviceKey,
      productId: devices.productId,
      firmwareVersion: devices.firmwareVersion,
      // Spelled out: drizzle leaves columns unqualified in the select list, where "id" would mean ota_tasks.id.
      busy: sql<number>`exists (select 1 from ota_tasks t where t.device_id = devices.id and t.state in (${ACTIVE}))`,
    })
    .from(devices)
    .where(and(eq(devices.ouId, ouId), sql`${devices.deviceKey} in ${jsonList(keys)}`))
    .all();
  const ids = rows.map((r) => r.id);
  const attributes = new Map<number, Map<string, { text: string; num: number | null }>>();
  for (const a of db.select().from(deviceAttributes).where(sql`${deviceAttributes.deviceId} in ${jsonList(ids)}`).all()) {
    if (!attributes.has(a.deviceId)) attributes.set(a.deviceId, new Map());
    attributes.get(a.deviceId)!.set(a.name, { text: a.valueText, num: a.valueNum });
  }
  const tags = new Map<number, Map<string, string>>();
  for (const t of db.select().from(deviceTags).where(sql`${deviceTags.deviceId} in ${jsonList(ids)}`).all()) {
    if (!tags.has(t.deviceId)) tags.set(t.deviceId, new Map());
    tags.get(t.deviceId)!.set(t.key, t.value);
  }
  const paths = new Map<number, string[]>();
  for (const n of db
    .select({ deviceId: assetNodes.deviceId, path: assetNodes.path })
    .from(assetNodes)
    .where(sql`${assetNodes.deviceId} in ${jsonList(ids)}`)
    .all()) {
    if (!paths.has(n.deviceId!)) paths.set(n.deviceId!, []);
    paths.get(n.deviceId!)!.push(n.path);
  }
  return rows.map((r) => ({
    ...r,
    busy: Boolean(r.busy),
    attributes: attributes.get(r.id) ?? new Map(),
    tags: tags.get(r.id) ?? new Map(),
    nodePaths: paths.get(r.id) ?? [],
  }));
}
