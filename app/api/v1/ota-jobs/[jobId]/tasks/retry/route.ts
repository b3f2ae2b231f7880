import { handleApiRoute, parseJsonBody, type JobParams } from '@/lib/api/route';
import { jsonNoStore, routeId } from '@/lib/http/route';
import { retryOtaTasks } from '@/lib/services/ota-tasks';
import { taskSelectionSchema } from '@/lib/validation/ota-job-console';

/** "Retry" `{taskIds}` or `{all: true}`: failed tasks are queued again (devices busy in another job are skipped). */
export async function POST(request: Request, { params }: JobParams): Promise<Response> {
  return handleApiRoute(request, 'ota:control', async (actor) => {
    const jobId = routeId((await params).jobId);
    return jsonNoStore(retryOtaTasks({ actor, jobId, selection: await parseJsonBody(request, taskSelectionSchema) }));
  });
}
