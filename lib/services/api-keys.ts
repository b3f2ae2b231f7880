import { getDb } from '@/db/client';
import { getApiKeyByPrefix, getApiKeyInOu, insertApiKey, listApiKeyRows, revokeApiKeyRow, touchApiKey } from '@/db/queries/api-keys';
import type { Actor } from '@/lib/auth/actor';
import { apiKeySecretMatches, generateApiKey, parseApiKey } from '@/lib/auth/api-key-secret';
import { requirePermission } from '@/lib/auth/guards';
import { ROLE_PERMISSIONS } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import type { CreateApiKeyInput } from '@/lib/validation/api-keys';
import { recordAudit } from './audit';

/** "Last used" is written at most this often per key, so a busy script does not turn every read into a write. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function listApiKeys({ actor }: { actor: Actor }) {
  requirePermission(actor, 'apikeys:manage');
  return listApiKeyRows(getDb(), actor.ouId);
}
export type ApiKeyRow = ReturnType<typeof listApiKeys>[number];

/** Creates a key for the actor's OU; the full key is in the result only, never stored or shown again. */
export function createApiKey({ actor, input, now = Date.now() }: { actor: Actor; input: CreateApiKeyInput; now?: number }) {
  requirePermission(actor, 'apikeys:manage');
  const { key, prefix, secretHash } = generateApiKey();
  return getDb().transaction((tx) => {
    const row = insertApiKey(tx, { ouId: actor.ouId, name: input.name, prefix, secretHash, role: input.role, createdBy: actor.userId, createdAt: now });
    recordAudit(tx, actor, { action: 'api_key.create', targetType: 'api_key', targetId: row.id, detail: { name: row.name, prefix, role: row.role }, at: now });
    return { id: row.id, name: row.name, prefix, key };
  });
}

/** Revokes a key of the actor's OU; the next request with it answers 401. */
export function revokeApiKey({ actor, apiKeyId, now = Date.now() }: { actor: Actor; apiKeyId: number; now?: number }) {
  requirePermission(actor, 'apikeys:manage');
  getDb().transaction((tx) => {
    const row = getApiKeyInOu(tx, actor.ouId, apiKeyId);
    if (!row) throw new AppError('NOT_FOUND', 'API key not found.');
    if (!revokeApiKeyRow(tx, row.id, now)) throw new AppError('INVALID_TRANSITION', 'This API key is already revoked.');
    recordAudit(tx, actor, { action: 'api_key.revoke', targetType: 'api_key', targetId: row.id, detail: { name: row.name, prefix: row.prefix }, at: now });
  });
}

/**
 * The Actor of an `Authorization: Bearer <key>` header: the key's OU and role, acting for the admin who created it.
 * A missing, malformed, unknown or revoked key is UNAUTHENTICATED, with one message so callers learn nothing more.
 */
export function authenticateApiKey({ authorization, now = Date.now() }: { authorization: string | null; now?: number }): Actor {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!bearer) throw new AppError('UNAUTHENTICATED', 'Send an API key as "Authorization: Bearer <key>".');
  const parsed = parseApiKey(bearer[1]);
  const db = getDb();
  const found = parsed && getApiKeyByPrefix(db, parsed.prefix);
  if (!parsed || !found || found.key.revokedAt !== null || !apiKeySecretMatches(parsed.secret, found.key.secretHash)) {
    throw new AppError('UNAUTHENTICATED', 'The API key is unknown or revoked.');
  }
  const { key } = found;
  if (key.lastUsedAt === null || key.lastUsedAt < now - LAST_USED_RESOLUTION_MS) touchApiKey(db, key.id, now, now - LAST_USED_RESOLUTION_MS);
  return {
    kind: 'api_key',
    userId: key.createdBy,
    apiKeyId: key.id,
    displayName: `API key ${key.name}`,
    ouId: key.ouId,
    ouName: found.ouName,
    role: key.role,
    permissions: ROLE_PERMISSIONS[key.role],
  };
}
