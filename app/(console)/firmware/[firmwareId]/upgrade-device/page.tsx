import type { Metadata } from 'next';
import { FirmwareBreadcrumb } from '@/components/firmware/firmware-breadcrumb';
import { DeviceJobForm } from '@/components/ota-jobs/job-wizard/device-job-form';
import { DeviceJobUnavailable } from '@/components/ota-jobs/job-wizard/device-job-unavailable';
import { Card, PageHeader } from '@/components/ui/page-header';
import { jobFormLookups } from '@/app/(console)/ota-jobs/new/lookups';
import { requirePagePermission } from '@/lib/auth/session';
import { getDeviceJobFirmware } from '@/lib/services/job-wizard';
import { orNotFound, parseId } from '@/lib/ui/not-found';
import { createDeviceUpgradeJobAction } from './actions';

export const metadata: Metadata = { title: 'Upgrade Device' };

/** "Upgrade Device" (Specified Device Upgrade, Verified / No Need firmware): an upgrade job for a few chosen devices. */
export default async function UpgradeDevicePage({ params }: { params: Promise<{ firmwareId: string }> }) {
  const actor = await requirePagePermission('ota:create');
  const firmwareId = parseId((await params).firmwareId);
  const firmware = orNotFound(() => getDeviceJobFirmware({ actor, firmwareId }));
  return (
    <>
      <PageHeader
        breadcrumb={<FirmwareBreadcrumb />}
        title="Upgrade Device"
        description="Upgrade specific devices to this firmware. For larger rollouts, create an OTA job instead."
      />
      <Card className="max-w-5xl p-6">
        {firmware.jobType === 'upgrade' ? (
          <DeviceJobForm
            type="upgrade"
            firmware={firmware}
            lookups={jobFormLookups}
            createJob={createDeviceUpgradeJobAction}
            cancelHref={`/firmware/${firmware.id}`}
          />
        ) : (
          <DeviceJobUnavailable firmware={firmware} wanted="upgrade" />
        )}
      </Card>
    </>
  );
}
