'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/errors';
import { useHydrated } from './use-hydrated';

/** "Delete" with a confirmation; a refusal (jobs in flight) is shown inside the dialog. */
export function DeleteFirmwareButton({
  firmware,
  deleteAction,
  variant = 'link',
  redirectTo,
}: {
  firmware: { id: number; name: string; version: string };
  /** The server action that deletes (the page passes deleteFirmwareAction: components never import app/). */
  deleteAction: (input: { firmwareId: number }) => Promise<ActionResult<{ name: string }>>;
  variant?: 'link' | 'danger';
  /** Where to go after deleting (the details page leaves itself); otherwise the current page refreshes. */
  redirectTo?: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  function confirm() {
    startTransition(async () => {
      const res = await deleteAction({ firmwareId: firmware.id });
      if (!res.ok) {
        setError(res.message);
        return;
      }
      setOpen(false);
      toast.show(`Firmware ${res.data.name} was deleted.`);
      if (redirectTo) router.push(redirectTo);
      else router.refresh();
    });
  }

  return (
    <>
      <Button
        variant={variant}
        size="sm"
        className={variant === 'link' ? 'text-red-600 hover:text-red-700' : undefined}
        disabled={!hydrated}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
        aria-label={variant === 'link' ? `Delete ${firmware.name} ${firmware.version}` : undefined}
      >
        Delete
      </Button>
      {/* The dialog sits in the DOM where the button is: a table cell's nowrap and alignment must not reach it. */}
      <span className="contents text-left whitespace-normal">
        <ConfirmDialog
          open={open}
          title="Delete Firmware"
          danger
          confirmLabel="Delete"
          pending={pending}
          error={error}
          onCancel={() => setOpen(false)}
          onConfirm={confirm}
          message={
            <p>
              Delete firmware <strong>{firmware.name}</strong> version <span className="font-mono">{firmware.version}</span>? Its
              finished and stopped jobs and their device records are deleted too. This cannot be undone.
            </p>
          }
        />
      </span>
    </>
  );
}
