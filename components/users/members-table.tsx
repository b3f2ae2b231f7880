'use client';

import { useState, useTransition } from 'react';
import { changeRoleAction, removeMemberAction } from '@/app/(console)/users/actions';
import { LocalTime } from '@/components/ota-jobs/local-time';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { Select } from '@/components/ui/select';
import { DataTable } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import type { Role } from '@/lib/auth/permissions';
import { ROLE_OPTIONS } from './role-options';

type Member = { userId: number; email: string; name: string; role: Role; createdAt: number };

export function MembersTable({ members, currentUserId }: { members: Member[]; currentUserId: number | null }) {
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [removing, setRemoving] = useState<Member | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  function changeRole(m: Member, role: string) {
    startTransition(async () => {
      const res = await changeRoleAction({ userId: m.userId, role });
      toast.show(res.ok ? `${m.email} is now ${ROLE_OPTIONS.find((o) => o.value === role)?.label}.` : res.message, res.ok ? 'success' : 'error');
    });
  }

  function confirmRemove() {
    if (!removing) return;
    startTransition(async () => {
      const res = await removeMemberAction({ userId: removing.userId });
      if (!res.ok) {
        setRemoveError(res.message);
        return;
      }
      toast.show(`${removing.email} was removed.`);
      setRemoving(null);
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
                disabled={pending}
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
                onClick={() => {
                  setRemoveError(null);
                  setRemoving(m);
                }}
              >
                Remove
              </Button>
            ),
          },
        ]}
      />
      <ConfirmDialog
        open={removing !== null}
        title="Remove member"
        message={<>Remove <strong>{removing?.email}</strong> from this organization? They lose access to its data at once.</>}
        confirmLabel="Remove"
        danger
        pending={pending}
        error={removeError}
        onConfirm={confirmRemove}
        onCancel={() => setRemoving(null)}
      />
    </>
  );
}
