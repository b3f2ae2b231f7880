import Link from 'next/link';
import type { ReactNode } from 'react';
import { DataTable } from '@/components/ui/table';
import { JOB_TYPE_LABELS } from '@/lib/ota/states';
import type { OtaJobListRow } from '@/lib/services/ota-jobs';
import { JobControls, type JobControlActions } from './job-controls';
import { LocalTime } from './local-time';
import { JobStatusBadge } from './status-badges';
import { firmwareColumn } from './task-cells';

/** succeeded / total with a thin bar, for job rows. */
export function SucceededProgress({ succeeded, total }: { succeeded: number; total: number }) {
  const pct = total ? Math.round((succeeded / total) * 100) : 0;
  return (
    <span className="inline-flex w-24 flex-col gap-1" title={`${pct}% succeeded`}>
      <span className="whitespace-nowrap tabular-nums">
        {succeeded.toLocaleString('en-US')} / {total.toLocaleString('en-US')}
      </span>
      <span className="h-1.5 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden>
        <span className="block h-full rounded-full bg-emerald-500" style={{ width: `${pct}%` }} />
      </span>
    </span>
  );
}

/**
 * The OTA Jobs list's rows (SPEC 4.8), shared by the OTA Jobs page and the firmware details "Jobs" tab. Start/Stop
 * and Delete appear only for roles that may use them.
 */
export function JobsTable({
  rows,
  actions,
  canControl,
  canDelete,
  empty,
  caption,
}: {
  rows: OtaJobListRow[];
  /** The server actions of each row's Start / Stop / Delete. */
  actions: JobControlActions;
  canControl: boolean;
  canDelete: boolean;
  empty: ReactNode;
  caption: string;
}) {
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(r) => r.id}
      empty={empty}
      columns={[
        { key: 'id', header: 'Job ID', cell: (r) => <span className="font-mono text-slate-500">{r.id}</span> },
        {
          key: 'name',
          header: 'Job Name',
          cell: (r) => (
            <Link href={`/ota-jobs/${r.id}`} className="block max-w-56 min-w-32 font-medium text-brand-700 hover:underline">
              {r.name}
            </Link>
          ),
        },
        firmwareColumn<OtaJobListRow>(),
        { key: 'version', header: 'Version', cell: (r) => <span className="font-mono whitespace-nowrap">{r.firmwareVersion}</span> },
        { key: 'product', header: 'Product', cell: (r) => r.productName ?? <span className="text-slate-400">Any product</span> },
        { key: 'type', header: 'Type', cell: (r) => JOB_TYPE_LABELS[r.type] },
        {
          key: 'status',
          header: 'Status',
          cell: (r) => <JobStatusBadge status={r.status} waitingForWindow={r.waitingForWindow} />,
          className: 'whitespace-nowrap',
        },
        { key: 'progress', header: 'Progress', cell: (r) => <SucceededProgress succeeded={r.succeededCount} total={r.totalTasks} /> },
        { key: 'created', header: 'Created', cell: (r) => <LocalTime ms={r.createdAt} stacked />, className: 'whitespace-nowrap' },
        {
          key: 'actions',
          header: <span className="sr-only">Actions</span>,
          className: 'whitespace-nowrap text-right',
          cell: (r) => (
            // Stacked, so the ten columns fit a laptop screen.
            <span className="inline-flex flex-col items-end gap-0.5">
              <Link href={`/ota-jobs/${r.id}`} className="text-sm font-medium text-brand-700 hover:underline">
                View Details
              </Link>
              <JobControls job={r} actions={actions} canControl={canControl} canDelete={canDelete} />
            </span>
          ),
        },
      ]}
    />
  );
}
