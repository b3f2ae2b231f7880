'use client';

import { useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { ConfirmDialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { DataTable, Pagination, type Column } from '@/components/ui/table';
import { TabPanel, Tabs } from '@/components/ui/tabs';
import { useToast } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/errors';
import { TASK_STATE_LABELS, TASK_STATES, type TaskState } from '@/lib/ota/states';
import { CANCELABLE_TASK_STATES } from '@/lib/ota/transitions';
import type { OtaJobLive } from '@/lib/services/ota-jobs';
import { useJobTasks, type TaskPage, type TaskQuery, type TaskRow } from './job-queries';
import { LocalTime, useClockTime } from './local-time';
import { TaskProgress, VersionChange } from './task-cells';
import { TaskTimelineDialog } from './task-timeline-dialog';

type TaskAction = 'cancel' | 'retry';
type TaskActionInput = { jobId: number; selection: { taskIds: number[] } | { all: true; state: TaskState } };

/** The server actions behind "Cancel" and "Retry" (the page passes them in). */
export type TaskActions = {
  cancel: (input: TaskActionInput) => Promise<ActionResult<{ canceled: number }>>;
  retry: (input: TaskActionInput) => Promise<ActionResult<{ retried: number; skippedBusy: number }>>;
};
type Target = { taskIds: number[]; what: string } | { all: true; what: string };
type Pending = { action: TaskAction; target: Target };

/** The action a tab's tasks allow (SPEC 4.6): cancel before upgrading, retry after failing. */
function actionOf(state: TaskState): TaskAction | null {
  if ((CANCELABLE_TASK_STATES as TaskState[]).includes(state)) return 'cancel';
  return state === 'failed' ? 'retry' : null;
}

const SEARCH_DEBOUNCE_MS = 300;

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

/**
 * The job's devices, one tab per task state (SPEC 4.7): search by deviceKey, server-side pages, row and bulk
 * "Cancel" / "Retry" where the state allows it, and a task's timeline on its deviceKey.
 */
export function TaskTable({
  jobId,
  live,
  actions,
  canControl,
  initial,
  onChanged,
}: {
  jobId: number;
  actions: TaskActions;
  live: OtaJobLive;
  canControl: boolean;
  initial: { query: TaskQuery; version: string; data: TaskPage };
  onChanged: () => void;
}) {
  const toast = useToast();
  const clock = useClockTime();
  const [query, setQuery] = useState<TaskQuery>(initial.query);
  const [search, setSearch] = useState(initial.query.q);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [confirm, setConfirm] = useState<Pending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [timelineTaskId, setTimelineTaskId] = useState<number | null>(null);
  const [pending, startTransition] = useTransition();
  const tasks = useJobTasks(jobId, query, live, initial);

  const update = (change: Partial<TaskQuery>) => {
    setQuery((q) => ({ ...q, page: 1, ...change }));
    setSelected(new Set());
  };

  // The tab goes into the URL (?state=), so a reload or a shared link opens the same devices.
  const selectTab = (state: TaskState) => {
    update({ state });
    const url = new URL(window.location.href);
    url.searchParams.set('state', state);
    window.history.replaceState(null, '', url);
  };

  const searchTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const onSearch = (value: string) => {
    setSearch(value);
    clearTimeout(searchTimer.current);
    searchTimer.current = setTimeout(() => update({ q: value.trim() }), SEARCH_DEBOUNCE_MS);
  };

  const rows = tasks.data?.rows ?? [];
  const total = tasks.data?.total ?? 0;
  // Tasks left the tab while its last page was shown: go to the page that now is the last.
  const lastPage = Math.max(1, Math.ceil(total / query.pageSize));
  if (tasks.data && !tasks.isPlaceholderData && query.page > lastPage) setQuery((q) => ({ ...q, page: lastPage }));
  // The rows shown belong to this query (a poll's refetch keeps them): dim them only while another tab or page loads.
  const [shownQuery, setShownQuery] = useState(query);
  if (tasks.data && !tasks.isPlaceholderData && shownQuery !== query) setShownQuery(query);
  const loadingOther = tasks.isPlaceholderData && shownQuery !== query;
  const now = tasks.data?.now ?? 0;
  const action = canControl ? actionOf(query.state) : null;
  // Only rows still on the page can stay selected (a refetch may have moved some to another state).
  const selectedIds = rows.filter((r) => selected.has(r.id)).map((r) => r.id);
  const tabCount = live.counts[query.state];

  function run({ action: kind, target }: Pending, fromDialog: boolean) {
    startTransition(async () => {
      const selection = 'all' in target ? { all: true as const, state: query.state } : { taskIds: target.taskIds };
      const res =
        kind === 'cancel' ? await actions.cancel({ jobId, selection }) : await actions.retry({ jobId, selection });
      if (!res.ok) {
        if (fromDialog) setError(res.message);
        else toast.show(res.message, 'error');
        return;
      }
      setConfirm(null);
      setSelected(new Set());
      if ('canceled' in res.data) {
        toast.show(`${plural(res.data.canceled, 'task')} canceled.`);
      } else {
        const busy = res.data.skippedBusy ? `; ${plural(res.data.skippedBusy, 'device')} busy in another job skipped` : '';
        toast.show(`${plural(res.data.retried, 'task')} queued for retry${busy}.`);
      }
      onChanged();
    });
  }

  function ask(pendingAction: Pending) {
    setError(null);
    // Retrying chosen tasks is harmless and undoable by cancel; everything else is confirmed first.
    if (pendingAction.action === 'retry' && !('all' in pendingAction.target)) run(pendingAction, false);
    else setConfirm(pendingAction);
  }

  const rowAction = (r: TaskRow) => actionOf(r.state);
  const columns: Column<TaskRow>[] = [
    ...(action
      ? [
          {
            key: 'select',
            header: (
              <Checkbox
                aria-label="Select all tasks on this page"
                checked={rows.length > 0 && selectedIds.length === rows.length}
                disabled={!rows.length}
                onChange={(e) => setSelected(new Set(e.target.checked ? rows.map((r) => r.id) : []))}
              />
            ),
            className: 'w-10',
            cell: (r: TaskRow) => (
              <Checkbox
                aria-label={`Select ${r.deviceKey}`}
                checked={selected.has(r.id)}
                onChange={(e) =>
                  setSelected((s) => {
                    const next = new Set(s);
                    if (e.target.checked) next.add(r.id);
                    else next.delete(r.id);
                    return next;
                  })
                }
              />
            ),
          } satisfies Column<TaskRow>,
        ]
      : []),
    {
      key: 'device',
      header: 'Device Key',
      cell: (r) => (
        <button
          type="button"
          className="font-mono whitespace-nowrap text-brand-700 hover:underline"
          title="Show the task's timeline"
          onClick={() => setTimelineTaskId(r.id)}
        >
          {r.deviceKey}
        </button>
      ),
    },
    { key: 'name', header: 'Device Name', cell: (r) => <span className="whitespace-nowrap text-slate-600">{r.deviceName}</span> },
    { key: 'versions', header: 'From → To', cell: (r) => <VersionChange from={r.fromVersion} to={r.toVersion} /> },
    { key: 'progress', header: 'Progress', cell: (r) => <TaskProgress state={r.state} progress={r.progress} /> },
    { key: 'attempts', header: 'Attempts', cell: (r) => <span className="tabular-nums">{r.attempt}</span> },
    {
      key: 'reason',
      header: 'Failure Reason',
      cell: (r) => (
        <span className="flex flex-col">
          <span>{r.failureReason ?? <span className="text-slate-400">—</span>}</span>
          {r.state === 'queued' && r.attempt > 0 && r.nextAttemptAt !== null && r.nextAttemptAt > now && (
            <span className="text-xs whitespace-nowrap text-amber-700">Retry at {clock(r.nextAttemptAt)}</span>
          )}
        </span>
      ),
    },
    { key: 'updated', header: 'Last Update', cell: (r) => <LocalTime ms={r.updatedAt} />, className: 'whitespace-nowrap' },
    ...(action
      ? [
          {
            key: 'actions',
            header: <span className="sr-only">Actions</span>,
            className: 'text-right',
            cell: (r: TaskRow) => {
              const allowed = rowAction(r);
              if (!allowed) return null;
              return (
                <Button
                  variant="link"
                  size="sm"
                  className={allowed === 'cancel' ? 'text-red-600 hover:text-red-700' : undefined}
                  disabled={pending}
                  onClick={() => ask({ action: allowed, target: { taskIds: [r.id], what: `the task of ${r.deviceKey}` } })}
                >
                  {allowed === 'cancel' ? 'Cancel' : 'Retry'}
                </Button>
              );
            },
          } satisfies Column<TaskRow>,
        ]
      : []),
  ];

  const verb = action === 'cancel' ? 'Cancel' : 'Retry';
  const stateLabel = TASK_STATE_LABELS[query.state].toLowerCase();

  return (
    <div>
      <div className="px-4 pt-2">
        <Tabs
          id="task-states"
          label="Tasks by state"
          active={query.state}
          onSelect={(key) => selectTab(key as TaskState)}
          items={TASK_STATES.map((s) => ({ key: s, label: TASK_STATE_LABELS[s], count: live.counts[s] }))}
        />
      </div>
      <TabPanel id="task-states" active={query.state}>
        <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <div className="flex flex-col gap-1">
            <label htmlFor="task-search" className="text-xs font-medium text-slate-600">
              Device Key
            </label>
            <Input
              id="task-search"
              type="search"
              value={search}
              onChange={(e) => onSearch(e.target.value)}
              placeholder="Search by deviceKey"
              className="w-64"
            />
          </div>
          {action && (
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm text-slate-500" aria-live="polite">
                {selectedIds.length ? `${selectedIds.length} selected` : 'Select rows for bulk actions'}
              </span>
              <Button
                variant="secondary"
                size="sm"
                disabled={!selectedIds.length || pending}
                onClick={() => ask({ action, target: { taskIds: selectedIds, what: `the ${plural(selectedIds.length, 'selected task')}` } })}
              >
                {verb} selected
              </Button>
              <Button
                variant={action === 'cancel' ? 'danger' : 'primary'}
                size="sm"
                disabled={!tabCount || pending}
                onClick={() => ask({ action, target: { all: true, what: `all ${plural(tabCount, `${stateLabel} task`)} of this job` } })}
              >
                {verb} all
              </Button>
            </div>
          )}
        </div>
        <div className={loadingOther ? 'opacity-60 transition-opacity' : undefined} aria-busy={loadingOther}>
          <DataTable
            caption={`${TASK_STATE_LABELS[query.state]} tasks`}
            rows={rows}
            rowKey={(r) => r.id}
            columns={columns}
            empty={
              tasks.error ? (
                <EmptyState title="Could not load the tasks" description={tasks.error.message} />
              ) : tasks.isPending ? (
                <p className="py-14 text-center text-sm text-slate-500">Loading…</p>
              ) : (
                <EmptyState
                  title={query.q ? 'No device matches' : `No ${stateLabel} tasks`}
                  description={query.q ? `No ${stateLabel} task has a deviceKey containing “${query.q}”.` : undefined}
                />
              )
            }
          />
        </div>
        <Pagination
          label="Task pages"
          page={query.page}
          pageSize={query.pageSize}
          total={total}
          onPage={(page) => setQuery((q) => ({ ...q, page }))}
          onPageSize={(pageSize) => update({ pageSize })}
        />
      </TabPanel>
      <ConfirmDialog
        open={confirm !== null}
        title={confirm?.action === 'cancel' ? 'Cancel Tasks' : 'Retry Tasks'}
        message={
          confirm && (
            <p>
              {confirm.action === 'cancel'
                ? `Cancel ${confirm.target.what}? Canceled tasks are not pushed; devices keep their current firmware.`
                : `Retry ${confirm.target.what}? Each goes back to the queue for one more attempt.`}
            </p>
          )
        }
        confirmLabel={confirm?.action === 'cancel' ? 'Cancel Tasks' : 'Retry Tasks'}
        cancelLabel="Back"
        danger={confirm?.action === 'cancel'}
        pending={pending}
        error={error}
        onCancel={() => setConfirm(null)}
        onConfirm={() => confirm && run(confirm, true)}
      />
      <TaskTimelineDialog jobId={jobId} taskId={timelineTaskId} onClose={() => setTimelineTaskId(null)} />
    </div>
  );
}
