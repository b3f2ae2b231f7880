import { FIRMWARE_BREADCRUMB } from '@/components/firmware/firmware-breadcrumb';
import { FirmwareStatusBadge } from '@/components/firmware/firmware-status-badge';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Card, PageHeader } from '@/components/ui/page-header';
import type { JobType } from '@/lib/ota/states';
import { DEVICE_JOB_REFUSED, type DeviceJobFirmware } from '@/lib/services/job-wizard';
import { DeviceJobForm } from './device-job-form';
import type { JobFormLookups } from './lookups';
import type { CreateJobAction } from './use-job-form';

/**
 * The "Upgrade Device" and "Verify Firmware" pages: the form when the firmware's status calls for this job type,
 * otherwise why not (the status may have changed since the menu was opened).
 */
export function DeviceJobPage({
  type,
  title,
  description,
  firmware,
  lookups,
  createJob,
}: {
  type: JobType;
  title: string;
  description: string;
  firmware: DeviceJobFirmware;
  lookups: JobFormLookups;
  createJob: CreateJobAction;
}) {
  const back = `/firmware/${firmware.id}`;
  return (
    <>
      <PageHeader breadcrumb={FIRMWARE_BREADCRUMB} title={title} description={description} />
      <Card className="max-w-5xl p-6">
        {firmware.jobType === type ? (
          <DeviceJobForm type={type} firmware={firmware} lookups={lookups} createJob={createJob} cancelHref={back} />
        ) : (
          <EmptyState
            title={`${firmware.name} ${firmware.version} cannot be used here`}
            description={
              <>
                {DEVICE_JOB_REFUSED[type]} This firmware is <FirmwareStatusBadge status={firmware.status} />
                {firmware.status === 'verifying' ? ': its verification job is still running.' : '.'}
              </>
            }
            action={
              <ButtonLink href={back} variant="secondary">
                Back to the firmware
              </ButtonLink>
            }
          />
        )}
      </Card>
    </>
  );
}
