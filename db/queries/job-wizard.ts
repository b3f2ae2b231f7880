import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { FirmwareStatus } from '../../lib/ota/states';
import type { DbOrTx } from '../client';
import { deviceAttributes, firmware, products } from '../schema';

/** The OU's firmware in the given statuses, newest first, with their products: the wizard's "Firmware Name" options. */
export function listFirmwareInStatuses(db: DbOrTx, ouId: number, statuses: readonly FirmwareStatus[]) {
  return db
    .select({
      id: firmware.id,
      name: firmware.name,
      version: firmware.version,
      status: firmware.status,
      maxVerifyDevices: firmware.maxVerifyDevices,
      minVerifySuccesses: firmware.minVerifySuccesses,
      productId: firmware.productId,
      productName: products.name,
      productKey: products.productKey,
    })
    .from(firmware)
    .leftJoin(products, eq(products.id, firmware.productId))
    .where(and(eq(firmware.ouId, ouId), inArray(firmware.status, statuses)))
    .orderBy(desc(firmware.createdAt), desc(firmware.id))
    .all();
}

/** Distinct values (as text) of one device attribute in the OU, for the "By Attribute" suggestions. */
export function listAttributeValues(db: DbOrTx, ouId: number, name: string, limit: number) {
  return db
    .selectDistinct({ value: deviceAttributes.valueText })
    .from(deviceAttributes)
    .where(and(eq(deviceAttributes.ouId, ouId), eq(deviceAttributes.name, name)))
    .orderBy(asc(deviceAttributes.valueText))
    .limit(limit)
    .all()
    .map((r) => r.value);
}
