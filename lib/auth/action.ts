import 'server-only';
import type { z } from 'zod';
import { AppError, toActionError, zodFieldErrors, type ActionResult } from '@/lib/errors';
import type { Actor } from './actor';
import { requireUser } from './session';

/** The body of a server action: runs for the signed-in user and answers with the result or the refusal. */
export async function actAsUser<T>(run: (actor: Actor) => T): Promise<ActionResult<T>> {
  try {
    const actor = await requireUser();
    return { ok: true, data: run(actor) };
  } catch (e) {
    return toActionError(e);
  }
}

/** Parses an action's input with its schema; a mismatch is INVALID_INPUT with each field's messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'Check the highlighted fields.', zodFieldErrors(parsed.error.issues));
  return parsed.data;
}
