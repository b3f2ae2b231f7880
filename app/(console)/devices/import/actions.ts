'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { AppError, toActionError, type ActionResult } from '@/lib/errors';
import { importDevices } from '@/lib/services/device-import';

export async function importDevicesAction(text: unknown): Promise<ActionResult<{ imported: number }>> {
  try {
    const actor = await requireUser();
    const parsed = z.string().safeParse(text);
    if (!parsed.success) throw new AppError('INVALID_INPUT', 'Paste or choose a CSV or JSON file.');
    const result = importDevices({ actor, text: parsed.data });
    revalidatePath('/devices');
    return { ok: true, data: result };
  } catch (e) {
    return toActionError(e);
  }
}
