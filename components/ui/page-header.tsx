import Link from 'next/link';
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  description,
  actions,
  breadcrumb,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** The list page this page belongs to. */
  breadcrumb?: { href: string; label: string };
}) {
  return (
    <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        {breadcrumb && (
          <div className="mb-1 text-sm text-slate-500">
            <Link href={breadcrumb.href} className="hover:underline">
              {breadcrumb.label}
            </Link>
          </div>
        )}
        <h1 className="truncate text-xl font-semibold text-slate-900">{title}</h1>
        {description && <p className="mt-1 text-sm text-slate-500">{description}</p>}
      </div>
      {actions && <div className="flex items-center gap-2">{actions}</div>}
    </div>
  );
}

/** The white panel pages put their tables and forms in. */
export function Card({ children, className }: { children: ReactNode; className?: string }) {
  return <section className={`rounded-lg border border-slate-200 bg-white shadow-xs ${className ?? ''}`}>{children}</section>;
}
