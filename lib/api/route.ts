import 'server-only';
import type { z } from 'zod';
import { parseInput } from '@/lib/auth/action';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/guards';
import type { Permission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { handleRoute, searchParamsOf } from '@/lib/http/route';
import { authenticateApiKey } from '@/lib/services/api-keys';

/**
 * Every `/api/v1` handler runs inside this: the `Authorization: Bearer <key>` header becomes the key's Actor (401
 * otherwise), which must have `permission` (403, checked before the body is read; the service checks it again),
 * the service scopes every query by the key's OU (another OU's id is 404), and any refusal answers
 * `{code, message, fieldErrors?}` with its HTTP status.
 */
export async function handleApiRoute(
  request: Request,
  permission: Permission,
  run: (actor: Actor) => Response | Promise<Response>,
): Promise<Response> {
  const authenticate = () => {
    const actor = authenticateApiKey({ authorization: request.headers.get('authorization') });
    requirePermission(actor, permission);
    return actor;
  };
  const response = await handleRoute(authenticate, run);
  if (response.status === 401) response.headers.set('WWW-Authenticate', 'Bearer');
  return response;
}

/** A JSON request body checked with `schema`; a body that is not JSON is INVALID_INPUT like a bad field. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError('INVALID_INPUT', 'The request body must be JSON (Content-Type: application/json).');
  }
  return parseInput(schema, body);
}

/** The query string checked with `schema` (unknown parameters, such as page and pageSize, are left to others). */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  return parseInput(schema, searchParamsOf(request));
}

/** The route segment params of `/api/v1/ota-jobs/{jobId}/…` handlers. */
export type JobParams = { params: Promise<{ jobId: string }> };
