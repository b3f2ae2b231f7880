'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button, ButtonLink } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/errors';

const EXAMPLE = `productKey,deviceKey,name,firmwareVersion,attr:region,attr:hardwareRevision,tag:site
smart-meter,mtr-0500,Smart Meter 0500,3.0.1,north,2,site-a`;

/** "Import Devices": `importDevices` is the server action that imports the pasted or chosen CSV/JSON text. */
export function ImportDevicesForm({ importDevices }: { importDevices: (text: string) => Promise<ActionResult<{ imported: number }>> }) {
  const router = useRouter();
  const toast = useToast();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [pending, startTransition] = useTransition();

  async function onFile(file: File | undefined) {
    if (!file) return;
    setText(await file.text());
    setErrors([]);
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    startTransition(async () => {
      const res = await importDevices(text);
      if (!res.ok) {
        setErrors(res.fieldErrors?.file ?? [res.message]);
        return;
      }
      toast.show(`${res.data.imported} devices were imported.`);
      router.push('/devices');
    });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <Field id="import-file" label="File" hint="A .csv or .json file; its content appears below, where you can edit it.">
        <input
          id="import-file"
          type="file"
          accept=".csv,.json,text/csv,application/json"
          onChange={(e) => onFile(e.target.files?.[0])}
          className="text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
        />
      </Field>
      <Field id="import-text" label="Devices (CSV or JSON)" errors={errors.length ? ['Nothing was imported: fix these rows and try again.'] : undefined}>
        <Textarea
          id="import-text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          invalid={errors.length > 0}
          className="min-h-56 font-mono text-xs"
          placeholder={EXAMPLE}
          spellCheck={false}
        />
      </Field>
      {errors.length > 0 && (
        <ul className="list-disc rounded-md bg-red-50 py-2 pr-3 pl-8 text-sm text-red-700" data-testid="import-errors">
          {errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <div className="rounded-md bg-slate-50 p-3 text-xs text-slate-600">
        <p className="font-medium text-slate-700">Format</p>
        <p className="mt-1">
          CSV: a header row with <code>productKey</code>, <code>deviceKey</code>, <code>name</code>, and optionally{' '}
          <code>deviceSecret</code> (generated when empty), <code>firmwareVersion</code>, <code>attr:&lt;name&gt;</code> columns
          (numbers become numeric attributes) and <code>tag:&lt;key&gt;</code> columns. JSON: an array of{' '}
          <code>{'{productKey, deviceKey, name, deviceSecret?, firmwareVersion?, attributes?, tags?}'}</code>. At most 10,000
          devices per import.
        </p>
      </div>
      <div className="flex justify-end gap-2">
        <ButtonLink href="/devices" variant="secondary">
          Cancel
        </ButtonLink>
        <Button type="submit" pending={pending} disabled={!text.trim()}>
          Import
        </Button>
      </div>
    </form>
  );
}
