import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { requireUser } from '@/lib/auth/session';
import { AppError, HTTP_STATUS, toActionError } from '@/lib/errors';

/** Live data must never be served from a cache. */
export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/** An error as every route answers it: `{code, message, fieldErrors?}` with the code's HTTP status. */
export function errorResponse(error: unknown): Response {
  const { code, message, fieldErrors } = toActionError(error);
  return Response.json({ code, message, fieldErrors }, { status: HTTP_STATUS[code], headers: NO_STORE });
}

/**
 * Runs a route handler for the actor `authenticate` resolves (the service it calls checks the permission and the
 * OU): an AppError answers its status, a foreign id 404 like a missing one.
 */
export async function handleRoute(
  authenticate: () => Actor | Promise<Actor>,
  run: (actor: Actor) => Response | Promise<Response>,
): Promise<Response> {
  try {
    const actor = await authenticate();
    return await run(actor);
  } catch (e) {
    return errorResponse(e);
  }
}

/** `handleRoute` for the signed-in user: no session answers 401. */
export function handleUserRoute(run: (actor: Actor) => Response | Promise<Response>): Promise<Response> {
  return handleRoute(requireUser, run);
}

/** A positive integer id from a route segment; anything else is not found. */
export function routeId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('NOT_FOUND', 'Not found.');
  return id;
}

/** A request's query string as the plain object zod schemas and `parsePageParams` read. */
export function searchParamsOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

export function jsonNoStore(data: unknown, init?: { status?: number }): Response {
  return Response.json(data, { status: init?.status, headers: NO_STORE });
}
