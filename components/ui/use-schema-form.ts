'use client';

import { useState, useTransition, type FormEvent } from 'react';
import type { z } from 'zod';
import { zodFieldErrors, type ActionResult, type FieldErrors } from '@/lib/errors';

/**
 * The submit of a small dialog form: the values are checked with the action's own schema in the browser, then sent;
 * field errors (the browser's or the server's) go next to their fields, any other refusal to `formError`.
 */
export function useSchemaForm<S extends z.ZodType, T>(
  schema: S,
  action: (input: z.output<S>) => Promise<ActionResult<T>>,
  onDone: (data: T) => void,
) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  /** The form's onSubmit for the current values. */
  const onSubmit = (values: unknown) => (e: FormEvent) => {
    e.preventDefault();
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    setFormError(null);
    startTransition(async () => {
      const res = await action(parsed.data);
      if (!res.ok) {
        setErrors(res.fieldErrors ?? {});
        setFormError(res.fieldErrors ? null : res.message);
        return;
      }
      onDone(res.data);
    });
  };

  function reset() {
    setErrors({});
    setFormError(null);
  }

  return { errors, formError, pending, onSubmit, reset };
}
