import type { ReactNode } from 'react';
import { cn } from '@/lib/ui/cn';

/** A labelled form row: the label is bound to the control by id, errors appear right below the control. */
export function Field({
  id,
  label,
  required,
  hint,
  errors,
  children,
  className,
}: {
  id: string;
  label: ReactNode;
  required?: boolean;
  hint?: ReactNode;
  errors?: string[];
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {required && <span className="mr-0.5 text-red-600" aria-hidden>*</span>}
        {label}
      </label>
      {children}
      {hint && !errors?.length && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldErrors id={id} errors={errors} />
    </div>
  );
}

/**
 * The aria-describedby of a control (or fieldset) whose hint and errors carry ids `${id}-hint` and `${id}-error`, as
 * Field and FieldErrors give them; an id whose element is not shown describes nothing.
 */
export function describedBy(id: string, { hint, errors }: { hint?: boolean; errors?: string[] }): string | undefined {
  const ids = [hint && `${id}-hint`, errors?.length && `${id}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={`${id}-error`} className="text-xs text-red-600" data-testid={`${id}-error`}>
      {errors.join(' ')}
    </p>
  );
}

export const controlClass = (invalid?: boolean, className?: string) =>
  cn(
    'h-9 w-full rounded-md border bg-white px-3 text-sm text-slate-800 shadow-xs placeholder:text-slate-400',
    'focus:outline-2 focus:-outline-offset-1 focus:outline-brand-500 disabled:bg-slate-100 disabled:text-slate-500',
    invalid ? 'border-red-500' : 'border-slate-300',
    className,
  );
