'use client';

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { TASK_STATE_LABELS, type TaskState } from '@/lib/ota/states';
import type { OtaJobLive } from '@/lib/services/ota-jobs';
import type { JobSample } from './job-queries';
import { useClockTime } from './local-time';
import { TASK_STATE_COLORS } from './status-badges';

// Finished states at the bottom, so the band of succeeded devices grows from the axis as the queue above shrinks.
const STACK: TaskState[] = ['succeeded', 'failed', 'canceled', 'upgrading', 'pushed', 'pending_push', 'queued'];

type Point = { at: number } & Record<TaskState, number>;

function toPoint(s: JobSample): Point {
  return {
    at: s.at,
    queued: s.queued,
    pending_push: s.pendingPush,
    pushed: s.pushed,
    upgrading: s.upgrading,
    succeeded: s.succeeded,
    failed: s.failed,
    canceled: s.canceled,
  };
}

/** Tasks per state over time: the scheduler's samples, ending with the counts the page polls now. */
export function RolloutChart({ samples, live }: { samples: JobSample[]; live: OtaJobLive }) {
  const clock = useClockTime();
  const points = samples.map(toPoint);
  const last = points[points.length - 1];
  if (!last || live.updatedAt > last.at) points.push({ at: live.updatedAt, ...live.counts });
  if (points.length < 2) {
    return (
      <p className="flex min-h-56 flex-1 items-center justify-center rounded-md bg-slate-50 text-sm text-slate-500">
        {live.status === 'not_started' ? 'The chart starts when the job starts.' : 'The chart fills in as the job runs.'}
      </p>
    );
  }
  const spanMs = points[points.length - 1].at - points[0].at;
  const tick = (ms: number) => (spanMs > 36 * 3600_000 ? new Date(ms).toLocaleDateString('en-CA') : clock(ms, spanMs < 600_000));
  const now = points[points.length - 1];
  // What the picture shows, for screen readers: the span sampled and where every state stands now.
  const summary =
    `${points.length} samples from ${clock(points[0].at, true)} to ${clock(now.at, true)}. Now: ` +
    STACK.map((s) => `${TASK_STATE_LABELS[s]} ${now[s].toLocaleString('en-US')}`).join(', ') +
    '.';
  return (
    // Fills the card, which is as tall as the job's information beside it.
    <div className="min-h-64 w-full flex-1" role="img" aria-label="Tasks per state over time" aria-describedby="rollout-summary">
      <p id="rollout-summary" className="sr-only">
        {summary}
      </p>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={tick}
            tick={{ fontSize: 12, fill: '#475569' }}
            tickLine={false}
            axisLine={{ stroke: '#cbd5e1' }}
            minTickGap={40}
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#475569' }} tickLine={false} axisLine={false} width={44} />
          <Tooltip
            labelFormatter={(ms) => clock(Number(ms), true)}
            formatter={(value, name) => [value, TASK_STATE_LABELS[name as TaskState] ?? name]}
          />
          <Legend itemSorter={null} formatter={(name) => TASK_STATE_LABELS[name as TaskState] ?? name} iconType="circle" wrapperStyle={{ fontSize: 12 }} />
          {STACK.map((s) => (
            <Area
              key={s}
              dataKey={s}
              stackId="tasks"
              // Straight lines between samples: a step would hide the last point, the counts as they are now.
              type="linear"
              stroke={TASK_STATE_COLORS[s].fill}
              fill={TASK_STATE_COLORS[s].fill}
              fillOpacity={0.75}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
