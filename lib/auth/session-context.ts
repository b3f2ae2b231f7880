import { getDb } from '@/db/client';
import { getUserById, listMembershipsForUser } from '@/db/queries/users';
import type { Actor, OuMembershipSummary } from './actor';
import { ROLE_PERMISSIONS } from './permissions';

/** Cookie holding the OU the user is working in; only honoured when the user is still a member of it. */
export const CURRENT_OU_COOKIE = 'ota_ou';

export type SessionContext = {
  actor: Actor;
  memberships: OuMembershipSummary[];
};

/**
 * The signed-in user's context, read from the database on every request so a changed role or a removed membership
 * takes effect at once: null when there is no such user or they belong to no OU. Free of next/headers and of
 * `server-only` (which a Pages API route cannot import), so those routes share it with the App Router.
 */
export function sessionContextFor(userId: number | undefined, wantedOuId: number): SessionContext | null {
  if (!userId) return null;
  const db = getDb();
  const user = getUserById(db, userId);
  if (!user) return null;
  const memberships = listMembershipsForUser(db, user.id);
  if (memberships.length === 0) return null;
  const current = memberships.find((m) => m.ouId === wantedOuId) ?? memberships[0];
  return {
    memberships,
    actor: {
      kind: 'user',
      userId: user.id,
      apiKeyId: null,
      displayName: user.name,
      ouId: current.ouId,
      ouName: current.ouName,
      role: current.role,
      permissions: ROLE_PERMISSIONS[current.role],
    },
  };
}
