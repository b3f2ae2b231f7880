import 'server-only';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { getDb } from '@/db/client';
import { getUserById, listMembershipsForUser } from '@/db/queries/users';
import { AppError } from '@/lib/errors';
import type { Actor, OuMembershipSummary } from './actor';
import { getAuthOptions } from './options';
import { hasConsoleAccess, hasPermission, ROLE_PERMISSIONS, type Permission } from './permissions';

/** Cookie holding the OU the user is working in; only honoured when the user is still a member of it. */
export const CURRENT_OU_COOKIE = 'ota_ou';

export type SessionContext = {
  actor: Actor;
  memberships: OuMembershipSummary[];
};

/**
 * Resolves the signed-in user and their current OU from the database on every request, so a changed role or a
 * removed membership takes effect at once. Returns null when nobody (or nobody with a membership) is signed in.
 */
export async function getSessionContext(): Promise<SessionContext | null> {
  // Reading cookies first marks the page dynamic before anything touches runtime configuration.
  const cookieStore = await cookies();
  const session = await getServerSession(getAuthOptions());
  const userId = session?.user?.id;
  if (!userId) return null;
  const db = getDb();
  const user = getUserById(db, userId);
  if (!user) return null;
  const memberships = listMembershipsForUser(db, user.id);
  if (memberships.length === 0) return null;
  const wanted = Number(cookieStore.get(CURRENT_OU_COOKIE)?.value);
  const current = memberships.find((m) => m.ouId === wanted) ?? memberships[0];
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

/** For server actions and route handlers: the acting user, or UNAUTHENTICATED. */
export async function requireUser(): Promise<Actor> {
  const ctx = await getSessionContext();
  if (!ctx) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  return ctx.actor;
}

/** For pages: the session context, or a redirect to sign-in. */
export async function requirePageSession(): Promise<SessionContext> {
  const ctx = await getSessionContext();
  if (!ctx) redirect('/login');
  return ctx;
}

/**
 * For pages: the actor if it has the permission. Members without a console role go to the page that tells them
 * to ask for the Developer role; other missing permissions answer 404 like a foreign id would.
 */
export async function requirePagePermission(permission: Permission): Promise<Actor> {
  const { actor } = await requirePageSession();
  if (!hasConsoleAccess(actor.role)) redirect('/no-access');
  if (!hasPermission(actor.role, permission)) notFound();
  return actor;
}
