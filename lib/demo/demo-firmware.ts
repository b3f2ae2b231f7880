import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { loadActor } from '@/lib/auth/load-actor';
import { firmware, products } from '@/db/schema';
import { createRng } from '@/lib/random';
import { multipartUpload } from '@/lib/firmware/multipart';
import { createFirmware } from '@/lib/services/firmware';

/** Firmware the demo starts with: one ready for upgrades per product, and one still waiting for verification. */
const DEMO_FIRMWARE = [
  { productKey: 'smart-inverter', name: 'Inverter Main FW', version: '1.3.0', verificationRequired: false, sizeKiB: 768 },
  { productKey: 'battery-bms', name: 'BMS Controller FW', version: '2.6.0', verificationRequired: false, sizeKiB: 512 },
  { productKey: 'smart-meter', name: 'Meter Metrology FW', version: '3.2.0', verificationRequired: true, sizeKiB: 256 },
] as const;

/** Deterministic bytes that look like an image header followed by noise. */
function demoImage(label: string, sizeKiB: number): Uint8Array {
  const rng = createRng(label.length * 7919 + sizeKiB);
  const bytes = new Uint8Array(sizeKiB * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rng.next() * 256);
  bytes.set(new TextEncoder().encode(`OTA-DEMO ${label}\n`));
  return bytes;
}

/**
 * Uploads the demo firmware of Demo Energy through the same pipeline as "Add Firmware" (streamed, hashed, stored
 * content-addressed), as its OU Admin. Idempotent: a version that exists already is skipped.
 */
export async function seedDemoFirmware(): Promise<string[]> {
  const db = getDb();
  const actor = loadActor(db, 'admin@demo.local', 'Demo Energy');
  const created: string[] = [];
  for (const fw of DEMO_FIRMWARE) {
    const product = db.select().from(products).where(eq(products.productKey, fw.productKey)).all().find((p) => p.ouId === actor.ouId);
    if (!product) continue;
    const exists = db
      .select({ id: firmware.id })
      .from(firmware)
      .where(and(eq(firmware.productId, product.id), eq(firmware.version, fw.version)))
      .get();
    if (exists) continue;
    const fields = {
      name: fw.name,
      version: fw.version,
      productId: String(product.id),
      signMethod: 'sha256',
      description: `${product.name} release ${fw.version}`,
      verificationRequired: String(fw.verificationRequired),
      maxVerifyDevices: '5',
      minVerifySuccesses: '2',
      tags: JSON.stringify([{ key: 'channel', value: 'stable' }]),
      expectedHash: '',
    };
    const file = { name: `${fw.productKey}-${fw.version}.bin`, bytes: demoImage(`${fw.productKey} ${fw.version}`, fw.sizeKiB) };
    await createFirmware({ actor, ...multipartUpload(fields, file) });
    created.push(`${fw.name} ${fw.version}`);
  }
  return created;
}
