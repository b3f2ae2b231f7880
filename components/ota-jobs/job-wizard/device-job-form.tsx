'use client';

import { useState, type ReactNode } from 'react';
import { FirmwareStatusBadge } from '@/components/firmware/firmware-status-badge';
import { useHydrated } from '@/components/firmware/use-hydrated';
import { Button } from '@/components/ui/button';
import type { JobType } from '@/lib/ota/states';
import type { DeviceJobFirmware } from '@/lib/services/job-wizard';
import { deviceJobSchema } from '@/lib/validation/ota-job';
import {
  INITIAL_STRATEGY,
  initialScope,
  schemaErrors,
  SCOPE_ERROR_PATHS,
  strategyErrorPaths,
  toScopeInput,
  toStrategyInput,
  type ScopeValues,
  type StrategyValues,
} from './form-values';
import { JobFormLookupsProvider, type JobFormLookups } from './lookups';
import { JobFormFooter } from './job-form-footer';
import { DEVICES_ONLY, ScopeFields } from './scope-fields';
import { StrategyFields } from './strategy-fields';
import { useBrowserTimeZone } from './use-browser-time-zone';
import { useJobForm, type CreateJobAction } from './use-job-form';

/**
 * "Upgrade Device" (type upgrade) and "Verify Firmware" (type verification): a short form over chosen devices of one
 * firmware, built from the wizard's scope and strategy fields. The server names the job after the firmware and time.
 */
export function DeviceJobForm({
  type,
  firmware,
  lookups,
  createJob,
  cancelHref,
}: {
  type: JobType;
  firmware: DeviceJobFirmware;
  lookups: JobFormLookups;
  createJob: CreateJobAction;
  cancelHref: string;
}) {
  return (
    <JobFormLookupsProvider lookups={lookups}>
      <Form type={type} firmware={firmware} createJob={createJob} cancelHref={cancelHref} />
    </JobFormLookupsProvider>
  );
}

function Form({
  type,
  firmware,
  createJob,
  cancelHref,
}: {
  type: JobType;
  firmware: DeviceJobFirmware;
  createJob: CreateJobAction;
  cancelHref: string;
}) {
  const { errors, formError, busy, formRef, showErrors, clearErrors, send } = useJobForm(createJob);
  const hydrated = useHydrated();
  const browserZone = useBrowserTimeZone();
  const [scope, setScope] = useState<ScopeValues>(initialScope('devices'));
  const [strategy, setStrategy] = useState<StrategyValues>(INITIAL_STRATEGY);
  const verification = type === 'verification';

  function changeScope(patch: Partial<ScopeValues>) {
    setScope((s) => ({ ...s, ...patch }));
    clearErrors(SCOPE_ERROR_PATHS);
  }

  function changeStrategy(patch: Partial<StrategyValues>) {
    setStrategy((s) => ({ ...s, ...patch }));
    clearErrors(strategyErrorPaths(patch));
  }

  async function submit() {
    const input = { firmwareId: firmware.id, ...toScopeInput(scope), ...toStrategyInput(strategy, browserZone) };
    if (showErrors(schemaErrors(deviceJobSchema, input))) await send(input);
  }

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submit();
      }}
      className="flex flex-col gap-8"
    >
      <dl className="grid gap-x-6 gap-y-2 rounded-md bg-slate-50 px-4 py-3 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
        <Item label="Firmware Name">{firmware.name}</Item>
        <Item label="Version">
          <span className="font-mono">{firmware.version}</span>
        </Item>
        <Item label="Product">{firmware.productName ?? 'Any product'}</Item>
        <Item label="Status">
          <FirmwareStatusBadge status={firmware.status} />
        </Item>
      </dl>

      <Section title="Upgrade Scope">
        {!verification && (
          <p className="text-sm text-slate-600">Choose the devices to upgrade. Each gets one task; the job is a Snapshot of them.</p>
        )}
        <ScopeFields firmware={firmware} values={scope} onChange={changeScope} errors={errors} scopeTypes={DEVICES_ONLY} verifyOn={verification ? firmware : undefined} />
      </Section>

      <Section title="Upgrade Strategy">
        <StrategyFields
          values={strategy}
          onChange={changeStrategy}
          errors={errors}
          variant={verification ? 'verification' : 'full'}
        />
      </Section>

      <JobFormFooter formError={formError} cancelHref={cancelHref}>
        <Button type="submit" disabled={!hydrated} pending={busy}>
          OK
        </Button>
      </JobFormFooter>
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-4">
      <h2 className="border-b border-slate-200 pb-2 text-base font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-slate-800">{children}</dd>
    </>
  );
}
