import { z } from 'zod';
import { handleApiRoute, parseQuery } from '@/lib/api/route';
import { jsonNoStore } from '@/lib/http/route';
import { listProductVersions } from '@/lib/services/firmware';

const querySchema = z.object({ productKey: z.string({ message: 'Send a productKey' }).trim().min(1, 'Send a productKey') });

/** A product by its key, with the versions its devices report and their counts: what `fromVersions` is chosen from. */
export async function GET(request: Request): Promise<Response> {
  return handleApiRoute(request, 'firmware:read', (actor) => {
    const { product, versions } = listProductVersions({ actor, ...parseQuery(request, querySchema) });
    return jsonNoStore({ product: { id: product.id, productKey: product.productKey, name: product.name }, versions });
  });
}
