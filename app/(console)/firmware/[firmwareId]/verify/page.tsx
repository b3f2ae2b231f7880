import type { Metadata } from 'next';
import { FirmwareBreadcrumb } from '@/components/firmware/firmware-breadcrumb';
import { DeviceJobForm } from '@/components/ota-jobs/job-wizard/device-job-form';
import { DeviceJobUnavailable } from '@/components/ota-jobs/job-wizard/device-job-unavailable';
import { Card, PageHeader } from '@/components/ui/page-header';
import { jobFormLookups } from '@/app/(console)/ota-jobs/new/lookups';
import { requirePagePermission } from '@/lib/auth/session';
import { getDeviceJobFirmware } from '@/lib/services/job-wizard';
import { orNotFound, parseId } from '@/lib/ui/not-found';
import { createVerificationJobAction } from './actions';

export const metadata: Metadata = { title: 'Verify Firmware' };

/** "Verify Firmware" (Unverified / Verification Failed firmware): a verification job over a few chosen devices. */
export default async function VerifyFirmwarePage({ params }: { params: Promise<{ firmwareId: string }> }) {
  const actor = await requirePagePermission('ota:create');
  const firmwareId = parseId((await params).firmwareId);
  const firmware = orNotFound(() => getDeviceJobFirmware({ actor, firmwareId }));
  return (
    <>
      <PageHeader
        breadcrumb={<FirmwareBreadcrumb />}
        title="Verify Firmware"
        description="Upgrade a few devices to this firmware first; its status follows the verification job."
      />
      <Card className="max-w-5xl p-6">
        {firmware.jobType === 'verification' ? (
          <DeviceJobForm
            type="verification"
            firmware={firmware}
            lookups={jobFormLookups}
            createJob={createVerificationJobAction}
            cancelHref={`/firmware/${firmware.id}`}
          />
        ) : (
          <DeviceJobUnavailable firmware={firmware} wanted="verification" />
        )}
      </Card>
    </>
  );
}
