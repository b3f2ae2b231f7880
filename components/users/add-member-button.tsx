'use client';

import { useState, useTransition } from 'react';
import { addMemberAction } from '@/app/(console)/users/actions';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { useToast } from '@/components/ui/toast';
import type { FieldErrors } from '@/lib/errors';
import { addMemberSchema } from '@/lib/validation/members';
import { zodFieldErrors } from '@/lib/errors';
import { ROLE_OPTIONS } from './role-options';

const EMPTY = { email: '', name: '', password: '', role: 'developer' };

export function AddMemberButton() {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const toast = useToast();

  const set = (k: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = addMemberSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    setFormError(null);
    startTransition(async () => {
      const res = await addMemberAction(parsed.data);
      if (!res.ok) {
        setErrors(res.fieldErrors ?? {});
        setFormError(res.fieldErrors ? null : res.message);
        return;
      }
      toast.show(`${res.data.email} was added.`);
      setValues(EMPTY);
      setOpen(false);
    });
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>Add User</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Add User">
        <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
          <Field id="member-email" label="Email" required errors={errors.email}>
            <Input id="member-email" type="email" value={values.email} onChange={set('email')} invalid={!!errors.email} />
          </Field>
          <Field id="member-name" label="Name" required errors={errors.name}>
            <Input id="member-name" value={values.name} onChange={set('name')} invalid={!!errors.name} />
          </Field>
          <Field
            id="member-password"
            label="Initial Password"
            hint="Needed for a new account; an existing user keeps their password."
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
