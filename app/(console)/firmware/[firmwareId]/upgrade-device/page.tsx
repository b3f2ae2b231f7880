import type { Metadata } from 'next';
import { jobFormLookups } from '@/app/(console)/ota-jobs/new/lookups';
import { DeviceJobPage } from '@/components/ota-jobs/job-wizard/device-job-page';
import { requirePagePermission } from '@/lib/auth/session';
import { getDeviceJobFirmware } from '@/lib/services/job-wizard';
import { orNotFound, parseId } from '@/lib/ui/not-found';
import { createDeviceUpgradeJobAction } from './actions';

export const metadata: Metadata = { title: 'Upgrade Device' };

/** "Upgrade Device" (Specified Device Upgrade, Verified / No Need firmware): an upgrade job for a few chosen devices. */
export default async function UpgradeDevicePage({ params }: { params: Promise<{ firmwareId: string }> }) {
  const actor = await requirePagePermission('ota:create');
  const firmwareId = parseId((await params).firmwareId);
  return (
    <DeviceJobPage
      type="upgrade"
      title="Upgrade Device"
      description="Upgrade specific devices to this firmware. For larger rollouts, create an OTA job instead."
      firmware={orNotFound(() => getDeviceJobFirmware({ actor, firmwareId }))}
      lookups={jobFormLookups}
      createJob={createDeviceUpgradeJobAction}
    />
  );
}
