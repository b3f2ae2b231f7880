import { FirmwareStatusBadge } from '@/components/firmware/firmware-status-badge';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import type { JobType } from '@/lib/ota/states';
import { DEVICE_JOB_REFUSED, type DeviceJobFirmware } from '@/lib/services/job-wizard';

/** Shown instead of "Upgrade Device" / "Verify Firmware" when the firmware's status does not allow that job. */
export function DeviceJobUnavailable({ firmware, wanted }: { firmware: DeviceJobFirmware; wanted: JobType }) {
  return (
    <EmptyState
      title={`${firmware.name} ${firmware.version} cannot be used here`}
      description={
        <>
          {DEVICE_JOB_REFUSED[wanted]} This firmware is <FirmwareStatusBadge status={firmware.status} />
          {firmware.status === 'verifying' ? ': its verification job is still running.' : '.'}
        </>
      }
      action={
        <ButtonLink href={`/firmware/${firmware.id}`} variant="secondary">
          Back to the firmware
        </ButtonLink>
      }
    />
  );
}
