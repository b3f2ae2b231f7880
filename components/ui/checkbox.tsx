import type { InputHTMLAttributes, ReactNode } from 'react';

/**
 * A checkbox with its label; the label is clickable and names the control for screen readers and tests.
 * `labelClassName` restyles the label (e.g. as a chip).
 */
export function Checkbox({
  label,
  labelClassName,
  id,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { label?: ReactNode; labelClassName?: string }) {
  const box = (
    <input
      id={id}
      type="checkbox"
      className="size-4 rounded border-slate-300 text-brand-600 accent-brand-600 focus-visible:outline-2 focus-visible:outline-brand-500"
      {...rest}
    />
  );
  if (!label) return box;
  return (
    <label htmlFor={id} className={labelClassName ?? 'inline-flex cursor-pointer items-center gap-2 text-sm text-slate-700'}>
      {box}
      {label}
    </label>
  );
}
