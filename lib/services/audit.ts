import type { DbOrTx } from '@/db/client';
import { auditEvents } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';

/** Records who did what in the actor's OU; call inside the transaction of the change itself. */
export function recordAudit(
  tx: DbOrTx,
  actor: Actor,
  event: { action: string; targetType: string; targetId?: string | number; detail?: Record<string, unknown>; at: number },
) {
  tx.insert(auditEvents)
    .values({
      ouId: actor.ouId,
      actorUserId: actor.userId,
      actorApiKeyId: actor.apiKeyId,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId === undefined ? null : String(event.targetId),
      detail: event.detail ?? null,
      at: event.at,
    })
    .run();
}
