import type { ReactNode } from 'react';
import { buttonClass } from './button';

/** A GET form of list filters: submitting puts them in the URL, so the server renders the filtered page. */
export function FilterBar({ children, resetHref }: { children: ReactNode; resetHref: string }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3" role="search">
      {children}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass('primary', 'md')}>
          Search
        </button>
        <a href={resetHref} className={buttonClass('secondary', 'md')}>
          Reset
        </a>
      </div>
    </form>
  );
}

export function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-40 flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}
