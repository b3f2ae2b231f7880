import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { devices, ous, products } from '../schema';

export type FleetDeviceFilter = { ouName?: string; productKey?: string; limit?: number };

/** Devices with their secrets and reported versions, in id order: what simulated devices need to log in. */
export function listFleetDevices(db: DbOrTx, filter: FleetDeviceFilter = {}) {
  const conds: SQL[] = [];
  if (filter.ouName) conds.push(eq(ous.name, filter.ouName));
  if (filter.productKey) conds.push(eq(products.productKey, filter.productKey));
  const query = db
    .select({
      ouId: devices.ouId,
      deviceId: devices.id,
      productKey: products.productKey,
      deviceKey: devices.deviceKey,
      deviceSecret: devices.deviceSecret,
      firmwareVersion: devices.firmwareVersion,
    })
    .from(devices)
    .innerJoin(products, eq(products.id, devices.productId))
    .innerJoin(ous, eq(ous.id, devices.ouId))
    .where(and(...conds))
    .orderBy(asc(devices.id));
  return filter.limit === undefined ? query.all() : query.limit(filter.limit).all();
}
