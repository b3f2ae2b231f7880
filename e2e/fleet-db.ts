import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openDb } from '../db/client';
import { insertAssetNode, insertAssetTree } from '../db/queries/fleet';
import { ous } from '../db/schema';

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
