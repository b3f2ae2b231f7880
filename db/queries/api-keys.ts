import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { apiKeys, ous, users } from '../schema';

export function insertApiKey(tx: DbOrTx, values: typeof apiKeys.$inferInsert) {
  return tx.insert(apiKeys).values(values).returning().get();
}

/** The OU's keys, newest first, with the name of the admin who created each (never the secret hash). */
export function listApiKeyRows(db: DbOrTx, ouId: number) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      role: apiKeys.role,
      createdByName: users.name,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.ouId, ouId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .all();
}

/** The key with this prefix and the name of its OU, revoked or not, or undefined. */
export function getApiKeyByPrefix(db: DbOrTx, prefix: string) {
  return db
    .select({ key: apiKeys, ouName: ous.name })
    .from(apiKeys)
    .innerJoin(ous, eq(ous.id, apiKeys.ouId))
    .where(eq(apiKeys.prefix, prefix))
    .get();
}

export function getApiKeyInOu(db: DbOrTx, ouId: number, id: number) {
  return db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.ouId, ouId), eq(apiKeys.id, id)))
    .get();
}

/** Revokes a key that is not revoked yet; false when it already was. */
export function revokeApiKeyRow(tx: DbOrTx, id: number, now: number): boolean {
  return tx.update(apiKeys).set({ revokedAt: now }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).run().changes === 1;
}

/** Sets lastUsedAt unless it was set after `since` (concurrent requests then write it once). */
export function touchApiKey(tx: DbOrTx, id: number, now: number, since: number): void {
  tx.update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, since))))
    .run();
}
