import Link from 'next/link';
import type { ReactNode } from 'react';
import { cn } from '@/lib/ui/cn';
import { formatPageRange, PAGE_SIZES } from '@/lib/ui/pagination';
import { EmptyState } from './empty-state';

export type Column<T> = {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  className?: string;
};

/** A plain data table; pagination and sorting happen on the server and arrive as rows. */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  empty,
  caption,
}: {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  empty?: ReactNode;
  caption?: string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="bg-slate-50">
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={cn('px-4 py-2.5 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase', c.className)}
              >
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {rows.map((row) => (
            <tr key={rowKey(row)} className="hover:bg-slate-50/70">
              {columns.map((c) => (
                <td key={c.key} className={cn('px-4 py-2.5 align-middle text-slate-700', c.className)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && (empty ?? <EmptyState title="No data" />)}
    </div>
  );
}

/** Server-side pagination as links that keep every other search param. */
export function Pagination({
  basePath,
  params,
  page,
  pageSize,
  total,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  page: number;
  pageSize: number;
  total: number;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number, size = pageSize) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) qs.set(k, v);
    qs.set('page', String(p));
    qs.set('pageSize', String(size));
    return `${basePath}?${qs.toString()}`;
  };
  const linkClass = 'rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-50';
  const disabledClass = 'rounded-md border border-slate-200 px-2.5 py-1 text-sm text-slate-300';
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm text-slate-600">
      <span>{formatPageRange(page, pageSize, total)}</span>
      <div className="flex items-center gap-2">
        <span className="text-slate-500">Rows:</span>
        {PAGE_SIZES.map((s) => (
          <Link
            key={s}
            href={href(1, s)}
            aria-current={s === pageSize ? 'true' : undefined}
            className={cn('rounded px-1.5 py-0.5', s === pageSize ? 'bg-brand-50 font-semibold text-brand-700' : 'hover:bg-slate-100')}
          >
            {s}
          </Link>
        ))}
        <span className="mx-2 h-4 w-px bg-slate-200" />
        {page > 1 ? (
          <Link href={href(page - 1)} className={linkClass} rel="prev">
            Previous
          </Link>
        ) : (
          <span className={disabledClass}>Previous</span>
        )}
        <span>
          Page {page} of {pages}
        </span>
        {page < pages ? (
          <Link href={href(page + 1)} className={linkClass} rel="next">
            Next
          </Link>
        ) : (
          <span className={disabledClass}>Next</span>
        )}
      </div>
    </nav>
  );
}
