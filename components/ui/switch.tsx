'use client';

import { cn } from '@/lib/ui/cn';

/** An on/off toggle (role="switch"); `name` posts "true"/"false" with forms; `describedBy` links its hint and errors. */
export function Switch({
  id,
  checked,
  onChange,
  disabled,
  name,
  label,
  describedBy,
}: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  name?: string;
  label?: string;
  describedBy?: string;
}) {
  return (
    <span className="inline-flex items-center gap-2">
      <button
        id={id}
        type="button"
        role="switch"
        aria-checked={checked}
        aria-label={label}
        aria-describedby={describedBy}
        disabled={disabled}
        onClick={() => onChange(!checked)}
        className={cn(
          'relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors',
          'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500',
          'disabled:cursor-not-allowed disabled:opacity-50',
          checked ? 'bg-brand-600' : 'bg-slate-300',
        )}
      >
        <span
          className={cn(
            'inline-block size-4 rounded-full bg-white shadow transition-transform',
            checked ? 'translate-x-4.5' : 'translate-x-0.5',
          )}
        />
      </button>
      {name && <input type="hidden" name={name} value={checked ? 'true' : 'false'} />}
      <span className="text-sm text-slate-600">{checked ? 'On' : 'Off'}</span>
    </span>
  );
}
