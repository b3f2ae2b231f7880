import Link from 'next/link';
import type { ReactNode } from 'react';
import { DataTable, type Column } from '@/components/ui/table';
import { JOB_TYPE_LABELS, type JobType, type TaskState } from '@/lib/ota/states';
import { LocalTime } from './local-time';
import { TaskStateBadge } from './status-badges';
import { firmwareColumn, TaskProgress, VersionChange } from './task-cells';

export type TaskRecord = {
  id: number;
  jobId: number;
  jobName: string;
  jobType: JobType;
  deviceId: number;
  deviceKey: string;
  firmwareId: number;
  firmwareName: string;
  fromVersion: string | null;
  toVersion: string;
  state: TaskState;
  progress: number | null;
  attempt: number;
  failureReason: string | null;
  updatedAt: number;
};

/**
 * Verification and upgrade records (tasks) across jobs: a firmware's "Devices" tab names the device, a device's OTA
 * history names the firmware. Jobs link to their details.
 */
export function TaskRecordsTable({
  rows,
  subject,
  caption,
  empty,
}: {
  rows: TaskRecord[];
  /** What each row names besides its job. */
  subject: 'device' | 'firmware';
  caption: string;
  empty: ReactNode;
}) {
  const subjectColumn: Column<TaskRecord> =
    subject === 'device'
      ? {
          key: 'device',
          header: 'Device',
          cell: (r) => (
            <Link href={`/devices/${r.deviceId}`} className="font-mono text-brand-700 hover:underline">
              {r.deviceKey}
            </Link>
          ),
        }
      : firmwareColumn<TaskRecord>();
  const attempts: Column<TaskRecord> = { key: 'attempts', header: 'Attempts', cell: (r) => <span className="tabular-nums">{r.attempt}</span> };
  const reason: Column<TaskRecord> = { key: 'reason', header: 'Failure Reason', cell: (r) => r.failureReason ?? <span className="text-slate-400">—</span> };
  const updated: Column<TaskRecord> = { key: 'updated', header: 'Last Update', cell: (r) => <LocalTime ms={r.updatedAt} />, className: 'whitespace-nowrap' };
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(r) => r.id}
      empty={empty}
      columns={[
        ...(subject === 'device' ? [subjectColumn] : []),
        {
          key: 'job',
          header: 'Job',
          cell: (r) => (
            <span className="flex flex-col">
              <Link href={`/ota-jobs/${r.jobId}`} className="text-brand-700 hover:underline">
                {r.jobName}
              </Link>
              <span className="text-xs text-slate-500">{JOB_TYPE_LABELS[r.jobType]}</span>
            </span>
          ),
        },
        ...(subject === 'firmware' ? [subjectColumn] : []),
        { key: 'versions', header: 'From → To', cell: (r) => <VersionChange from={r.fromVersion} to={r.toVersion} /> },
        { key: 'state', header: 'Task Status', cell: (r) => <TaskStateBadge state={r.state} /> },
        { key: 'progress', header: 'Progress', cell: (r) => <TaskProgress state={r.state} progress={r.progress} /> },
        // A firmware's "Devices" tab has the columns of SPEC 3.3; a device's history adds the attempts.
        ...(subject === 'device' ? [updated, reason] : [attempts, reason, updated]),
      ]}
    />
  );
}
