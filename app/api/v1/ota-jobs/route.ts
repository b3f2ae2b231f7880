import { otaJobResource } from '@/lib/api/resources';
import { handleApiRoute, parseJsonBody, parseQuery } from '@/lib/api/route';
import { jsonNoStore, searchParamsOf } from '@/lib/http/route';
import { createOtaJob, listOtaJobs } from '@/lib/services/ota-jobs';
import { parsePageParams } from '@/lib/ui/pagination';
import { otaJobSearchSchema } from '@/lib/validation/ota-job-console';
import { createOtaJobSchema } from '@/lib/validation/ota-job';

/** Search jobs: `q` (name contains), `firmwareId`, `type`, `productId`, `status`, `page`, `pageSize`; newest first. */
export async function GET(request: Request): Promise<Response> {
  return handleApiRoute(request, 'ota:read', (actor) => {
    const filter = parseQuery(request, otaJobSearchSchema);
    return jsonNoStore(listOtaJobs({ actor, filter, page: parsePageParams(searchParamsOf(request)) }));
  });
}

/** The job wizard's fields as JSON, checked by the wizard's schema and created by the same service. */
export async function POST(request: Request): Promise<Response> {
  return handleApiRoute(request, 'ota:create', async (actor) => {
    const job = createOtaJob({ actor, input: await parseJsonBody(request, createOtaJobSchema) });
    return jsonNoStore(otaJobResource(actor, job.id), { status: 201 });
  });
}
