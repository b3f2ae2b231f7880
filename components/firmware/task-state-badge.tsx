import { Badge, type BadgeTone } from '@/components/ui/badge';
import { JOB_STATUS_LABELS, TASK_STATE_LABELS, type JobStatus, type TaskState } from '@/lib/ota/states';

const TASK_TONES: Record<TaskState, BadgeTone> = {
  queued: 'gray',
  pending_push: 'blue',
  pushed: 'blue',
  upgrading: 'violet',
  succeeded: 'green',
  failed: 'red',
  canceled: 'gray',
};

const JOB_TONES: Record<JobStatus, BadgeTone> = {
  not_started: 'gray',
  running: 'blue',
  stopped: 'amber',
  completed: 'green',
};

export function TaskStateBadge({ state }: { state: TaskState }) {
  return <Badge tone={TASK_TONES[state]}>{TASK_STATE_LABELS[state]}</Badge>;
}

export function JobStatusBadge({ status }: { status: JobStatus }) {
  return <Badge tone={JOB_TONES[status]}>{JOB_STATUS_LABELS[status]}</Badge>;
}
