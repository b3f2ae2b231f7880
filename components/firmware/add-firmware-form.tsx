'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { Button, buttonClass } from '@/components/ui/button';
import { Field, FieldErrors } from '@/components/ui/field';
import { Input, Textarea } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Switch } from '@/components/ui/switch';
import { useToast } from '@/components/ui/toast';
import { zodFieldErrors, type FieldErrors as Errors } from '@/lib/errors';
import { SIGN_METHODS, type SignMethod } from '@/lib/ota/states';
import { MAX_VERIFY_DEVICES } from '@/lib/ota/scope';
import { formatBytes } from '@/lib/ui/format';
import {
  createFirmwareSchema,
  fileTooLargeMessage,
  FIRMWARE_FILE_EXTENSIONS,
  MAX_FIRMWARE_TAGS,
  SIGN_METHOD_LABELS,
  type CreateFirmwareFormValues,
} from '@/lib/validation/firmware';
import { uploadFirmware } from './upload-firmware';
import { useHydrated } from './use-hydrated';

type Values = {
  name: string;
  version: string;
  productId: string;
  signMethod: SignMethod;
  description: string;
  verificationRequired: boolean;
  maxVerifyDevices: string;
  minVerifySuccesses: string;
  tags: { key: string; value: string }[];
  expectedHash: string;
};

const INITIAL: Values = {
  name: '',
  version: '',
  productId: '',
  signMethod: 'sha256',
  description: '',
  verificationRequired: true,
  maxVerifyDevices: String(MAX_VERIFY_DEVICES),
  minVerifySuccesses: '1',
  tags: [],
  expectedHash: '',
};

// Where each field's first error sends the focus.
const FIELD_IDS: Record<string, string> = {
  name: 'fw-name',
  version: 'fw-version',
  productId: 'fw-product',
  signMethod: 'fw-sign-method',
  fileName: 'fw-file',
  expectedHash: 'fw-expected-hash',
  description: 'fw-description',
  maxVerifyDevices: 'fw-max-verify',
  minVerifySuccesses: 'fw-min-verify',
};

/** "Add Firmware": validated with the shared schema here, then streamed to POST /api/firmware with progress. */
export function AddFirmwareForm({
  products,
  maxBytes,
}: {
  products: { id: number; name: string; productKey: string }[];
  maxBytes: number;
}) {
  const router = useRouter();
  const toast = useToast();
  const [values, setValues] = useState<Values>(INITIAL);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const abortRef = useRef<(() => void) | null>(null);
  const uploading = progress !== null;
  // A submit before hydration would bypass validation and the upload progress.
  const hydrated = useHydrated();

  const set =
    (key: 'name' | 'version' | 'productId' | 'description' | 'maxVerifyDevices' | 'minVerifySuccesses' | 'expectedHash') =>
    (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setValues((v) => ({ ...v, [key]: e.target.value }));
  const setTag = (index: number, part: 'key' | 'value', value: string) =>
    setValues((v) => ({ ...v, tags: v.tags.map((t, i) => (i === index ? { ...t, [part]: value } : t)) }));

  function toFormValues(): CreateFirmwareFormValues {
    // Hidden verification settings are not the user's choice: send the defaults.
    const verification = values.verificationRequired ? {} : { maxVerifyDevices: INITIAL.maxVerifyDevices, minVerifySuccesses: INITIAL.minVerifySuccesses };
    return { ...values, ...verification, fileName: file?.name ?? '' };
  }

  function showErrors(found: Errors, message: string | null) {
    setErrors(found);
    setFormError(message);
    const first = Object.keys(FIELD_IDS).find((k) => found[k]);
    if (first) document.getElementById(FIELD_IDS[first])?.focus();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (uploading) return;
    const input = toFormValues();
    const parsed = createFirmwareSchema.safeParse(input);
    const found = parsed.success ? {} : zodFieldErrors(parsed.error.issues);
    if (file && file.size > maxBytes) found.fileName = [fileTooLargeMessage(maxBytes)];
    if (Object.keys(found).length > 0) {
      showErrors(found, null);
      return;
    }
    showErrors({}, null);
    const form = new FormData();
    // Text fields go before the file, so the server checks them before it stores a byte.
    for (const [key, value] of Object.entries(input)) {
      if (key !== 'fileName') form.append(key, key === 'tags' ? JSON.stringify(value) : String(value));
    }
    form.append('file', file!);
    setProgress(0);
    const upload = uploadFirmware(form, setProgress);
    abortRef.current = upload.abort;
    const res = await upload.promise;
    abortRef.current = null;
    setProgress(null);
    if (!res.ok) {
      showErrors(res.fieldErrors ?? {}, res.fieldErrors ? null : res.message);
      return;
    }
    toast.show(`Firmware ${values.name.trim()} ${values.version.trim()} was added.`);
    router.push('/firmware');
  }

  const hashLabel = SIGN_METHOD_LABELS[values.signMethod];

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-6">
      {/* Two columns on a wide screen: the whole form fits without scrolling. */}
      <div className="grid gap-x-10 gap-y-6 xl:grid-cols-2">
        <Section title="Basic Information">
          <Field id="fw-name" label="Firmware Name" required errors={errors.name} hint="4–32 characters">
            <Input id="fw-name" value={values.name} onChange={set('name')} invalid={!!errors.name} maxLength={64} autoComplete="off" />
          </Field>
          <div className="grid gap-4 sm:grid-cols-[2fr_3fr]">
            <Field id="fw-version" label="Version" required errors={errors.version} hint="Unique per product, e.g. 1.4.0">
              <Input id="fw-version" value={values.version} onChange={set('version')} invalid={!!errors.version} autoComplete="off" />
            </Field>
            <Field id="fw-product" label="Product" errors={errors.productId} hint="Without a product the firmware can target any device">
              <Select
                id="fw-product"
                value={values.productId}
                onChange={set('productId')}
                invalid={!!errors.productId}
                placeholder="No product (any device)"
                options={products.map((p) => ({ value: String(p.id), label: `${p.name} (${p.productKey})` }))}
              />
            </Field>
          </div>
          <Field id="fw-description" label="Description" errors={errors.description} hint={`${values.description.trim().length}/100 characters; devices can read it`}>
            <Textarea id="fw-description" value={values.description} onChange={set('description')} invalid={!!errors.description} rows={3} />
          </Field>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium text-slate-700">Tags</legend>
            {values.tags.length === 0 && <p className="text-xs text-slate-500">No tags. Tags are key/value pairs, e.g. region = eu.</p>}
            {values.tags.map((tag, i) => (
              <div key={i} className="grid grid-cols-[1fr_1fr_auto] items-start gap-3">
                <Field id={`fw-tag-key-${i}`} label={`Tag ${i + 1} Key`} errors={errors[`tags.${i}.key`]}>
                  <Input id={`fw-tag-key-${i}`} value={tag.key} onChange={(e) => setTag(i, 'key', e.target.value)} invalid={!!errors[`tags.${i}.key`]} />
                </Field>
                <Field id={`fw-tag-value-${i}`} label={`Tag ${i + 1} Value`} errors={errors[`tags.${i}.value`]}>
                  <Input id={`fw-tag-value-${i}`} value={tag.value} onChange={(e) => setTag(i, 'value', e.target.value)} invalid={!!errors[`tags.${i}.value`]} />
                </Field>
                <Button
                  variant="ghost"
                  className="mt-6"
                  aria-label={`Remove tag ${i + 1}`}
                  onClick={() => setValues((v) => ({ ...v, tags: v.tags.filter((_, j) => j !== i) }))}
                >
                  ✕
                </Button>
              </div>
            ))}
            <FieldErrors id="fw-tags" errors={errors.tags} />
            <div>
              <Button
                variant="secondary"
                size="sm"
                disabled={values.tags.length >= MAX_FIRMWARE_TAGS}
                onClick={() => setValues((v) => ({ ...v, tags: [...v.tags, { key: '', value: '' }] }))}
              >
                + Add Tag
              </Button>
            </div>
          </fieldset>
        </Section>

        <div className="flex flex-col gap-6">
          <Section title="File">
            <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
              <Field id="fw-sign-method" label="Signature Algorithm" required errors={errors.signMethod}>
                <Select
                  id="fw-sign-method"
                  value={values.signMethod}
                  onChange={(e) => setValues((v) => ({ ...v, signMethod: e.target.value as SignMethod }))}
                  options={SIGN_METHODS.map((m) => ({ value: m, label: SIGN_METHOD_LABELS[m] }))}
                />
              </Field>
              <Field
                id="fw-file"
                label="Firmware File"
                required
                errors={errors.fileName}
                hint={file ? `${file.name} · ${formatBytes(file.size)}` : `${FIRMWARE_FILE_EXTENSIONS.join(' ')} · up to ${formatBytes(maxBytes)}`}
              >
                <input
                  id="fw-file"
                  type="file"
                  accept={FIRMWARE_FILE_EXTENSIONS.join(',')}
                  onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                  aria-invalid={!!errors.fileName || undefined}
                  aria-describedby={errors.fileName ? 'fw-file-error' : undefined}
                  className="block w-full rounded-md border border-slate-300 bg-white text-sm text-slate-700 file:mr-3 file:h-9 file:border-0 file:border-r file:border-slate-300 file:bg-slate-50 file:px-3 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-100 aria-invalid:border-red-500"
                />
              </Field>
            </div>
            <Field
              id="fw-expected-hash"
              label="Expected Hash"
              errors={errors.expectedHash}
              hint={`Optional. The ${hashLabel} you expect, in hex; the upload is refused if the file's ${hashLabel} differs. The server always computes it.`}
            >
              <Input
                id="fw-expected-hash"
                value={values.expectedHash}
                onChange={set('expectedHash')}
                invalid={!!errors.expectedHash}
                className="font-mono"
                spellCheck={false}
                autoComplete="off"
              />
            </Field>
          </Section>

          <Section title="Verification">
            <Field
              id="fw-verification"
              label="Verification Required"
              hint={
                values.verificationRequired
                  ? 'The firmware starts "Unverified" and must pass a verification job before upgrade jobs can use it.'
                  : 'The firmware is "No Need" and can be used by upgrade jobs at once.'
              }
            >
              <Switch
                id="fw-verification"
                checked={values.verificationRequired}
                onChange={(on) => setValues((v) => ({ ...v, verificationRequired: on }))}
              />
            </Field>
            {values.verificationRequired && (
              <div className="grid gap-4 sm:grid-cols-2">
                <CountField
                  id="fw-max-verify"
                  label="Max Devices for Verification"
                  hint={`1 to ${MAX_VERIFY_DEVICES}`}
                  value={values.maxVerifyDevices}
                  onChange={set('maxVerifyDevices')}
                  errors={errors.maxVerifyDevices}
                />
                <CountField
                  id="fw-min-verify"
                  label="Min Successes to Verify"
                  hint="1 to Max Devices for Verification"
                  value={values.minVerifySuccesses}
                  onChange={set('minVerifySuccesses')}
                  errors={errors.minVerifySuccesses}
                />
              </div>
            )}
          </Section>
        </div>
      </div>

      {formError && (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="form-error">
          {formError}
        </p>
      )}
      {uploading && (
        <div className="flex flex-col gap-1">
          <div className="flex justify-between text-sm text-slate-600">
            <span>{progress < 1 ? 'Uploading…' : 'Checking and storing the file…'}</span>
            <span>{Math.round(progress * 100)}%</span>
          </div>
          <div
            role="progressbar"
            aria-label="Upload progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(progress * 100)}
            className="h-2 overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${progress * 100}%` }} />
          </div>
        </div>
      )}
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
        {uploading ? (
          <Button variant="secondary" onClick={() => abortRef.current?.()}>
            Cancel Upload
          </Button>
        ) : (
          <Link href="/firmware" className={buttonClass('secondary')}>
            Cancel
          </Link>
        )}
        <Button type="submit" pending={uploading} disabled={!hydrated}>
          Upload
        </Button>
      </div>
    </form>
  );
}

function CountField({
  id,
  label,
  hint,
  value,
  onChange,
  errors,
}: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
  errors?: string[];
}) {
  return (
    <Field id={id} label={label} required errors={errors} hint={hint}>
      <Input id={id} type="number" min={1} max={MAX_VERIFY_DEVICES} value={value} onChange={onChange} invalid={!!errors} />
    </Field>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-4">
      <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}
