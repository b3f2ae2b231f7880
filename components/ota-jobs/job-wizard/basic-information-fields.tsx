'use client';

import Link from 'next/link';
import { describedBy, Field, FieldErrors } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { FieldErrors as Errors } from '@/lib/errors';
import {
  FIRMWARE_STATUS_LABELS,
  JOB_TYPE_LABELS,
  UPGRADE_METHOD_LABELS,
  UPGRADE_METHODS,
  type FirmwareStatus,
  type UpgradeMethod,
} from '@/lib/ota/states';
import { jobTypeForFirmware } from '@/lib/ota/verification';
import { RadioCards } from './radio-cards';

export type FirmwareChoice = {
  id: number;
  name: string;
  version: string;
  status: FirmwareStatus;
  productName: string | null;
  maxVerifyDevices: number;
  minVerifySuccesses: number;
};

export type BasicValues = { name: string; firmwareId: string; method: UpgradeMethod };

/** "Name (version)", and for firmware that must be verified first its status and the job it gets. */
function firmwareLabel(f: FirmwareChoice): string {
  const label = `${f.name} (${f.version})`;
  return jobTypeForFirmware(f.status) === 'verification' ? `${label} — ${FIRMWARE_STATUS_LABELS[f.status]} (verification)` : label;
}

const SNAPSHOT_ONLY = ['snapshot'] as const;

const METHOD_HINTS: Record<UpgradeMethod, string> = {
  snapshot: 'The devices in scope when the job is created; devices that qualify later are not added.',
  incremental: 'Stays open: devices that qualify later (new, reporting a matching version, newly tagged) join while the job runs.',
};

/**
 * Step 1, "Basic Information": the job's name, its firmware (product and type follow from it) and method. A
 * verification job (Unverified or Verification Failed firmware) is always a Snapshot.
 */
export function BasicInformationFields({
  values,
  onChange,
  errors,
  firmware,
}: {
  values: BasicValues;
  onChange: (patch: Partial<BasicValues>) => void;
  errors: Errors;
  firmware: FirmwareChoice[];
}) {
  const chosen = firmware.find((f) => String(f.id) === values.firmwareId);
  const type = chosen ? jobTypeForFirmware(chosen.status) : null;
  const methods = type === 'verification' ? SNAPSHOT_ONLY : UPGRADE_METHODS;
  return (
    <div className="flex flex-col gap-5">
      <Field id="job-name" label="Job Name" required errors={errors.name} hint="1 to 64 characters">
        <Input
          id="job-name"
          value={values.name}
          onChange={(e) => onChange({ name: e.target.value })}
          invalid={!!errors.name}
          aria-describedby={describedBy('job-name', { hint: true, errors: errors.name })}
          autoComplete="off"
        />
      </Field>
      <Field
        id="job-firmware"
        label="Firmware Name"
        required
        errors={errors.firmwareId}
        hint={
          firmware.length === 0 ? (
            <>
              No firmware can be used by a job yet. <Link href="/firmware" className="text-brand-700 hover:underline">Go to Firmware Management</Link>.
            </>
          ) : (
            'Verified or No Need firmware upgrades devices; Unverified or Verification Failed firmware is first verified on a few chosen devices.'
          )
        }
      >
        <Select
          id="job-firmware"
          value={values.firmwareId}
          onChange={(e) => onChange({ firmwareId: e.target.value })}
          placeholder="Choose a firmware"
          options={firmware.map((f) => ({ value: String(f.id), label: firmwareLabel(f) }))}
          invalid={!!errors.firmwareId}
          aria-describedby={describedBy('job-firmware', { hint: true, errors: errors.firmwareId })}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="job-product" label="Product" hint={chosen && !chosen.productName ? 'This firmware has no product: it can target any device.' : undefined}>
          <Input
            id="job-product"
            readOnly
            value={chosen ? (chosen.productName ?? 'Any product') : ''}
            placeholder="Filled from the firmware"
            aria-describedby={describedBy('job-product', { hint: true })}
          />
        </Field>
        <Field id="job-type" label="Type" hint="Derived from the firmware's status.">
          <Input
            id="job-type"
            readOnly
            value={type ? JOB_TYPE_LABELS[type] : ''}
            placeholder="Filled from the firmware"
            aria-describedby={describedBy('job-type', { hint: true })}
          />
        </Field>
      </div>
      <div className="flex flex-col gap-1">
        <RadioCards
          name="job-method"
          legend="Upgrade Method"
          options={methods.map((m) => ({ value: m, label: UPGRADE_METHOD_LABELS[m], hint: METHOD_HINTS[m] }))}
          value={values.method}
          onChange={(method) => onChange({ method })}
          className="sm:grid-cols-2"
          describedBy={describedBy('job-method', { errors: errors.method })}
        />
        <FieldErrors id="job-method" errors={errors.method} />
      </div>
    </div>
  );
}
