import type { Metadata } from 'next';
import { JobDetails } from '@/components/ota-jobs/job-details';
import type { Actor } from '@/lib/auth/actor';
import { hasPermission } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/auth/session';
import { TASK_STATES, type TaskState } from '@/lib/ota/states';
import { getOtaJobDetails, listOtaJobSamples } from '@/lib/services/ota-jobs';
import { listOtaTasks } from '@/lib/services/ota-tasks';
import { orNotFound, parseId } from '@/lib/ui/not-found';
import { first, type SearchParams } from '@/lib/ui/pagination';
import { otaTaskQuerySchema } from '@/lib/validation/ota-job-console';
import { jobControlActions, taskActions } from '../job-actions';

export const metadata: Metadata = { title: 'OTA job details' };

const FIRST_PAGE_SIZE = 20;

/** The device table's first page as the tasks route answers it (with the server's time, for "Retry at"). */
function firstTaskPage(actor: Actor, jobId: number, state: TaskState) {
  return { ...listOtaTasks({ actor, jobId, filter: { state }, page: { page: 1, pageSize: FIRST_PAGE_SIZE, offset: 0 } }), now: Date.now() };
}

type Props = {
  params: Promise<{ jobId: string }>;
  searchParams: SearchParams;
};

export default async function OtaJobDetailsPage({ params, searchParams }: Props) {
  const actor = await requirePagePermission('ota:read');
  const jobId = parseId((await params).jobId);
  const sp = await searchParams;
  const details = orNotFound(() => getOtaJobDetails({ actor, jobId }));
  const { live } = details;
  // The tab asked for in the URL, else the first state that has tasks.
  const asked = first(sp.state);
  const state = asked ? otaTaskQuerySchema.parse({ state: asked }).state : (TASK_STATES.find((s) => live.counts[s] > 0) ?? 'queued');
  const query = { state, q: '', page: 1, pageSize: FIRST_PAGE_SIZE };

  return (
    <JobDetails
      details={{
        job: details.job,
        firmware: details.firmware,
        product: details.product,
        creator: details.creator && { name: details.creator.name },
        scopeNodes: details.scopeNodes,
        live,
      }}
      samples={listOtaJobSamples({ actor, jobId })}
      tasks={{ query, version: live.version, data: firstTaskPage(actor, jobId, state) }}
      actions={{ job: jobControlActions, tasks: taskActions }}
      permissions={{ control: hasPermission(actor.role, 'ota:control'), delete: hasPermission(actor.role, 'ota:delete') }}
    />
  );
}
