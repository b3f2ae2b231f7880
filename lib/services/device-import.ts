import crypto from 'node:crypto';
import { getDb } from '@/db/client';
import { getDeviceByKey, insertDeviceWithDetails } from '@/db/queries/devices';
import { listProducts } from '@/db/queries/fleet';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/guards';
import { AppError } from '@/lib/errors';
import { parseDeviceImport } from '@/lib/validation/device-import';
import { recordAudit } from './audit';

const SHOWN_ERRORS = 20;

/**
 * Imports devices from CSV or JSON text into the actor's OU: all rows or none. Unknown products and device keys
 * that exist already (or twice in the file) are reported per row; a missing secret is generated.
 */
export function importDevices({ actor, text, now = Date.now() }: { actor: Actor; text: string; now?: number }): { imported: number } {
  requirePermission(actor, 'fleet:write');
  const { rows, errors } = parseDeviceImport(text);
  const db = getDb();
  return db.transaction((tx) => {
    const products = new Map(listProducts(tx, actor.ouId).map((p) => [p.productKey, p.id]));
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      if (!products.has(row.productKey)) errors.push(`Row ${i + 1}: no product with productKey "${row.productKey}"`);
      if (seen.has(row.deviceKey)) errors.push(`Row ${i + 1}: deviceKey "${row.deviceKey}" appears twice in the file`);
      else if (getDeviceByKey(tx, actor.ouId, row.deviceKey)) errors.push(`Row ${i + 1}: deviceKey "${row.deviceKey}" already exists`);
      seen.add(row.deviceKey);
    });
    if (errors.length) {
      const shown = errors.slice(0, SHOWN_ERRORS);
      if (errors.length > SHOWN_ERRORS) shown.push(`…and ${errors.length - SHOWN_ERRORS} more`);
      throw new AppError('INVALID_INPUT', 'Nothing was imported: fix these rows and try again.', { file: shown });
    }
    for (const row of rows) {
      insertDeviceWithDetails(tx, {
        ouId: actor.ouId,
        productId: products.get(row.productKey)!,
        deviceKey: row.deviceKey,
        name: row.name,
        deviceSecret: row.deviceSecret ?? crypto.randomBytes(16).toString('hex'),
        firmwareVersion: row.firmwareVersion ?? null,
        attributes: row.attributes,
        tags: row.tags,
        now,
      });
    }
    recordAudit(tx, actor, { action: 'device.import', targetType: 'device', detail: { count: rows.length }, at: now });
    return { imported: rows.length };
  });
}
