import crypto from 'node:crypto';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { openDb } from '../db/client';
import { insertDeviceWithDetails, type NewDeviceInput } from '../db/queries/devices';
import { insertAssetNode, insertAssetTree } from '../db/queries/fleet';
import { otaJobs, ous, products } from '../db/schema';

/** The running e2e server's database (playwright.config.ts gives it DATA_DIR .data/e2e). */
const E2E_DATABASE = path.join('.data', 'e2e', 'ota.sqlite');

/**
 * Adds asset trees, one root node each, to an OU of the running e2e server. The console has no way to create trees
 * (they come from the seed), and a journey that needs more than the seeded two has to add them here.
 */
export function addAssetTrees(ouName: string, names: string[]) {
  const db = openDb(E2E_DATABASE);
  try {
    db.transaction((tx) => {
      const ou = tx.select().from(ous).where(eq(ous.name, ouName)).get();
      if (!ou) throw new Error(`no OU ${ouName}`);
      for (const name of names) {
        const tree = insertAssetTree(tx, ou.id, name, Date.now());
        insertAssetNode(tx, tree, null, { name: `${name} root`, kind: 'asset' });
      }
    });
  } finally {
    db.$client.close();
  }
}

export type JourneyDevice = Pick<NewDeviceInput, 'deviceKey' | 'name' | 'firmwareVersion' | 'attributes' | 'tags'>;

/**
 * Smart Inverters with an attribute and a tag no seeded device has, for the "By Attribute" and "By Device Tag"
 * journeys; ring-4 never reported a version. They must exist before the server starts: the simulated fleet reads its
 * devices once, at start, so only then do they answer pushes (devices imported later stay offline).
 */
export const RING_DEVICES: JourneyDevice[] = [
  { deviceKey: 'ring-1', name: 'Ring 1', firmwareVersion: '1.0.0', attributes: { e2eRevision: 2 }, tags: { e2eRing: 'ring-a' } },
  { deviceKey: 'ring-2', name: 'Ring 2', firmwareVersion: '1.0.0', attributes: { e2eRevision: 5 }, tags: { e2eRing: 'ring-a' } },
  { deviceKey: 'ring-3', name: 'Ring 3', firmwareVersion: '1.1.0', attributes: { e2eRevision: 9 }, tags: { e2eRing: 'ring-b' } },
  { deviceKey: 'ring-4', name: 'Ring 4', firmwareVersion: null, attributes: { e2eRevision: 6 }, tags: { e2eRing: 'ring-b' } },
];

/** Adds devices of a product to an OU of the e2e database (run by scripts/e2e-server.sh before `next start`). */
export function addDevices(file: string, ouName: string, productKey: string, list: JourneyDevice[]) {
  const db = openDb(file);
  try {
    db.transaction((tx) => {
      const ou = tx.select().from(ous).where(eq(ous.name, ouName)).get();
      if (!ou) throw new Error(`no OU ${ouName}`);
      const product = tx
        .select()
        .from(products)
        .where(and(eq(products.ouId, ou.id), eq(products.productKey, productKey)))
        .get();
      if (!product) throw new Error(`no product ${productKey} in ${ouName}`);
      for (const d of list) {
        insertDeviceWithDetails(tx, { ...d, ouId: ou.id, productId: product.id, deviceSecret: crypto.randomBytes(16).toString('hex'), now: Date.now() });
      }
    });
  } finally {
    db.$client.close();
  }
}

/** Copies a job of the running e2e server under new names, without tasks, Not Started: many jobs for a list, cheaply. */
export function copyJob(jobId: number, names: string[]) {
  const db = openDb(E2E_DATABASE);
  try {
    db.transaction((tx) => {
      const { id: _id, ...job } = tx.select().from(otaJobs).where(eq(otaJobs.id, jobId)).get()!;
      void _id;
      const now = Date.now();
      for (const name of names) {
        tx.insert(otaJobs)
          .values({ ...job, name, status: 'not_started', totalTasks: 0, queuedCount: 0, createdAt: now, updatedAt: now, startedAt: null })
          .run();
      }
    });
  } finally {
    db.$client.close();
  }
}
