import type { Metadata } from 'next';
import { jobFormLookups } from '@/app/(console)/ota-jobs/new/lookups';
import { DeviceJobPage } from '@/components/ota-jobs/job-wizard/device-job-page';
import { requirePagePermission } from '@/lib/auth/session';
import { getDeviceJobFirmware } from '@/lib/services/job-wizard';
import { orNotFound, parseId } from '@/lib/ui/not-found';
import { createVerificationJobAction } from './actions';

export const metadata: Metadata = { title: 'Verify Firmware' };

/** "Verify Firmware" (Unverified / Verification Failed firmware): a verification job over a few chosen devices. */
export default async function VerifyFirmwarePage({ params }: { params: Promise<{ firmwareId: string }> }) {
  const actor = await requirePagePermission('ota:create');
  const firmwareId = parseId((await params).firmwareId);
  return (
    <DeviceJobPage
      type="verification"
      title="Verify Firmware"
      description="Upgrade a few devices to this firmware first; its status follows the verification job."
      firmware={orNotFound(() => getDeviceJobFirmware({ actor, firmwareId }))}
      lookups={jobFormLookups}
      createJob={createVerificationJobAction}
    />
  );
}
