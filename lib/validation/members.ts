import { z } from 'zod';
import { ROLES } from '@/lib/auth/permissions';

export const roleSchema = z.enum(ROLES, { message: 'Choose a role' });

export const addMemberSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter a valid email address'),
  name: z.string().trim().min(1, 'Enter a name').max(64, 'At most 64 characters'),
  // Always asked for, so the form does not tell whether the address has an account; an existing user keeps theirs.
  password: z.string().min(8, 'At least 8 characters').max(128, 'At most 128 characters'),
  role: roleSchema,
});
export type AddMemberInput = z.infer<typeof addMemberSchema>;

export const changeRoleSchema = z.object({ userId: z.coerce.number().int().positive(), role: roleSchema });
export const removeMemberSchema = z.object({ userId: z.coerce.number().int().positive() });
