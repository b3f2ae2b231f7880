import { and, asc, count, eq, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { assetNodes, assetTrees, deviceAttributes, deviceTags, devices, products } from '../schema';

export type AttributeValue = string | number;

export type NewDeviceInput = {
  ouId: number;
  productId: number;
  deviceKey: string;
  name: string;
  deviceSecret: string;
  firmwareVersion?: string | null;
  attributes?: Record<string, AttributeValue>;
  tags?: Record<string, string>;
  // When the device was last connected (the demo seed's history); null = never.
  lastSeenAt?: number | null;
  now: number;
};

/** Inserts a device with its attributes and tags; call inside a transaction. */
export function insertDeviceWithDetails(tx: DbOrTx, input: NewDeviceInput) {
  const device = tx
    .insert(devices)
    .values({
      ouId: input.ouId,
      productId: input.productId,
      deviceKey: input.deviceKey,
      name: input.name,
      deviceSecret: input.deviceSecret,
      firmwareVersion: input.firmwareVersion ?? null,
      versionReportedAt: input.firmwareVersion ? input.now : null,
      lastSeenAt: input.lastSeenAt ?? null,
      scopeChangedAt: input.now,
      createdAt: input.now,
    })
    .returning()
    .get();
  const attrs = Object.entries(input.attributes ?? {});
  if (attrs.length) {
    tx.insert(deviceAttributes)
      .values(
        attrs.map(([name, value]) => ({
          deviceId: device.id,
          ouId: input.ouId,
          name,
          valueText: String(value),
          valueNum: typeof value === 'number' ? value : null,
        })),
      )
      .run();
  }
  const tags = Object.entries(input.tags ?? {});
  if (tags.length) {
    tx.insert(deviceTags)
      .values(tags.map(([key, value]) => ({ deviceId: device.id, ouId: input.ouId, key, value })))
      .run();
  }
  return device;
}

/** The version filter value that selects devices that never reported a version. */
export const NEVER_REPORTED = '__none__';

export type DeviceFilter = {
  q?: string;
  productId?: number;
  version?: string;
  online?: boolean;
  tag?: { key: string; value?: string };
};

function deviceWhere(ouId: number, f: DeviceFilter): SQL {
  const conds: SQL[] = [eq(devices.ouId, ouId)];
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(sql`${devices.deviceKey} like ${pattern} escape '\\'`, sql`${devices.name} like ${pattern} escape '\\'`)!);
  }
  if (f.productId) conds.push(eq(devices.productId, f.productId));
  if (f.version === NEVER_REPORTED) conds.push(isNull(devices.firmwareVersion));
  else if (f.version) conds.push(eq(devices.firmwareVersion, f.version));
  if (f.online !== undefined) conds.push(eq(devices.online, f.online));
  if (f.tag?.key) {
    const tagConds = [eq(deviceTags.ouId, ouId), eq(deviceTags.key, f.tag.key)];
    if (f.tag.value) tagConds.push(eq(deviceTags.value, f.tag.value));
    // Uses device_tags_kv_idx; no scan of the device table.
    conds.push(sql`${devices.id} in (select ${deviceTags.deviceId} from ${deviceTags} where ${and(...tagConds)})`);
  }
  return and(...conds)!;
}

export function listDevices(db: DbOrTx, ouId: number, filter: DeviceFilter, page: { limit: number; offset: number }) {
  const where = deviceWhere(ouId, filter);
  const rows = db
    .select({
      id: devices.id,
      deviceKey: devices.deviceKey,
      name: devices.name,
      firmwareVersion: devices.firmwareVersion,
      online: devices.online,
      lastSeenAt: devices.lastSeenAt,
      createdAt: devices.createdAt,
      productId: products.id,
      productName: products.name,
      productKey: products.productKey,
    })
    .from(devices)
    .innerJoin(products, eq(products.id, devices.productId))
    .where(where)
    .orderBy(asc(devices.deviceKey))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = db.select({ n: count() }).from(devices).where(where).get()?.n ?? 0;
  return { rows, total };
}

/** A device of this OU, or undefined (a foreign id looks exactly like a missing one). */
export function getDeviceInOu(db: DbOrTx, ouId: number, deviceId: number) {
  return db
    .select({ device: devices, product: products })
    .from(devices)
    .innerJoin(products, eq(products.id, devices.productId))
    .where(and(eq(devices.ouId, ouId), eq(devices.id, deviceId)))
    .get();
}

export function getDeviceByKey(db: DbOrTx, ouId: number, deviceKey: string) {
  return db
    .select()
    .from(devices)
    .where(and(eq(devices.ouId, ouId), eq(devices.deviceKey, deviceKey)))
    .get();
}

export function listDeviceAttributes(db: DbOrTx, ouId: number, deviceId: number) {
  return db
    .select()
    .from(deviceAttributes)
    .where(and(eq(deviceAttributes.ouId, ouId), eq(deviceAttributes.deviceId, deviceId)))
    .orderBy(asc(deviceAttributes.name))
    .all();
}

export function listDeviceTags(db: DbOrTx, ouId: number, deviceId: number) {
  return db
    .select()
    .from(deviceTags)
    .where(and(eq(deviceTags.ouId, ouId), eq(deviceTags.deviceId, deviceId)))
    .orderBy(asc(deviceTags.key))
    .all();
}

/** Where the device sits in each asset tree of the OU: the names from the root down to the device's node. */
export function listDeviceTreeLocations(db: DbOrTx, ouId: number, deviceId: number) {
  const nodes = db
    .select({ path: assetNodes.path, treeId: assetNodes.treeId, treeName: assetTrees.name })
    .from(assetNodes)
    .innerJoin(assetTrees, eq(assetTrees.id, assetNodes.treeId))
    .where(and(eq(assetNodes.ouId, ouId), eq(assetTrees.ouId, ouId), eq(assetNodes.deviceId, deviceId)))
    .all();
  return nodes.map((n) => {
    const ids = n.path.split('/').filter(Boolean).map(Number);
    const names = db
      .select({ id: assetNodes.id, name: assetNodes.name })
      .from(assetNodes)
      .where(and(eq(assetNodes.ouId, ouId), inArray(assetNodes.id, ids)))
      .all();
    const byId = new Map(names.map((x) => [x.id, x.name]));
    return { treeId: n.treeId, treeName: n.treeName, path: ids.map((id) => byId.get(id) ?? '?') };
  });
}

/** Distinct reported versions in the OU (optionally of one product), newest-looking first. */
export function listReportedVersions(db: DbOrTx, ouId: number, productId?: number) {
  const conds = [eq(devices.ouId, ouId), sql`${devices.firmwareVersion} is not null`];
  if (productId) conds.push(eq(devices.productId, productId));
  return db
    .selectDistinct({ version: devices.firmwareVersion })
    .from(devices)
    .where(and(...conds))
    .all()
    .map((r) => r.version!)
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
}

/** Devices per current version for one product (null = never reported); drives the version-distribution chart. */
export function countDevicesByVersion(db: DbOrTx, ouId: number, productId: number) {
  return db
    .select({ version: devices.firmwareVersion, devices: count() })
    .from(devices)
    .where(and(eq(devices.ouId, ouId), eq(devices.productId, productId)))
    .groupBy(devices.firmwareVersion)
    .all();
}

export function listTagKeys(db: DbOrTx, ouId: number) {
  return db
    .selectDistinct({ key: deviceTags.key })
    .from(deviceTags)
    .where(eq(deviceTags.ouId, ouId))
    .orderBy(asc(deviceTags.key))
    .all()
    .map((r) => r.key);
}

export function listTagValues(db: DbOrTx, ouId: number, key: string) {
  return db
    .selectDistinct({ value: deviceTags.value })
    .from(deviceTags)
    .where(and(eq(deviceTags.ouId, ouId), eq(deviceTags.key, key)))
    .orderBy(asc(deviceTags.value))
    .all()
    .map((r) => r.value);
}

export function listAttributeNames(db: DbOrTx, ouId: number) {
  return db
    .selectDistinct({ name: deviceAttributes.name })
    .from(deviceAttributes)
    .where(eq(deviceAttributes.ouId, ouId))
    .orderBy(asc(deviceAttributes.name))
    .all()
    .map((r) => r.name);
}

/** Device keys of the OU starting with a prefix (search-as-you-type); an index range on (ou_id, device_key). */
export function searchDeviceKeys(db: DbOrTx, ouId: number, prefix: string, limit = 20, productId?: number) {
  const conds = [eq(devices.ouId, ouId), like(devices.deviceKey, `${prefix.replace(/[\\%_]/g, '')}%`)];
  if (productId) conds.push(eq(devices.productId, productId));
  return db
    .select({ id: devices.id, deviceKey: devices.deviceKey, name: devices.name, firmwareVersion: devices.firmwareVersion })
    .from(devices)
    .where(and(...conds))
    .orderBy(asc(devices.deviceKey))
    .limit(limit)
    .all();
}

/** Marks every device offline: called at server start, since no device connection survives a restart. */
export function markAllDevicesOffline(db: DbOrTx) {
  db.update(devices).set({ online: false }).where(eq(devices.online, true)).run();
}
