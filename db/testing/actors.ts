import { eq } from 'drizzle-orm';
import type { Actor } from '../../lib/auth/actor';
import { ROLE_PERMISSIONS } from '../../lib/auth/permissions';
import type { DbOrTx } from '../client';
import { getUserByEmail, listMembershipsForUser } from '../queries/users';
import { ous } from '../schema';

/** The Actor a signed-in user would be in the named OU, as the session code builds it. */
export function actorFor(db: DbOrTx, email: string, ouName: string): Actor {
  const user = getUserByEmail(db, email);
  if (!user) throw new Error(`no user ${email}`);
  const ou = db.select().from(ous).where(eq(ous.name, ouName)).get();
  const membership = listMembershipsForUser(db, user.id).find((m) => m.ouId === ou?.id);
  if (!ou || !membership) throw new Error(`${email} is not a member of ${ouName}`);
  return {
    kind: 'user',
    userId: user.id,
    apiKeyId: null,
    displayName: user.name,
    ouId: ou.id,
    ouName: ou.name,
    role: membership.role,
    permissions: ROLE_PERMISSIONS[membership.role],
  };
}
