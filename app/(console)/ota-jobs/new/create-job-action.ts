import 'server-only';
import { revalidatePath } from 'next/cache';
import type { OtaJob } from '@/db/schema';
import { actAsUser } from '@/lib/auth/action';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/guards';
import type { ActionResult } from '@/lib/errors';

/**
 * The body of every job-creating action (the wizard, "Upgrade Device", "Verify Firmware"): runs the creation for the
 * signed-in user, then refreshes the pages that list jobs or show the firmware's status. The permission is checked
 * before the input is parsed: a caller who may not create jobs learns nothing about what input would pass.
 */
export async function createJobForUser(create: (actor: Actor) => OtaJob): Promise<ActionResult<{ id: number; name: string }>> {
  const result = await actAsUser((actor) => {
    requirePermission(actor, 'ota:create');
    return create(actor);
  });
  if (!result.ok) return result;
  revalidatePath('/ota-jobs');
  revalidatePath('/firmware', 'layout');
  return { ok: true, data: { id: result.data.id, name: result.data.name } };
}
