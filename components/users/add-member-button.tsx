'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { useToast } from '@/components/ui/toast';
import { useSchemaForm } from '@/components/ui/use-schema-form';
import type { ActionResult } from '@/lib/errors';
import { addMemberSchema, type AddMemberInput } from '@/lib/validation/members';
import { ROLE_OPTIONS } from './role-options';

const EMPTY = { email: '', name: '', password: '', role: 'developer' };

/** "Add User": `addMember` is the server action that adds the member. */
export function AddMemberButton({ addMember }: { addMember: (input: AddMemberInput) => Promise<ActionResult<{ email: string }>> }) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(EMPTY);
  const toast = useToast();
  const { errors, formError, pending, onSubmit } = useSchemaForm(addMemberSchema, addMember, (data) => {
    toast.show(`${data.email} was added.`);
    setValues(EMPTY);
    setOpen(false);
  });

  const set = (k: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));

  return (
    <>
      <Button onClick={() => setOpen(true)}>Add User</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Add User">
        <form onSubmit={onSubmit(values)} className="flex flex-col gap-4" noValidate>
          <Field id="member-email" label="Email" required errors={errors.email}>
            <Input id="member-email" type="email" value={values.email} onChange={set('email')} invalid={!!errors.email} />
          </Field>
          <Field id="member-name" label="Name" required errors={errors.name}>
            <Input id="member-name" value={values.name} onChange={set('name')} invalid={!!errors.name} />
          </Field>
          <Field
            id="member-password"
            label="Initial Password"
            hint="Sets the password of a new account; a user who already has one keeps their own."
            errors={errors.password}
          >
            <Input id="member-password" type="password" value={values.password} onChange={set('password')} invalid={!!errors.password} autoComplete="new-password" />
          </Field>
          <Field id="member-role" label="Role" required errors={errors.role}>
            <Select id="member-role" value={values.role} onChange={set('role')} options={ROLE_OPTIONS} />
          </Field>
          {formError && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{formError}</p>}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={pending}>
              Add
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
