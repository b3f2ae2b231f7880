'use server';

import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/session';
import { AppError, toActionError, zodFieldErrors, type ActionResult } from '@/lib/errors';
import { addMember, changeMemberRole, removeMember } from '@/lib/services/members';
import { addMemberSchema, changeRoleSchema, removeMemberSchema } from '@/lib/validation/members';

export async function addMemberAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  try {
    const actor = await requireUser();
    const parsed = addMemberSchema.safeParse(input);
    if (!parsed.success) throw new AppError('INVALID_INPUT', 'Check the highlighted fields.', zodFieldErrors(parsed.error.issues));
    const result = await addMember({ actor, input: parsed.data });
    revalidatePath('/users');
    return { ok: true, data: { email: result.email } };
  } catch (e) {
    return toActionError(e);
  }
}

export async function changeRoleAction(input: unknown): Promise<ActionResult> {
  try {
    const actor = await requireUser();
    const parsed = changeRoleSchema.safeParse(input);
    if (!parsed.success) throw new AppError('INVALID_INPUT', 'Choose a role.', zodFieldErrors(parsed.error.issues));
    changeMemberRole({ actor, userId: parsed.data.userId, role: parsed.data.role });
    revalidatePath('/users');
    return { ok: true, data: undefined };
  } catch (e) {
    return toActionError(e);
  }
}

export async function removeMemberAction(input: unknown): Promise<ActionResult> {
  try {
    const actor = await requireUser();
    const parsed = removeMemberSchema.safeParse(input);
    if (!parsed.success) throw new AppError('INVALID_INPUT', 'Unknown member.');
    removeMember({ actor, userId: parsed.data.userId });
    revalidatePath('/users');
    return { ok: true, data: undefined };
  } catch (e) {
    return toActionError(e);
  }
}
