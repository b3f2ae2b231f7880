'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { actAsUser, parseInput } from '@/lib/auth/action';
import type { ActionResult } from '@/lib/errors';
import { importDevices } from '@/lib/services/device-import';

export async function importDevicesAction(text: unknown): Promise<ActionResult<{ imported: number }>> {
  const result = await actAsUser((actor) => importDevices({ actor, text: parseInput(z.string(), text) }));
  if (result.ok) revalidatePath('/devices');
  return result;
}
