import { z } from 'zod';

/** Row counts a list page offers (SPEC 8). */
export const PAGE_SIZES = [10, 20, 50, 100] as const;

const pageParams = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  pageSize: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(20),
});

/** What a page component receives as `searchParams`. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export type PageRequest = { page: number; pageSize: number; offset: number };
export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number };

/** Reads page and pageSize from URL search params, falling back to page 1 of 20 on anything odd. */
export function parsePageParams(params: Record<string, string | string[] | undefined>): PageRequest {
  const { page, pageSize } = pageParams.parse({ page: first(params.page), pageSize: first(params.pageSize) });
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/**
 * Runs a paged query and, when the requested page lies past the last one (an old link, rows deleted since), runs it
 * again for the last page: "/devices?page=999" shows the last rows, not an empty "19,961–560 of 560".
 */
export function withinLastPage<R extends { total: number }>(request: PageRequest, run: (page: PageRequest) => R): { result: R; page: PageRequest } {
  const result = run(request);
  const last = Math.max(1, Math.ceil(result.total / request.pageSize));
  if (request.page <= last) return { result, page: request };
  const page = { page: last, pageSize: request.pageSize, offset: (last - 1) * request.pageSize };
  return { result: run(page), page };
}

export function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** "1–20 of 560" for the rows a page shows, or "No results". */
export function formatPageRange(page: number, pageSize: number, total: number): string {
  if (total === 0) return 'No results';
  const from = (page - 1) * pageSize + 1;
  return `${from.toLocaleString('en-US')}–${Math.min(total, page * pageSize).toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`;
}
