'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { useToast } from '@/components/ui/toast';
import { useSchemaForm } from '@/components/ui/use-schema-form';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import type { ActionResult } from '@/lib/errors';
import { API_KEY_ROLES, createApiKeySchema, type CreateApiKeyInput } from '@/lib/validation/api-keys';

const EMPTY = { name: '', role: 'developer' };
const ROLE_OPTIONS = API_KEY_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** "Create API Key": `createApiKey` is the server action that creates it and answers the key once. */
export function CreateApiKeyButton({
  createApiKey,
}: {
  createApiKey: (input: CreateApiKeyInput) => Promise<ActionResult<{ name: string; key: string }>>;
}) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(EMPTY);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const toast = useToast();
  const { errors, formError, pending, onSubmit, reset } = useSchemaForm(createApiKeySchema, createApiKey, setCreated);

  function close() {
    // The key lives only in this dialog: closing it forgets the key for good.
    setOpen(false);
    setCreated(null);
    setValues(EMPTY);
    reset();
  }

  async function copy(key: string) {
    try {
      await navigator.clipboard.writeText(key);
      toast.show('The key was copied.');
    } catch {
      toast.show('Copying was refused by the browser: select the key and copy it by hand.', 'error');
    }
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>Create API Key</Button>
      <Dialog open={open} onClose={close} title={created ? 'API key created' : 'Create API Key'}>
        {created ? (
          <div className="flex flex-col gap-4">
            <p>
              The key <strong>{created.name}</strong> is ready. Copy it now and store it somewhere safe:{' '}
              <strong>you will not see it again</strong>.
            </p>
            <Field id="api-key-value" label="API key">
              <div className="flex gap-2">
                <Input id="api-key-value" readOnly value={created.key} className="font-mono text-xs" onFocus={(e) => e.target.select()} />
                <Button variant="secondary" onClick={() => copy(created.key)}>
                  Copy
                </Button>
              </div>
            </Field>
            <p className="text-slate-500">
              Scripts send it as <code className="rounded bg-slate-100 px-1 text-xs">Authorization: Bearer &lt;key&gt;</code>.
            </p>
            <div className="flex justify-end">
              <Button onClick={close}>Done</Button>
            </div>
          </div>
        ) : (
          <form onSubmit={onSubmit(values)} className="flex flex-col gap-4" noValidate>
            <Field id="api-key-name" label="Name" required hint="What the key is for, e.g. the script or pipeline using it." errors={errors.name}>
              <Input id="api-key-name" value={values.name} onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))} invalid={!!errors.name} />
            </Field>
            <Field id="api-key-role" label="Role" required hint="Developer: manage firmware and jobs. Viewer: read only." errors={errors.role}>
              <Select id="api-key-role" value={values.role} onChange={(e) => setValues((v) => ({ ...v, role: e.target.value }))} options={ROLE_OPTIONS} />
            </Field>
            {formError && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{formError}</p>}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" pending={pending}>
                Create
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
