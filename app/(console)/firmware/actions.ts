'use server';

import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/session';
import { AppError, toActionError, type ActionResult } from '@/lib/errors';
import { deleteFirmware } from '@/lib/services/firmware';
import { deleteFirmwareSchema } from '@/lib/validation/firmware';

// "Add Firmware" is not here: a server action buffers its whole body, so uploads go to POST /api/firmware.

export async function deleteFirmwareAction(input: unknown): Promise<ActionResult<{ name: string }>> {
  try {
    const actor = await requireUser();
    const parsed = deleteFirmwareSchema.safeParse(input);
    if (!parsed.success) throw new AppError('INVALID_INPUT', 'Unknown firmware.');
    const result = deleteFirmware({ actor, firmwareId: parsed.data.firmwareId });
    revalidatePath('/firmware');
    return { ok: true, data: result };
  } catch (e) {
    return toActionError(e);
  }
}
