'use server';

import { revalidatePath } from 'next/cache';
import { actAsUser, parseInput } from '@/lib/auth/action';
import type { ActionResult } from '@/lib/errors';
import { createApiKey, revokeApiKey } from '@/lib/services/api-keys';
import { createApiKeySchema, revokeApiKeySchema } from '@/lib/validation/api-keys';

/** Creates a key; the answer holds the full key, the only time it leaves the server. */
export async function createApiKeyAction(input: unknown): Promise<ActionResult<{ name: string; key: string }>> {
  const result = await actAsUser((actor) => createApiKey({ actor, input: parseInput(createApiKeySchema, input) }));
  if (!result.ok) return result;
  revalidatePath('/api-keys');
  return { ok: true, data: { name: result.data.name, key: result.data.key } };
}

export async function revokeApiKeyAction(input: unknown): Promise<ActionResult<void>> {
  const result = await actAsUser((actor) => revokeApiKey({ actor, apiKeyId: parseInput(revokeApiKeySchema, input).apiKeyId }));
  if (result.ok) revalidatePath('/api-keys');
  return result;
}
