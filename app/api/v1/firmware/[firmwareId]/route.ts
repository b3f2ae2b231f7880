import { firmwareResource } from '@/lib/api/resources';
import { handleApiRoute } from '@/lib/api/route';
import { jsonNoStore, routeId } from '@/lib/http/route';
import { deleteFirmware } from '@/lib/services/firmware';

type Params = { params: Promise<{ firmwareId: string }> };

export async function GET(request: Request, { params }: Params): Promise<Response> {
  return handleApiRoute(request, 'firmware:read', async (actor) => jsonNoStore(firmwareResource(actor, routeId((await params).firmwareId))));
}

/** Refused (409) while a job of this firmware is running or any of its tasks is in flight. */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  return handleApiRoute(request, 'firmware:delete', async (actor) => {
    deleteFirmware({ actor, firmwareId: routeId((await params).firmwareId) });
    return new Response(null, { status: 204 });
  });
}
