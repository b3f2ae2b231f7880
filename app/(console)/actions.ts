'use server';

import { cookies } from 'next/headers';
import { getSessionContext } from '@/lib/auth/session';
import { CURRENT_OU_COOKIE } from '@/lib/auth/session-context';
import { AppError, toActionError, type ActionResult } from '@/lib/errors';

/** Makes another of the user's OUs the current one; a foreign OU is refused like an unknown one. */
export async function switchOuAction(ouId: number): Promise<ActionResult> {
  try {
    const ctx = await getSessionContext();
    if (!ctx) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
    if (!ctx.memberships.some((m) => m.ouId === ouId)) throw new AppError('NOT_FOUND', 'Organization not found.');
    (await cookies()).set(CURRENT_OU_COOKIE, String(ouId), { httpOnly: true, sameSite: 'lax', path: '/' });
    return { ok: true, data: undefined };
  } catch (e) {
    return toActionError(e);
  }
}
