'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type ReactNode } from 'react';
import { useHydrated } from '@/components/firmware/use-hydrated';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/errors';
import type { JobStatus } from '@/lib/ota/states';

type Control = 'start' | 'stop' | 'delete';

const CONFIRM: Record<Control, { title: string; label: string; done: string }> = {
  start: { title: 'Start Job', label: 'Start', done: 'started' },
  stop: { title: 'Stop Job', label: 'Stop', done: 'stopped' },
  delete: { title: 'Delete Job', label: 'Delete', done: 'deleted' },
};

/** The server actions behind the controls (the page passes them in). */
export type JobControlActions = Record<Control, (input: { jobId: number }) => Promise<ActionResult<void>>>;

/**
 * "Start" / "Stop" / "Delete" of one job, each behind a confirmation; a refusal (e.g. deleting a running job) is
 * shown in the dialog with the server's reason. Only the controls the user's role allows are rendered.
 */
export function JobControls({
  job,
  actions,
  canControl,
  canDelete,
  variant = 'link',
  onChanged,
  afterDelete,
}: {
  job: { id: number; name: string; status: JobStatus; totalTasks: number };
  actions: JobControlActions;
  canControl: boolean;
  canDelete: boolean;
  /** Link-style buttons in table rows, solid ones in a page header. */
  variant?: 'link' | 'solid';
  /** Called after a successful start or stop (the page refetches what it shows). */
  onChanged?: () => void;
  /** Where to go once the job is deleted; otherwise the current page refreshes. */
  afterDelete?: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const hydrated = useHydrated();
  const [opened, setOpen] = useState<Control | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const controls: Control[] = [];
  if (canControl && (job.status === 'not_started' || job.status === 'stopped')) controls.push('start');
  if (canControl && job.status === 'running') controls.push('stop');
  if (canDelete) controls.push('delete');
  if (!controls.length) return null;

  function confirm(control: Control) {
    startTransition(async () => {
      const res = await actions[control]({ jobId: job.id });
      if (!res.ok) {
        setError(res.message);
        return;
      }
      setOpen(null);
      toast.show(`Job ${job.name} was ${CONFIRM[control].done}.`);
      if (control === 'delete' && afterDelete) router.push(afterDelete);
      else if (control !== 'delete') onChanged?.();
    });
  }

  const messages: Record<Control, ReactNode> = {
    start: (
      <p>
        Start job <strong>{job.name}</strong>? Its devices are pushed the firmware as its strategy allows (concurrency and schedule).
      </p>
    ),
    stop: (
      <p>
        Stop job <strong>{job.name}</strong>? No new pushes are sent while it is stopped; devices already upgrading may still report
        their result. You can start it again later.
      </p>
    ),
    delete: (
      <p>
        Delete job <strong>{job.name}</strong> with its {job.totalTasks.toLocaleString('en-US')} device records and their timelines?
        This cannot be undone.
      </p>
    ),
  };

  return (
    <span className="inline-flex items-center gap-3">
      {controls.map((control) => {
        const open = () => {
          setError(null);
          setOpen(control);
        };
        return variant === 'link' ? (
          // Plain text buttons: a table row has no room for padded ones.
          <button
            key={control}
            type="button"
            disabled={!hydrated}
            onClick={open}
            className={`text-sm font-medium hover:underline disabled:opacity-50 ${control === 'delete' ? 'text-red-600 hover:text-red-700' : 'text-brand-700'}`}
          >
            {CONFIRM[control].label}
          </button>
        ) : (
          <Button key={control} variant={control === 'delete' ? 'danger' : control === 'start' ? 'primary' : 'secondary'} disabled={!hydrated} onClick={open}>
            {CONFIRM[control].label}
          </Button>
        );
      })}
      {/* The dialog sits in the DOM where the buttons are: a table cell's nowrap and alignment must not reach it. */}
      <span className="contents text-left whitespace-normal">
        <ConfirmDialog
          open={opened !== null}
          title={opened ? CONFIRM[opened].title : ''}
          message={opened ? messages[opened] : null}
          confirmLabel={opened ? CONFIRM[opened].label : ''}
          danger={opened === 'delete' || opened === 'stop'}
          pending={pending}
          error={error}
          onCancel={() => setOpen(null)}
          onConfirm={() => opened && confirm(opened)}
        />
      </span>
    </span>
  );
}
