import { z } from 'zod';
import type { Role } from '@/lib/auth/permissions';

/** Roles a key can have: scripts manage firmware and jobs, never users or other keys. */
export const API_KEY_ROLES = ['developer', 'viewer'] as const satisfies readonly Role[];

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(64, 'At most 64 characters'),
  role: z.enum(API_KEY_ROLES, { message: 'Choose Developer or Viewer' }),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({ apiKeyId: z.coerce.number().int().positive() });
