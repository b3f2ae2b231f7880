'use client';

import { useTransition } from 'react';
import { LocalTime } from '@/components/ota-jobs/local-time';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { Select } from '@/components/ui/select';
import { DataTable } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import type { Role } from '@/lib/auth/permissions';
import type { ActionResult } from '@/lib/errors';
import { ROLE_OPTIONS } from './role-options';

type Member = { userId: number; email: string; name: string; role: Role; createdAt: number };

/** The OU's members; `changeRole` and `removeMember` are the server actions behind the row controls. */
export function MembersTable({
  members,
  currentUserId,
  changeRole: changeRoleAction,
  removeMember,
}: {
  members: Member[];
  currentUserId: number | null;
  changeRole: (input: { userId: number; role: string }) => Promise<ActionResult<void>>;
  removeMember: (input: { userId: number }) => Promise<ActionResult<void>>;
}) {
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const remove = useConfirmedAction(
    (m: Member) => removeMember({ userId: m.userId }),
    (m) => toast.show(`${m.email} was removed.`),
  );

  function changeRole(m: Member, role: string) {
    startTransition(async () => {
      const res = await changeRoleAction({ userId: m.userId, role });
      toast.show(res.ok ? `${m.email} is now ${ROLE_OPTIONS.find((o) => o.value === role)?.label}.` : res.message, res.ok ? 'success' : 'error');
    });
  }

  return (
    <>
      <DataTable
        caption="Members"
        rows={members}
        rowKey={(m) => m.userId}
        columns={[
          {
            key: 'email',
            header: 'Email',
            cell: (m) => (
              <span>
                {m.email}
                {m.userId === currentUserId && <span className="ml-2 text-xs text-slate-400">(you)</span>}
              </span>
            ),
          },
          { key: 'name', header: 'Name', cell: (m) => m.name },
          {
            key: 'role',
            header: 'Role',
            cell: (m) => (
              <Select
                aria-label={`Role of ${m.email}`}
                value={m.role}
                disabled={pending || remove.pending}
                onChange={(e) => changeRole(m, e.target.value)}
                options={ROLE_OPTIONS}
                className="w-44"
              />
            ),
          },
          { key: 'added', header: 'Added', cell: (m) => <LocalTime ms={m.createdAt} /> },
          {
            key: 'actions',
            header: <span className="sr-only">Actions</span>,
            cell: (m) => (
              <Button
                variant="link"
                size="sm"
                aria-label={`Remove ${m.email}`}
                onClick={() => remove.ask(m)}
              >
                Remove
              </Button>
            ),
          },
        ]}
      />
      <ConfirmDialog
        open={remove.target !== null}
        title="Remove member"
        message={<>Remove <strong>{remove.target?.email}</strong> from this organization? They lose access to its data at once.</>}
        confirmLabel="Remove"
        danger
        pending={remove.pending}
        error={remove.error}
        onConfirm={remove.confirm}
        onCancel={remove.cancel}
      />
    </>
  );
}
