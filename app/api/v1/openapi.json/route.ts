import { openApiDocument } from '@/lib/api/openapi';

/** The API's description, public like any API reference: it holds no data. */
export function GET(): Response {
  return Response.json(openApiDocument);
}
