import { handleUserRoute, NO_STORE, routeId } from '@/lib/http/route';
import { exportOtaTasksCsvRows } from '@/lib/services/ota-tasks';

/** Lines handed to the stream per pull: enough to keep the socket busy, few enough to keep memory flat. */
const LINES_PER_CHUNK = 500;

/** "Export CSV": every task of the job, streamed as the engine reads them a page at a time. */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }): Promise<Response> {
  return handleUserRoute(async (actor) => {
    const jobId = routeId((await params).jobId);
    // Checks the permission and the job before the first byte, so a refusal is still a proper status.
    const lines = exportOtaTasksCsvRows({ actor, jobId })[Symbol.iterator]();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        let chunk = '';
        for (let i = 0; i < LINES_PER_CHUNK; i++) {
          const next = lines.next();
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          chunk += next.value;
        }
        controller.enqueue(encoder.encode(chunk));
      },
      cancel() {
        lines.return?.();
      },
    });
    return new Response(body, {
      headers: {
        ...NO_STORE,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="ota-job-${jobId}-tasks.csv"`,
      },
    });
  });
}
