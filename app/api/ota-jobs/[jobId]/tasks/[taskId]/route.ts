import { AppError } from '@/lib/errors';
import { handleUserRoute, jsonNoStore, routeId } from '@/lib/http/route';
import { getOtaTaskTimeline } from '@/lib/services/ota-tasks';

/** One task of the job with its timeline (every transition, oldest first). */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string; taskId: string }> }): Promise<Response> {
  return handleUserRoute(async (actor) => {
    const p = await params;
    const jobId = routeId(p.jobId);
    const timeline = getOtaTaskTimeline({ actor, taskId: routeId(p.taskId) });
    if (timeline.task.jobId !== jobId) throw new AppError('NOT_FOUND', 'Task not found.');
    return jsonNoStore(timeline);
  });
}
