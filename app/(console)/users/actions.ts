'use server';

import { revalidatePath } from 'next/cache';
import { actAsUser, parseInput } from '@/lib/auth/action';
import { requireUser } from '@/lib/auth/session';
import { toActionError, type ActionResult } from '@/lib/errors';
import { addMember, changeMemberRole, removeMember } from '@/lib/services/members';
import { addMemberSchema, changeRoleSchema, removeMemberSchema } from '@/lib/validation/members';

export async function addMemberAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  // Adding a member hashes a password (async), so this one cannot use the synchronous actAsUser body.
  try {
    const actor = await requireUser();
    const result = await addMember({ actor, input: parseInput(addMemberSchema, input) });
    revalidatePath('/users');
    return { ok: true, data: { email: result.email } };
  } catch (e) {
    return toActionError(e);
  }
}

export async function changeRoleAction(input: unknown): Promise<ActionResult<void>> {
  const result = await actAsUser((actor) => {
    const { userId, role } = parseInput(changeRoleSchema, input);
    changeMemberRole({ actor, userId, role });
  });
  if (result.ok) revalidatePath('/users');
  return result;
}

export async function removeMemberAction(input: unknown): Promise<ActionResult<void>> {
  const result = await actAsUser((actor) => removeMember({ actor, userId: parseInput(removeMemberSchema, input).userId }));
  if (result.ok) revalidatePath('/users');
  return result;
}
