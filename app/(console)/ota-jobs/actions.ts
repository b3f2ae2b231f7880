'use server';

import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { requireUser } from '@/lib/auth/session';
import { AppError, toActionError, zodFieldErrors, type ActionResult } from '@/lib/errors';
import { deleteOtaJob, startOtaJob, stopOtaJob } from '@/lib/services/ota-jobs';
import { cancelOtaTasks, retryOtaTasks } from '@/lib/services/ota-tasks';
import { otaJobIdSchema, otaTaskActionSchema } from '@/lib/validation/ota-job-console';

// Every action re-checks the session here and the permission in its service: hiding a button is not a check.

async function act<S extends z.ZodType, T>(schema: S, input: unknown, call: (actor: Actor, data: z.output<S>) => T): Promise<ActionResult<T>> {
  try {
    const actor = await requireUser();
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw new AppError('INVALID_INPUT', 'Invalid request.', zodFieldErrors(parsed.error.issues));
    return { ok: true, data: call(actor, parsed.data) };
  } catch (e) {
    return toActionError(e);
  }
}

function revalidateJob(jobId: number) {
  revalidatePath('/ota-jobs');
  revalidatePath(`/ota-jobs/${jobId}`);
}

export async function startOtaJobAction(input: unknown): Promise<ActionResult<void>> {
  return act(otaJobIdSchema, input, (actor, { jobId }) => {
    startOtaJob({ actor, jobId });
    revalidateJob(jobId);
  });
}

export async function stopOtaJobAction(input: unknown): Promise<ActionResult<void>> {
  return act(otaJobIdSchema, input, (actor, { jobId }) => {
    stopOtaJob({ actor, jobId });
    revalidateJob(jobId);
  });
}

export async function deleteOtaJobAction(input: unknown): Promise<ActionResult<void>> {
  return act(otaJobIdSchema, input, (actor, { jobId }) => {
    deleteOtaJob({ actor, jobId });
    revalidatePath('/ota-jobs');
  });
}

export async function cancelOtaTasksAction(input: unknown): Promise<ActionResult<{ canceled: number }>> {
  return act(otaTaskActionSchema, input, (actor, { jobId, selection }) => {
    const result = cancelOtaTasks({ actor, jobId, selection });
    revalidateJob(jobId);
    return result;
  });
}

export async function retryOtaTasksAction(input: unknown): Promise<ActionResult<{ retried: number; skippedBusy: number }>> {
  return act(otaTaskActionSchema, input, (actor, { jobId, selection }) => {
    const result = retryOtaTasks({ actor, jobId, selection });
    revalidateJob(jobId);
    return result;
  });
}
