import { firmwareResource } from '@/lib/api/resources';
import { handleApiRoute, parseQuery } from '@/lib/api/route';
import { jsonNoStore, searchParamsOf } from '@/lib/http/route';
import { createFirmware, searchFirmware } from '@/lib/services/firmware';
import { parsePageParams } from '@/lib/ui/pagination';
import { firmwareSearchSchema } from '@/lib/validation/firmware';

/** Search firmware: `q` (name contains), `productId`, `status`, `page`, `pageSize`; newest first. */
export async function GET(request: Request): Promise<Response> {
  return handleApiRoute(request, 'firmware:read', (actor) => {
    const filter = parseQuery(request, firmwareSearchSchema);
    const page = parsePageParams(searchParamsOf(request));
    const { rows, total } = searchFirmware({ actor, filter, sort: 'created_desc', page });
    return jsonNoStore({ rows, total, page: page.page, pageSize: page.pageSize });
  });
}

/** "Add Firmware": the console form's multipart fields and file, streamed to disk by the same service. */
export async function POST(request: Request): Promise<Response> {
  return handleApiRoute(request, 'firmware:create', async (actor) => {
    const { id } = await createFirmware({
      actor,
      body: request.body,
      contentType: request.headers.get('content-type'),
      contentLength: request.headers.get('content-length'),
    });
    return jsonNoStore(firmwareResource(actor, id), { status: 201 });
  });
}
