import { Badge, type BadgeTone } from '@/components/ui/badge';
import { JOB_STATUS_LABELS, TASK_STATE_LABELS, type JobStatus, type TaskState } from '@/lib/ota/states';

/** One colour per task state, shared by badges, the progress bar and the rollout chart. */
export const TASK_STATE_COLORS: Record<TaskState, { tone: BadgeTone; fill: string }> = {
  queued: { tone: 'gray', fill: '#94a3b8' },
  pending_push: { tone: 'blue', fill: '#7fb0f9' },
  pushed: { tone: 'blue', fill: '#2f7cf6' },
  upgrading: { tone: 'violet', fill: '#8b5cf6' },
  succeeded: { tone: 'green', fill: '#10b981' },
  failed: { tone: 'red', fill: '#ef4444' },
  canceled: { tone: 'gray', fill: '#cbd5e1' },
};

const JOB_TONES: Record<JobStatus, BadgeTone> = {
  not_started: 'gray',
  running: 'blue',
  stopped: 'amber',
  completed: 'green',
};

/** Shown instead of "Running" while a running job is outside its schedule window (SPEC 4.5). */
export const WAITING_FOR_WINDOW_LABEL = 'Waiting for window';

export function TaskStateBadge({ state }: { state: TaskState }) {
  return <Badge tone={TASK_STATE_COLORS[state].tone}>{TASK_STATE_LABELS[state]}</Badge>;
}

export function JobStatusBadge({ status, waitingForWindow }: { status: JobStatus; waitingForWindow?: boolean }) {
  if (status === 'running' && waitingForWindow) return <Badge tone="violet">{WAITING_FOR_WINDOW_LABEL}</Badge>;
  return <Badge tone={JOB_TONES[status]}>{JOB_STATUS_LABELS[status]}</Badge>;
}
