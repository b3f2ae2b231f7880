'use client';

import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { DetailItem } from '@/components/ui/detail-item';
import { Card, PageHeader } from '@/components/ui/page-header';
import type { OtaJob } from '@/db/schema';
import { JOB_TYPE_LABELS, UPGRADE_METHOD_LABELS } from '@/lib/ota/states';
import type { OtaJobLive } from '@/lib/services/ota-jobs';
import { JobControls, type JobControlActions } from './job-controls';
import { JobProgress } from './job-progress';
import { useJobLive, useJobSamples, useRefreshJob, type JobSample, type TaskPage, type TaskQuery } from './job-queries';
import { JobStrategy, type ScopeNodeName } from './job-strategy';
import { LocalTime } from './local-time';
import { RolloutChart } from './rollout-chart';
import { JobStatusBadge } from './status-badges';
import { TaskTable, type TaskActions } from './task-table';

export type JobDetailsData = {
  job: OtaJob;
  firmware: { id: number; name: string; version: string };
  product: { id: number; name: string; productKey: string } | null;
  creator: { name: string } | null;
  scopeNodes: ScopeNodeName[];
  live: OtaJobLive;
};

/**
 * The job details page (SPEC 4.7). Static facts come from the server render; status, counts, chart and the device
 * table follow the job while it runs (polling its counters, refetching the table only when a task changed).
 */
export function JobDetails({
  details,
  samples,
  tasks,
  permissions,
  actions,
}: {
  details: JobDetailsData;
  samples: JobSample[];
  tasks: { query: TaskQuery; version: string; data: TaskPage };
  permissions: { control: boolean; delete: boolean };
  /** The server actions of the header controls and the device table. */
  actions: { job: JobControlActions; tasks: TaskActions };
}) {
  const { job, firmware, product, creator } = details;
  const { data: live, error: liveError } = useJobLive(job.id, details.live);
  const { data: history = samples } = useJobSamples(job.id, { samples, status: details.live.status }, live);
  const refresh = useRefreshJob(job.id);

  return (
    <>
      <PageHeader
        breadcrumb={{ href: '/ota-jobs', label: 'OTA Jobs' }}
        title={
          <span className="inline-flex items-center gap-3">
            {job.name}
            <span data-testid="job-status">
              <JobStatusBadge status={live.status} waitingForWindow={live.waitingForWindow} />
            </span>
          </span>
        }
        description={
          <>
            {JOB_TYPE_LABELS[job.type]} of {firmware.name} <span className="font-mono">{firmware.version}</span>
            {product && <> · {product.name}</>}
            {live.waitingForWindow && live.opensAt !== null && (
              <>
                {' '}
                · the next window opens <LocalTime ms={live.opensAt} />
              </>
            )}
          </>
        }
        actions={
          <>
            <a href={`/api/ota-jobs/${job.id}/export.csv`} download className={buttonClass('secondary', 'md')}>
              Export CSV
            </a>
            <JobControls
              job={{ id: job.id, name: job.name, status: live.status, totalTasks: live.total }}
              actions={actions.job}
              canControl={permissions.control}
              canDelete={permissions.delete}
              variant="solid"
              onChanged={refresh}
              afterDelete="/ota-jobs"
            />
          </>
        }
      />

      {liveError && (
        <p className="mb-4 rounded-md bg-amber-50 px-4 py-2 text-sm text-amber-800" data-testid="live-error">
          The job could not be refreshed ({liveError.message}); what is shown may be out of date.
        </p>
      )}
      <Card className="p-5">
        <h2 className="mb-3 text-sm font-semibold text-slate-900">Progress</h2>
        <JobProgress live={live} />
      </Card>

      <div className="mt-5 grid gap-5 xl:grid-cols-2">
        <Card className="p-5">
          <h2 className="mb-3 text-sm font-semibold text-slate-900">Basic Information</h2>
          <dl className="grid grid-cols-[9rem_1fr] gap-y-2 text-sm">
            <DetailItem label="Job ID">
              <span className="font-mono">{job.id}</span>
            </DetailItem>
            <DetailItem label="Firmware">
              <Link href={`/firmware/${firmware.id}`} className="text-brand-700 hover:underline">
                {firmware.name}
              </Link>{' '}
              <span className="font-mono text-slate-500">{firmware.version}</span>
            </DetailItem>
            <DetailItem label="Product">{product ? product.name : <span className="text-slate-500">Any product</span>}</DetailItem>
            <DetailItem label="Type">{JOB_TYPE_LABELS[job.type]}</DetailItem>
            <DetailItem label="Upgrade Method">{UPGRADE_METHOD_LABELS[job.method]}</DetailItem>
            <DetailItem label="Created By">{creator?.name ?? <span className="text-slate-400">—</span>}</DetailItem>
            <DetailItem label="Created">
              <LocalTime ms={job.createdAt} />
            </DetailItem>
            <DetailItem label="Started">
              <LocalTime ms={live.startedAt} />
            </DetailItem>
            {live.status === 'stopped' && (
              <DetailItem label="Stopped">
                <LocalTime ms={live.stoppedAt} />
              </DetailItem>
            )}
            {live.status === 'completed' && (
              <DetailItem label="Completed">
                <LocalTime ms={live.completedAt} />
              </DetailItem>
            )}
          </dl>
          <div className="mt-4 border-t border-slate-100 pt-4">
            <h2 className="mb-1 text-sm font-semibold text-slate-900">Upgrade Strategy</h2>
            <JobStrategy job={job} scopeNodes={details.scopeNodes} />
          </div>
        </Card>

        <Card className="flex flex-col p-5">
          <h2 className="mb-2 text-sm font-semibold text-slate-900">Rollout</h2>
          <RolloutChart samples={history} live={live} />
        </Card>
      </div>

      <Card className="mt-5">
        <TaskTable jobId={job.id} live={live} actions={actions.tasks} canControl={permissions.control} initial={tasks} onChanged={refresh} />
      </Card>
    </>
  );
}
