import { useEffect } from 'react';
import type { FieldErrors } from '@/lib/errors';

/** After errors are shown, moves the focus to the first invalid control so the user lands on what to fix. */
export function useFocusFirstError(errors: FieldErrors, container: React.RefObject<HTMLElement | null>) {
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    container.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors, container]);
}
