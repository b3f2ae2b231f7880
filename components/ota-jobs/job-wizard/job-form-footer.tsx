import type { ReactNode } from 'react';
import { ButtonLink } from '@/components/ui/button';

/** The end of a job form: a refusal that names no field, "Cancel", and the form's own buttons. */
export function JobFormFooter({ formError, cancelHref, children }: { formError: string | null; cancelHref: string; children: ReactNode }) {
  return (
    <>
      {formError && (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="form-error">
          {formError}
        </p>
      )}
      <div className="flex items-center justify-between gap-2 border-t border-slate-200 pt-4">
        <ButtonLink href={cancelHref} variant="secondary">
          Cancel
        </ButtonLink>
        <div className="flex gap-2">{children}</div>
      </div>
    </>
  );
}
