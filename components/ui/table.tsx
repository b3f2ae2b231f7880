import Link from 'next/link';
import { Fragment, type ReactNode } from 'react';
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

type PaginationProps = { page: number; pageSize: number; total: number; label?: string } & (
  | { basePath: string; params: Record<string, string | undefined> }
  | { onPage: (page: number) => void; onPageSize: (size: number) => void }
);

/**
 * Pages of a table: the range shown, rows per page, previous and next. As links that keep every other search param
 * when the server renders the page (`basePath`), or as buttons when a client query fetches it (`onPage`).
 */
export function Pagination(props: PaginationProps) {
  const { page, pageSize, total, label = 'Pagination' } = props;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const control = (to: { page: number; size?: number }, className: string, children: ReactNode, extra: { rel?: string; current?: boolean } = {}) => {
    const size = to.size ?? pageSize;
    if ('basePath' in props) {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(props.params)) if (v) qs.set(k, v);
      qs.set('page', String(to.page));
      qs.set('pageSize', String(size));
      return (
        <Link href={`${props.basePath}?${qs.toString()}`} className={className} rel={extra.rel} aria-current={extra.current ? 'true' : undefined}>
          {children}
        </Link>
      );
    }
    const onClick = () => (size !== pageSize ? props.onPageSize(size) : props.onPage(to.page));
    return (
      <button type="button" onClick={onClick} className={className} aria-current={extra.current ? 'true' : undefined}>
        {children}
      </button>
    );
  };
  const stepClass = 'rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-50';
  const disabledClass = 'rounded-md border border-slate-200 px-2.5 py-1 text-sm text-slate-300';
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm text-slate-600">
      <span>{formatPageRange(page, pageSize, total)}</span>
      <div className="flex items-center gap-2">
        <span className="text-slate-500">Rows:</span>
        {PAGE_SIZES.map((s) => (
          <Fragment key={s}>
            {control(
              { page: 1, size: s },
              cn('rounded px-1.5 py-0.5', s === pageSize ? 'bg-brand-50 font-semibold text-brand-700' : 'hover:bg-slate-100'),
              s,
              { current: s === pageSize },
            )}
          </Fragment>
        ))}
        <span className="mx-2 h-4 w-px bg-slate-200" />
        {page > 1 ? control({ page: page - 1 }, stepClass, 'Previous', { rel: 'prev' }) : <span className={disabledClass}>Previous</span>}
        <span>
          Page {page} of {pages}
        </span>
        {page < pages ? control({ page: page + 1 }, stepClass, 'Next', { rel: 'next' }) : <span className={disabledClass}>Next</span>}
      </div>
    </nav>
  );
}
