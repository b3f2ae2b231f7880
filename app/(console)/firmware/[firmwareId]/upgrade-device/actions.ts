'use server';

import { createJobForUser } from '@/app/(console)/ota-jobs/new/create-job-action';
import { parseInput } from '@/lib/auth/action';
import { createDeviceJob } from '@/lib/services/job-wizard';
import { deviceJobSchema } from '@/lib/validation/ota-job';

/** "Upgrade Device" (Specified Device Upgrade): an upgrade job over the chosen devices. */
export async function createDeviceUpgradeJobAction(input: unknown) {
  return createJobForUser((actor) => createDeviceJob({ actor, type: 'upgrade', input: parseInput(deviceJobSchema, input) }));
}
