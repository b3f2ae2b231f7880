import 'server-only';
import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { AppError } from '@/lib/errors';
import type { Actor } from './actor';
import { REQUEST_PATH_HEADER, safeCallbackPath } from './callback-url';
import { getAuthOptions } from './options';
import { hasConsoleAccess, hasPermission, type Permission } from './permissions';
import { CURRENT_OU_COOKIE, sessionContextFor, type SessionContext } from './session-context';

/** The signed-in user and their current OU (see sessionContextFor), or null. */
export async function getSessionContext(): Promise<SessionContext | null> {
  // Reading cookies first marks the page dynamic before anything touches runtime configuration.
  const cookieStore = await cookies();
  const session = await getServerSession(getAuthOptions());
  return sessionContextFor(session?.user?.id, Number(cookieStore.get(CURRENT_OU_COOKIE)?.value));
}

/** For server actions and route handlers: the acting user, or UNAUTHENTICATED. */
export async function requireUser(): Promise<Actor> {
  const ctx = await getSessionContext();
  if (!ctx) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  return ctx.actor;
}

/**
 * For the sign-in page: 'member' when the user may enter the console, 'no-organization' when they are signed in
 * but belong to no OU (their last membership was removed), else 'signed-out'.
 */
export async function getSignInState(): Promise<'member' | 'no-organization' | 'signed-out'> {
  if (await getSessionContext()) return 'member';
  const session = await getServerSession(getAuthOptions());
  return session?.user?.id ? 'no-organization' : 'signed-out';
}

/** For pages: the session context, or a redirect to sign-in that comes back to this page afterwards. */
export async function requirePageSession(): Promise<SessionContext> {
  const ctx = await getSessionContext();
  if (!ctx) {
    const back = safeCallbackPath((await headers()).get(REQUEST_PATH_HEADER));
    redirect(back === '/' ? '/login' : `/login?callbackUrl=${encodeURIComponent(back)}`);
  }
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
