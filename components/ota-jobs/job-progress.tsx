import { TASK_STATE_LABELS, TASK_STATES } from '@/lib/ota/states';
import type { OtaJobLive } from '@/lib/services/ota-jobs';
import { TASK_STATE_COLORS } from './status-badges';

/** The job's progress bar (one segment per task state) and its count per state (SPEC 4.7). */
export function JobProgress({ live }: { live: OtaJobLive }) {
  const { counts, total } = live;
  const finished = counts.succeeded + counts.failed + counts.canceled;
  const pct = (n: number) => (total ? (n / total) * 100 : 0);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p className="text-slate-700">
          <span className="text-lg font-semibold text-slate-900 tabular-nums" data-testid="job-succeeded-percent">
            {Math.floor(pct(counts.succeeded))}%
          </span>{' '}
          succeeded · <span className="tabular-nums">{counts.succeeded.toLocaleString('en-US')}</span> of{' '}
          <span className="tabular-nums">{total.toLocaleString('en-US')}</span> devices
        </p>
        <p className="text-slate-500 tabular-nums">
          {finished.toLocaleString('en-US')} finished · {(total - finished).toLocaleString('en-US')} in progress or waiting
        </p>
      </div>
      <div
        className="flex h-3 w-full overflow-hidden rounded-full bg-slate-100"
        role="progressbar"
        aria-label="Tasks succeeded"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={counts.succeeded}
      >
        {TASK_STATES.map((s) =>
          counts[s] ? (
            <span
              key={s}
              className="h-full transition-[width] duration-500"
              style={{ width: `${pct(counts[s])}%`, backgroundColor: TASK_STATE_COLORS[s].fill }}
              title={`${TASK_STATE_LABELS[s]}: ${counts[s]}`}
            />
          ) : null,
        )}
      </div>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-7" aria-label="Tasks per state">
        {TASK_STATES.map((s) => (
          <div key={s} className="rounded-md border border-slate-200 px-3 py-2">
            <dt className="flex items-center gap-1.5 text-xs whitespace-nowrap text-slate-500">
              <span className="size-2 shrink-0 rounded-full" style={{ backgroundColor: TASK_STATE_COLORS[s].fill }} aria-hidden />
              {TASK_STATE_LABELS[s]}
            </dt>
            <dd className="text-lg font-semibold text-slate-900 tabular-nums" data-testid={`count-${s}`}>
              {counts[s].toLocaleString('en-US')}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
