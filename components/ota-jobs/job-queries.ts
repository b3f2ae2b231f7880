import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OtaJobLive, listOtaJobSamples } from '@/lib/services/ota-jobs';
import type { getOtaTaskTimeline, listOtaTasks } from '@/lib/services/ota-tasks';
import { ACTIVE_TASK_STATES, type JobStatus, type TaskState } from '@/lib/ota/states';

/** How often a running job's counters are polled (SPEC 4.7: the page updates itself while the job runs). */
export const LIVE_POLL_MS = 2000;
/** A stopped job's devices may still report for a while: poll, but slowly. */
const STOPPED_POLL_MS = 4000;
/** The scheduler samples the rollout at most every 5 s; the chart's history need not be fetched more often. */
const SAMPLES_POLL_MS = 5000;

export type TaskPage = ReturnType<typeof listOtaTasks> & { now: number };
export type TaskRow = TaskPage['rows'][number];
export type JobSample = ReturnType<typeof listOtaJobSamples>[number];
export type TaskTimeline = ReturnType<typeof getOtaTaskTimeline>;
export type TaskQuery = { state: TaskState; q: string; page: number; pageSize: number };

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `Request failed (${res.status})`);
  }
  return (await res.json()) as T;
}

const keys = {
  live: (jobId: number) => ['ota-job', jobId, 'live'] as const,
  samples: (jobId: number) => ['ota-job', jobId, 'samples'] as const,
  tasks: (jobId: number, q: TaskQuery, version: string) => ['ota-job', jobId, 'tasks', q, version] as const,
  timeline: (jobId: number, taskId: number) => ['ota-job', jobId, 'timeline', taskId] as const,
};

/** Whether the job's counters can still move, and how often to look. */
export function livePollInterval(live: OtaJobLive): number | false {
  if (live.status === 'running') return LIVE_POLL_MS;
  if (live.status === 'stopped' && live.counts.pushed + live.counts.upgrading > 0) return STOPPED_POLL_MS;
  return false;
}

/** The job's status and counters: one job row per poll, never the tasks. */
export function useJobLive(jobId: number, initial: OtaJobLive) {
  return useQuery({
    queryKey: keys.live(jobId),
    queryFn: () => getJson<OtaJobLive>(`/api/ota-jobs/${jobId}/live`),
    initialData: initial,
    refetchInterval: (query) => (query.state.data ? livePollInterval(query.state.data) : false),
  });
}

export function useJobSamples(jobId: number, initial: { samples: JobSample[]; status: JobStatus }, live: OtaJobLive) {
  return useQuery({
    // Fetched again when the status changes, so the chart of a job that just finished ends with its last sample.
    queryKey: [...keys.samples(jobId), live.status],
    queryFn: () => getJson<JobSample[]>(`/api/ota-jobs/${jobId}/samples`),
    initialData: live.status === initial.status ? initial.samples : undefined,
    placeholderData: keepPreviousData,
    // Until there is a history to draw, look as often as the counters do.
    refetchInterval: (q) => (live.status !== 'running' ? false : (q.state.data?.length ?? 0) < 2 ? LIVE_POLL_MS : SAMPLES_POLL_MS),
  });
}

/**
 * One page of the device table. The job's version is part of the key, so the page is fetched again only when a
 * task changed state; rows in Upgrading also move their progress without a state change, so a page showing some
 * is polled while the job runs.
 */
export function useJobTasks(jobId: number, query: TaskQuery, live: OtaJobLive, initial?: { query: TaskQuery; version: string; data: TaskPage }) {
  const isInitial =
    initial && initial.version === live.version && JSON.stringify(initial.query) === JSON.stringify(query);
  return useQuery({
    queryKey: keys.tasks(jobId, query, live.version),
    queryFn: () => {
      const qs = new URLSearchParams({ state: query.state, q: query.q, page: String(query.page), pageSize: String(query.pageSize) });
      return getJson<TaskPage>(`/api/ota-jobs/${jobId}/tasks?${qs}`);
    },
    initialData: isInitial ? initial.data : undefined,
    placeholderData: keepPreviousData,
    gcTime: 30_000,
    refetchInterval: (q) =>
      live.status !== 'completed' && q.state.data?.rows.some((r) => r.state === 'upgrading') ? LIVE_POLL_MS : false,
  });
}

export function useTaskTimeline(jobId: number, taskId: number | null) {
  return useQuery({
    queryKey: keys.timeline(jobId, taskId ?? 0),
    queryFn: () => getJson<TaskTimeline>(`/api/ota-jobs/${jobId}/tasks/${taskId}`),
    enabled: taskId !== null,
    // An open timeline of a task still in flight grows as the device reports.
    refetchInterval: (q) => (q.state.data && (ACTIVE_TASK_STATES as readonly TaskState[]).includes(q.state.data.task.state) ? LIVE_POLL_MS : false),
  });
}

/** After the user changed the job (start, stop, cancel, retry): look at it again now rather than at the next poll. */
export function useRefreshJob(jobId: number) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['ota-job', jobId] });
}
