import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { devices, products } from '../schema';

/** What a device logs in with, and the ids its session is tied to (selected from devices joined to products). */
export const DEVICE_LOGIN_COLUMNS = {
  ouId: devices.ouId,
  deviceId: devices.id,
  productKey: products.productKey,
  deviceKey: devices.deviceKey,
  deviceSecret: devices.deviceSecret,
};

/**
 * Devices as the transport sees them: credentials lookup and what a connection or an inform changes. Keys are
 * unique per OU only, so a (productKey, deviceKey) pair may name devices of several OUs.
 */
export function listDevicesByKeys(db: DbOrTx, productKey: string, deviceKey: string) {
  return db
    .select(DEVICE_LOGIN_COLUMNS)
    .from(products)
    // Joined on (ou_id, device_key), the unique index, so a connect is a lookup and never a scan of the fleet.
    .innerJoin(devices, and(eq(devices.ouId, products.ouId), eq(devices.deviceKey, deviceKey), eq(devices.productId, products.id)))
    .where(eq(products.productKey, productKey))
    .all();
}

export function setDeviceOnline(tx: DbOrTx, deviceId: number, online: boolean, at: number): void {
  tx.update(devices).set({ online, lastSeenAt: at }).where(eq(devices.id, deviceId)).run();
}

/**
 * Records the version a device reports. Only a change bumps scope_changed_at, so devices that inform on every
 * connect do not make Incremental jobs rescan them.
 */
export function recordReportedVersion(tx: DbOrTx, deviceId: number, version: string, at: number): void {
  tx.update(devices)
    .set({
      firmwareVersion: version,
      versionReportedAt: at,
      lastSeenAt: at,
      scopeChangedAt: sql`case when ${devices.firmwareVersion} is ${version} then ${devices.scopeChangedAt} else ${at} end`,
    })
    .where(eq(devices.id, deviceId))
    .run();
}
