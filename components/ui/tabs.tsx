'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { cn } from '@/lib/ui/cn';

export type TabItem = { key: string; label: ReactNode; count?: number; href?: string };

/** Tabs as links (when items carry href, so the tab is in the URL) or as buttons calling onSelect. */
export function Tabs({
  items,
  active,
  onSelect,
  label,
}: {
  items: TabItem[];
  active: string;
  onSelect?: (key: string) => void;
  label: string;
}) {
  return (
    <div role="tablist" aria-label={label} className="flex gap-1 overflow-x-auto border-b border-slate-200">
      {items.map((t) => {
        const selected = t.key === active;
        const className = cn(
          '-mb-px inline-flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap',
          selected ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900',
        );
        const content = (
          <>
            {t.label}
            {t.count !== undefined && (
              <span className={cn('rounded-full px-1.5 text-xs', selected ? 'bg-brand-50' : 'bg-slate-100')}>
                {t.count.toLocaleString('en-US')}
              </span>
            )}
          </>
        );
        return t.href ? (
          <Link key={t.key} role="tab" aria-selected={selected} href={t.href} className={className} scroll={false}>
            {content}
          </Link>
        ) : (
          <button key={t.key} role="tab" type="button" aria-selected={selected} onClick={() => onSelect?.(t.key)} className={className}>
            {content}
          </button>
        );
      })}
    </div>
  );
}
