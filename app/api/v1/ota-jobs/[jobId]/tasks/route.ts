import { handleApiRoute, parseQuery, type JobParams } from '@/lib/api/route';
import { jsonNoStore, routeId, searchParamsOf } from '@/lib/http/route';
import { listOtaTasks } from '@/lib/services/ota-tasks';
import { parsePageParams } from '@/lib/ui/pagination';
import { otaTaskSearchSchema } from '@/lib/validation/ota-job-console';

/** A job's tasks: `state` (all when absent), `deviceKey` (contains), `page`, `pageSize`; in creation order. */
export async function GET(request: Request, { params }: JobParams): Promise<Response> {
  return handleApiRoute(request, 'ota:read', async (actor) => {
    const jobId = routeId((await params).jobId);
    const filter = parseQuery(request, otaTaskSearchSchema);
    return jsonNoStore(listOtaTasks({ actor, jobId, filter, page: parsePageParams(searchParamsOf(request)) }));
  });
}
