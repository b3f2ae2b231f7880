'use server';

import { createJobForUser } from '@/app/(console)/ota-jobs/new/create-job-action';
import { parseInput } from '@/lib/auth/action';
import { createDeviceJob } from '@/lib/services/job-wizard';
import { deviceJobSchema } from '@/lib/validation/ota-job';

/** "Verify Firmware": a verification job over the chosen devices; the firmware's status follows it. */
export async function createVerificationJobAction(input: unknown) {
  return createJobForUser((actor) => createDeviceJob({ actor, type: 'verification', input: parseInput(deviceJobSchema, input) }));
}
