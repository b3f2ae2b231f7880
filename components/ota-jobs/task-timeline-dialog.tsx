'use client';

import { Dialog } from '@/components/ui/dialog';
import { DataTable } from '@/components/ui/table';
import { useTaskTimeline } from './job-queries';
import { LocalTime } from './local-time';
import { TaskStateBadge } from './status-badges';
import { TaskProgress, VersionChange } from './task-cells';

/** A task's timeline: every transition with its time, attempt, progress and reason (opened from its deviceKey). */
export function TaskTimelineDialog({ jobId, taskId, onClose }: { jobId: number; taskId: number | null; onClose: () => void }) {
  const { data, error, isPending } = useTaskTimeline(jobId, taskId);
  const title = data ? `Task Timeline: ${data.deviceKey}` : 'Task Timeline';
  return (
    <Dialog open={taskId !== null} onClose={onClose} title={title} wide>
      {isPending ? (
        <p className="py-6 text-center text-slate-500">Loading…</p>
      ) : error ? (
        <p className="rounded-md bg-red-50 px-3 py-2 text-red-700">{error.message}</p>
      ) : (
        <div className="space-y-4">
          <dl className="grid grid-cols-[8rem_1fr] gap-y-1.5">
            <dt className="text-slate-500">Device Key</dt>
            <dd className="font-mono">{data.deviceKey}</dd>
            <dt className="text-slate-500">Status</dt>
            <dd className="flex items-center gap-2">
              <TaskStateBadge state={data.task.state} />
              {data.task.state === 'queued' && data.task.attempt > 0 && data.task.nextAttemptAt !== null && (
                <span className="text-amber-700">
                  next attempt <LocalTime ms={data.task.nextAttemptAt} />
                </span>
              )}
            </dd>
            <dt className="text-slate-500">Version</dt>
            <dd>
              <VersionChange from={data.task.fromVersion} to={data.task.toVersion} />
            </dd>
            <dt className="text-slate-500">Progress</dt>
            <dd>
              <TaskProgress state={data.task.state} progress={data.task.progress} />
              {data.task.progressDesc && <span className="ml-2 text-slate-500">{data.task.progressDesc}</span>}
            </dd>
            <dt className="text-slate-500">Attempts</dt>
            <dd className="tabular-nums">{data.task.attempt}</dd>
            {data.task.failureReason && (
              <>
                <dt className="text-slate-500">Failure Reason</dt>
                <dd>{data.task.failureReason}</dd>
              </>
            )}
          </dl>
          <div className="overflow-hidden rounded-md border border-slate-200">
            <DataTable
              caption={`Timeline of ${data.deviceKey}`}
              rows={data.events}
              rowKey={(e) => e.id}
              columns={[
                { key: 'at', header: 'Time', cell: (e) => <LocalTime ms={e.at} stacked />, className: 'whitespace-nowrap' },
                {
                  key: 'transition',
                  header: 'Transition',
                  cell: (e) => (
                    <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
                      {e.fromState ? <TaskStateBadge state={e.fromState} /> : <span className="text-xs text-slate-500">New</span>}
                      <span className="text-slate-400" aria-label="to">
                        →
                      </span>
                      <TaskStateBadge state={e.toState} />
                    </span>
                  ),
                },
                { key: 'attempt', header: 'Attempt', cell: (e) => <span className="tabular-nums">{e.attempt}</span> },
                { key: 'progress', header: 'Progress', cell: (e) => (e.progress === null ? '—' : `${e.progress}%`) },
                { key: 'reason', header: 'Reason', cell: (e) => e.reason ?? <span className="text-slate-400">—</span> },
              ]}
            />
          </div>
        </div>
      )}
    </Dialog>
  );
}
