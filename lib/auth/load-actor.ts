import { eq } from 'drizzle-orm';
import type { Actor } from './actor';
import { ROLE_PERMISSIONS } from './permissions';
import type { DbOrTx } from '@/db/client';
import { getUserByEmail, listMembershipsForUser } from '@/db/queries/users';
import { ous } from '@/db/schema';

/** The Actor a signed-in user would be in the named OU, as the session builds it: for scripts and tests. */
export function loadActor(db: DbOrTx, email: string, ouName: string): Actor {
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
