'use server';

import { revalidatePath } from 'next/cache';
import { actAsUser, parseInput } from '@/lib/auth/action';
import type { ActionResult } from '@/lib/errors';
import { deleteOtaJob, startOtaJob, stopOtaJob } from '@/lib/services/ota-jobs';
import { cancelOtaTasks, retryOtaTasks } from '@/lib/services/ota-tasks';
import { otaJobIdSchema, otaTaskActionSchema } from '@/lib/validation/ota-job-console';

// Every action re-checks the session (actAsUser) and the permission (in its service): hiding a button is not a check.

function revalidateJob(jobId: number) {
  revalidatePath('/ota-jobs');
  revalidatePath(`/ota-jobs/${jobId}`);
}

export async function startOtaJobAction(input: unknown): Promise<ActionResult<void>> {
  return actAsUser((actor) => {
    const { jobId } = parseInput(otaJobIdSchema, input);
    startOtaJob({ actor, jobId });
    revalidateJob(jobId);
  });
}

export async function stopOtaJobAction(input: unknown): Promise<ActionResult<void>> {
  return actAsUser((actor) => {
    const { jobId } = parseInput(otaJobIdSchema, input);
    stopOtaJob({ actor, jobId });
    revalidateJob(jobId);
  });
}

export async function deleteOtaJobAction(input: unknown): Promise<ActionResult<void>> {
  return actAsUser((actor) => {
    const { jobId } = parseInput(otaJobIdSchema, input);
    deleteOtaJob({ actor, jobId });
    revalidatePath('/ota-jobs');
  });
}

export async function cancelOtaTasksAction(input: unknown): Promise<ActionResult<{ canceled: number }>> {
  return actAsUser((actor) => {
    const { jobId, selection } = parseInput(otaTaskActionSchema, input);
    const result = cancelOtaTasks({ actor, jobId, selection });
    revalidateJob(jobId);
    return result;
  });
}

export async function retryOtaTasksAction(input: unknown): Promise<ActionResult<{ retried: number; skippedBusy: number }>> {
  return actAsUser((actor) => {
    const { jobId, selection } = parseInput(otaTaskActionSchema, input);
    const result = retryOtaTasks({ actor, jobId, selection });
    revalidateJob(jobId);
    return result;
  });
}
