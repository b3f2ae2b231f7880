import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { requireUser } from '@/lib/auth/session';
import { AppError, HTTP_STATUS, toActionError } from '@/lib/errors';

/** Live data must never be served from a cache. */
export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/**
 * Runs a route handler for the signed-in user (the service it calls checks the permission and the OU): no session
 * answers 401, an AppError its status with `{code, message}`, a foreign id 404 like a missing one.
 */
export async function handleUserRoute(run: (actor: Actor) => Response | Promise<Response>): Promise<Response> {
  try {
    const actor = await requireUser();
    return await run(actor);
  } catch (e) {
    const { code, message } = toActionError(e);
    return Response.json({ code, message }, { status: HTTP_STATUS[code], headers: NO_STORE });
  }
}

/** A positive integer id from a route segment; anything else is not found. */
export function routeId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('NOT_FOUND', 'Not found.');
  return id;
}

export function jsonNoStore(data: unknown): Response {
  return Response.json(data, { headers: NO_STORE });
}
