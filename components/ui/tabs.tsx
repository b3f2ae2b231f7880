'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { cn } from '@/lib/ui/cn';

export type TabItem = { key: string; label: ReactNode; count?: number; href?: string };

const tabId = (id: string, key: string) => `${id}-tab-${key}`;
const panelId = (id: string) => `${id}-panel`;

/**
 * Tabs as links (when items carry href, so the tab is in the URL) or as buttons calling onSelect. The active tab
 * controls the TabPanel given the same `id`, which shows its content.
 */
export function Tabs({
  id,
  items,
  active,
  onSelect,
  label,
}: {
  id: string;
  items: TabItem[];
  active: string;
  onSelect?: (key: string) => void;
  label: string;
}) {
  return (
    <div role="tablist" aria-label={label} className="flex gap-1 overflow-x-auto border-b border-slate-200">
      {items.map((t) => {
        const selected = t.key === active;
        const aria = { id: tabId(id, t.key), role: 'tab', 'aria-selected': selected, 'aria-controls': selected ? panelId(id) : undefined };
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
          <Link key={t.key} {...aria} href={t.href} className={className} scroll={false}>
            {content}
          </Link>
        ) : (
          <button key={t.key} {...aria} type="button" onClick={() => onSelect?.(t.key)} className={className}>
            {content}
          </button>
        );
      })}
    </div>
  );
}

/** The content of the active tab of the Tabs with this `id`. */
export function TabPanel({ id, active, children, className }: { id: string; active: string; children: ReactNode; className?: string }) {
  return (
    <div role="tabpanel" id={panelId(id)} aria-labelledby={tabId(id, active)} className={className}>
      {children}
    </div>
  );
}
