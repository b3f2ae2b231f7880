import { handleApiRoute, parseJsonBody, type JobParams } from '@/lib/api/route';
import { jsonNoStore, routeId } from '@/lib/http/route';
import { cancelOtaTasks } from '@/lib/services/ota-tasks';
import { taskSelectionSchema } from '@/lib/validation/ota-job-console';

/** "Cancel" `{taskIds}` or `{all: true, state?}`: queued, pending-push and pushed tasks end Canceled. */
export async function POST(request: Request, { params }: JobParams): Promise<Response> {
  return handleApiRoute(request, 'ota:control', async (actor) => {
    const jobId = routeId((await params).jobId);
    return jsonNoStore(cancelOtaTasks({ actor, jobId, selection: await parseJsonBody(request, taskSelectionSchema) }));
  });
}
