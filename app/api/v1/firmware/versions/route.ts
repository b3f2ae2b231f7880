import { z } from 'zod';
import { handleApiRoute, parseQuery } from '@/lib/api/route';
import { jsonNoStore } from '@/lib/http/route';
import { listProductVersions } from '@/lib/services/firmware';

const querySchema = z.object({ productKey: z.string({ message: 'Send a productKey' }).trim().min(1, 'Send a productKey') });

/** The versions a product's devices report, with device counts: what a job's `fromVersions` is chosen from. */
export async function GET(request: Request): Promise<Response> {
  return handleApiRoute(request, 'firmware:read', (actor) => {
    const { product, versions } = listProductVersions({ actor, ...parseQuery(request, querySchema) });
    return jsonNoStore({ productKey: product.productKey, versions });
  });
}
