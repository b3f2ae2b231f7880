import { and, asc, eq, gt, max, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { devices, ous, products } from '../schema';
import { DEVICE_LOGIN_COLUMNS } from './ota-devices';

export type FleetDeviceFilter = { ouName?: string; productKey?: string };

function filterConditions(filter: FleetDeviceFilter): SQL[] {
  const conds: SQL[] = [];
  if (filter.ouName) conds.push(eq(ous.name, filter.ouName));
  if (filter.productKey) conds.push(eq(products.productKey, filter.productKey));
  return conds;
}

/**
 * Devices with their secrets and reported versions, in id order: what simulated devices need to log in. `afterId`
 * reads only devices created later than that one (an index range on the primary key).
 */
export function listFleetDevices(db: DbOrTx, filter: FleetDeviceFilter & { afterId?: number; limit?: number } = {}) {
  const conds = filterConditions(filter);
  if (filter.afterId !== undefined) conds.push(gt(devices.id, filter.afterId));
  const query = db
    .select({ ...DEVICE_LOGIN_COLUMNS, firmwareVersion: devices.firmwareVersion })
    .from(devices)
    .innerJoin(products, eq(products.id, devices.productId))
    .innerJoin(ous, eq(ous.id, devices.ouId))
    .where(and(...conds))
    .orderBy(asc(devices.id));
  return filter.limit === undefined ? query.all() : query.limit(filter.limit).all();
}

/** The highest device id matching the filter (0 when none): devices created later have higher ids. */
export function getLastFleetDeviceId(db: DbOrTx, filter: FleetDeviceFilter = {}): number {
  const row = db
    .select({ id: max(devices.id) })
    .from(devices)
    .innerJoin(products, eq(products.id, devices.productId))
    .innerJoin(ous, eq(ous.id, devices.ouId))
    .where(and(...filterConditions(filter)))
    .get();
  return row?.id ?? 0;
}
