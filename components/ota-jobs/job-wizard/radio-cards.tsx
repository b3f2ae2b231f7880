'use client';

import { cn } from '@/lib/ui/cn';

export type RadioCard<T extends string> = { value: T; label: string; hint: string };

/** A choice of one option shown as cards, each a radio with its label and a one-line explanation. */
export function RadioCards<T extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  className,
  describedBy,
}: {
  name: string;
  legend: string;
  options: readonly RadioCard<T>[];
  value: T;
  onChange: (value: T) => void;
  className: string;
  /** The ids of the group's messages (see describedBy of components/ui/field). */
  describedBy?: string;
}) {
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={describedBy}>
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      <div className={cn('grid gap-2', className)}>
        {options.map((o) => {
          const id = `${name}-${o.value}`;
          const checked = value === o.value;
          return (
            <label
              key={o.value}
              htmlFor={id}
              className={cn(
                'flex cursor-pointer flex-col gap-1 rounded-md border px-3 py-2 text-sm',
                checked ? 'border-brand-500 bg-brand-50 ring-1 ring-brand-500' : 'border-slate-300 bg-white hover:bg-slate-50',
              )}
            >
              <span className="inline-flex items-center gap-2 font-medium text-slate-800">
                <input id={id} type="radio" name={name} className="accent-brand-600" checked={checked} onChange={() => onChange(o.value)} />
                {o.label}
              </span>
              <span className="text-xs text-slate-500">{o.hint}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
