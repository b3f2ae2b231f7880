'use client';

import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/errors';

/**
 * A row action behind a ConfirmDialog: `ask(row)` opens the dialog, `confirm` runs the action; a refusal is shown
 * inside the dialog (`error`), success closes it and calls `onDone`.
 */
export function useConfirmedAction<R>(action: (row: R) => Promise<ActionResult<unknown>>, onDone: (row: R) => void) {
  const [target, setTarget] = useState<R | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function ask(row: R) {
    setError(null);
    setTarget(row);
  }

  function confirm() {
    if (!target) return;
    startTransition(async () => {
      const res = await action(target);
      if (!res.ok) {
        setError(res.message);
        return;
      }
      onDone(target);
      setTarget(null);
    });
  }

  return { target, error, pending, ask, confirm, cancel: () => setTarget(null) };
}
