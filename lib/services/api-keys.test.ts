import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKeys, auditEvents } from '@/db/schema';
import { insertOu, makeActor, setupOtaTest } from '@/db/testing/ota-fixtures';
import { AppError } from '@/lib/errors';
import { authenticateApiKey, createApiKey, LAST_USED_RESOLUTION_MS, listApiKeys, revokeApiKey } from './api-keys';

let t: ReturnType<typeof setupOtaTest>;
beforeEach(() => {
  t = setupOtaTest();
});
afterEach(() => t.cleanup());

const admin = () => makeActor(t.ou, t.user.id, 'ou_admin');
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('API keys', () => {
  it('store only a hash and act in the OU with the role given, for the admin who created the key', () => {
    const { key, prefix, id } = createApiKey({ actor: admin(), input: { name: 'CI', role: 'viewer' }, now: 1000 });
    const row = t.db.select().from(apiKeys).where(eq(apiKeys.id, id)).get()!;
    expect(row.prefix).toBe(prefix);
    // The secret (everything after `ota_<prefix>_`, which may itself contain `_`) is never stored.
    expect(row.secretHash).not.toContain(key.slice(`ota_${prefix}_`.length));
    expect(JSON.stringify(listApiKeys({ actor: admin() }))).not.toContain('secretHash');

    const actor = authenticateApiKey({ ...bearer(key), now: 2000 });
    expect(actor).toMatchObject({ kind: 'api_key', apiKeyId: id, userId: t.user.id, ouId: t.ou.id, ouName: 'Acme', role: 'viewer' });
    expect(actor.permissions).not.toContain('ota:create');
  });

  it('refuse a missing, malformed, unknown, wrongly signed or revoked key as UNAUTHENTICATED', () => {
    const { key, id } = createApiKey({ actor: admin(), input: { name: 'CI', role: 'developer' } });
    const [, prefix, secret] = /^ota_([0-9a-f]+)_(.+)$/.exec(key)!;
    const forged = `ota_${prefix}_${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const unknown = `ota_${'0'.repeat(12)}_${secret}`;
    for (const authorization of [null, '', key, `Basic ${key}`, 'Bearer nonsense', `Bearer ${unknown}`, `Bearer ${forged}`]) {
      expect(refusal(() => authenticateApiKey({ authorization })).code).toBe('UNAUTHENTICATED');
    }
    expect(authenticateApiKey(bearer(key)).apiKeyId).toBe(id);
    revokeApiKey({ actor: admin(), apiKeyId: id });
    expect(refusal(() => authenticateApiKey(bearer(key)))).toMatchObject({ code: 'UNAUTHENTICATED', message: 'The API key is unknown or revoked.' });
  });

  it('write "last used" at most once a minute', () => {
    const { key, id } = createApiKey({ actor: admin(), input: { name: 'CI', role: 'developer' }, now: 0 });
    const lastUsed = () => t.db.select().from(apiKeys).where(eq(apiKeys.id, id)).get()!.lastUsedAt;
    expect(lastUsed()).toBeNull();
    authenticateApiKey({ ...bearer(key), now: 10_000 });
    expect(lastUsed()).toBe(10_000);
    authenticateApiKey({ ...bearer(key), now: 10_000 + LAST_USED_RESOLUTION_MS - 1 });
    expect(lastUsed()).toBe(10_000);
    authenticateApiKey({ ...bearer(key), now: 10_000 + LAST_USED_RESOLUTION_MS + 1 });
    expect(lastUsed()).toBe(10_000 + LAST_USED_RESOLUTION_MS + 1);
  });

  it('are managed by OU Admins only, within their OU, with an audit event per change', () => {
    expect(refusal(() => createApiKey({ actor: t.actor, input: { name: 'x', role: 'viewer' } })).code).toBe('FORBIDDEN');
    expect(refusal(() => listApiKeys({ actor: t.actor })).code).toBe('FORBIDDEN');
    const { id } = createApiKey({ actor: admin(), input: { name: 'CI', role: 'developer' } });
    const other = insertOu(t.db, 'Elsewhere');
    const otherAdmin = makeActor(other.ou, other.user.id, 'ou_admin');
    expect(listApiKeys({ actor: otherAdmin })).toEqual([]);
    expect(refusal(() => revokeApiKey({ actor: otherAdmin, apiKeyId: id })).code).toBe('NOT_FOUND');
    expect(refusal(() => revokeApiKey({ actor: t.actor, apiKeyId: id })).code).toBe('FORBIDDEN');
    revokeApiKey({ actor: admin(), apiKeyId: id });
    expect(refusal(() => revokeApiKey({ actor: admin(), apiKeyId: id })).code).toBe('INVALID_TRANSITION');
    const audit = t.db.select().from(auditEvents).where(eq(auditEvents.ouId, t.ou.id)).all();
    expect(audit.map((a) => [a.action, a.targetId, a.actorUserId])).toEqual([
      ['api_key.create', String(id), t.user.id],
      ['api_key.revoke', String(id), t.user.id],
    ]);
  });
});
