import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useToast } from '@/components/ui/toast';
import type { ActionResult, FieldErrors } from '@/lib/errors';

export type CreateJobAction = (input: unknown) => Promise<ActionResult<{ id: number; name: string }>>;

/**
 * What every job form shares: its errors (focusing the first invalid control when they appear), the message of a
 * refusal that names no field, and the send to its create action: on success a toast and the job's details page; on
 * a refusal the server's field errors come back to the caller, and nothing typed is lost.
 */
export function useJobForm(createJob: CreateJobAction) {
  const router = useRouter();
  const toast = useToast();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (Object.keys(errors).length) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  /** Shows these errors (and message) in place of the last ones; true when there are none. */
  function showErrors(found: FieldErrors, message: string | null = null): boolean {
    setErrors(found);
    setFormError(message);
    return Object.keys(found).length === 0 && message === null;
  }

  /** Drops the messages of fields the user has just changed (and of everything below them). */
  function clearErrors(paths: readonly string[]) {
    const stale = (key: string) => paths.some((p) => key === p || key.startsWith(`${p}.`));
    setErrors((current) => (Object.keys(current).some(stale) ? Object.fromEntries(Object.entries(current).filter(([k]) => !stale(k))) : current));
  }

  /** Sends the whole input; returns the server's field errors when it refuses (null once the job exists). */
  async function send(input: unknown): Promise<FieldErrors | null> {
    setBusy(true);
    let created = false;
    try {
      const result = await createJob(input);
      if (result.ok) {
        // The button stays busy while the details page loads, so the job is not created twice.
        created = true;
        toast.show(`Job ${result.data.name} was created.`);
        router.push(`/ota-jobs/${result.data.id}`);
        return null;
      }
      const fieldErrors = result.fieldErrors ?? {};
      showErrors(fieldErrors, Object.keys(fieldErrors).length ? null : result.message);
      return fieldErrors;
    } catch {
      // The request itself failed (network, server restart): the form must stay usable.
      showErrors({}, 'The server did not answer. Check your connection and try again.');
      return {};
    } finally {
      if (!created) setBusy(false);
    }
  }

  return { errors, formError, busy, setBusy, formRef, showErrors, clearErrors, send };
}
