'use client';

import { LocalTime } from '@/components/ota-jobs/local-time';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { DataTable } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import type { ActionResult } from '@/lib/errors';
import type { ApiKeyRow } from '@/lib/services/api-keys';

const NOWRAP = 'whitespace-nowrap';

/** The OU's API keys; `revokeApiKey` is the server action behind "Revoke". */
export function ApiKeysTable({ keys, revokeApiKey }: { keys: ApiKeyRow[]; revokeApiKey: (input: { apiKeyId: number }) => Promise<ActionResult<void>> }) {
  const toast = useToast();
  const revoke = useConfirmedAction(
    (k: ApiKeyRow) => revokeApiKey({ apiKeyId: k.id }),
    (k) => toast.show(`${k.name} was revoked.`),
  );

  return (
    <>
      <DataTable
        caption="API keys"
        rows={keys}
        rowKey={(k) => k.id}
        empty={<EmptyState title="No API keys yet" description="Create a key to let a script upload firmware and run OTA jobs." />}
        columns={[
          { key: 'name', header: 'Name', className: NOWRAP, cell: (k) => <span className="font-medium text-slate-900">{k.name}</span> },
          { key: 'prefix', header: 'Key', cell: (k) => <code className="text-xs text-slate-600">ota_{k.prefix}_…</code> },
          { key: 'role', header: 'Role', cell: (k) => ROLE_LABELS[k.role] },
          { key: 'createdBy', header: 'Created By', className: NOWRAP, cell: (k) => k.createdByName ?? '—' },
          { key: 'created', header: 'Created', className: NOWRAP, cell: (k) => <LocalTime ms={k.createdAt} /> },
          { key: 'lastUsed', header: 'Last Used', className: NOWRAP, cell: (k) => (k.lastUsedAt === null ? <span className="text-slate-400">Never</span> : <LocalTime ms={k.lastUsedAt} />) },
          {
            key: 'status',
            header: 'Status',
            className: NOWRAP,
            cell: (k) => (k.revokedAt === null ? <Badge tone="green">Active</Badge> : <Badge tone="gray">Revoked</Badge>),
          },
          {
            key: 'actions',
            header: <span className="sr-only">Actions</span>,
            cell: (k) =>
              k.revokedAt === null && (
                <Button
                  variant="link"
                  size="sm"
                  aria-label={`Revoke ${k.name}`}
                  onClick={() => revoke.ask(k)}
                >
                  Revoke
                </Button>
              ),
          },
        ]}
      />
      <ConfirmDialog
        open={revoke.target !== null}
        title="Revoke API key"
        message={<>Revoke <strong>{revoke.target?.name}</strong>? Scripts using it are refused from the next request on. This cannot be undone.</>}
        confirmLabel="Revoke"
        danger
        pending={revoke.pending}
        error={revoke.error}
        onConfirm={revoke.confirm}
        onCancel={revoke.cancel}
      />
    </>
  );
}
