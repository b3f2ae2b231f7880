import type { ReactNode } from 'react';

export function EmptyState({ title, description, action }: { title: string; description?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center gap-2 px-6 py-14 text-center">
      <svg aria-hidden viewBox="0 0 48 48" className="size-12 text-slate-300" fill="none" stroke="currentColor" strokeWidth="2">
        <rect x="8" y="12" width="32" height="26" rx="3" />
        <path d="M8 20h32M18 28h12" />
      </svg>
      <p className="text-sm font-medium text-slate-700">{title}</p>
      {description && <p className="max-w-md text-sm text-slate-500">{description}</p>}
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}
