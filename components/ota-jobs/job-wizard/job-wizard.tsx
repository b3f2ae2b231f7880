'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Stepper } from '@/components/ui/stepper';
import { useHydrated } from '@/components/firmware/use-hydrated';
import type { FieldErrors as Errors } from '@/lib/errors';
import { basicInformationSchema, upgradeScopeSchema, upgradeStrategySchema } from '@/lib/validation/ota-job';
import { BasicInformationFields, type BasicValues, type FirmwareChoice } from './basic-information-fields';
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
import { JobFormLookupsProvider, useLookups, type JobFormLookups } from './lookups';
import { ScopeFields, type ScopeChoices } from './scope-fields';
import { SCOPE_TYPES as SCOPE_TYPES_ALL } from '@/lib/ota/scope-types';
import { jobTypeForFirmware } from '@/lib/ota/verification';
import { fetchScopePreview } from './scope-preview';
import { JobFormFooter } from './job-form-footer';
import { StrategyFields } from './strategy-fields';
import { useBrowserTimeZone } from './use-browser-time-zone';
import { useJobForm, type CreateJobAction } from './use-job-form';

export const WIZARD_STEPS = ['Basic Information', 'Upgrade Scope', 'Upgrade Strategy'] as const;

// Which step owns a field, by the first segment of its error key.
const STEP_OF_FIELD: Record<string, number> = {
  name: 0,
  firmwareId: 0,
  method: 0,
  fromVersions: 1,
  scope: 1,
  maxConcurrency: 2,
  timeoutMinutes: 2,
  retryEnabled: 2,
  retryIntervalMinutes: 2,
  maxRetries: 2,
  schedule: 2,
  repeatDaily: 2,
  deviceRequestEnabled: 2,
  startOnCreate: 2,
};
const stepOf = (key: string): number | undefined => STEP_OF_FIELD[key.split('.')[0]];

/**
 * The three-step "New Job" wizard (SPEC 4.2–4.4). Every value lives here, so "Previous" and "Next" keep it all; a
 * step is left only when its schema accepts it, and "OK" sends the whole input, which the server parses again.
 * Firmware still to be verified gets a verification job: Snapshot, chosen devices only, the short strategy.
 */
export function JobWizard({
  firmware,
  choices,
  initialFirmwareId,
  lookups,
  createJob,
  cancelHref,
}: {
  firmware: FirmwareChoice[];
  choices: ScopeChoices;
  initialFirmwareId: number | null;
  lookups: JobFormLookups;
  createJob: CreateJobAction;
  cancelHref: string;
}) {
  return (
    <JobFormLookupsProvider lookups={lookups}>
      <Wizard firmware={firmware} choices={choices} initialFirmwareId={initialFirmwareId} createJob={createJob} cancelHref={cancelHref} />
    </JobFormLookupsProvider>
  );
}

function Wizard({
  firmware,
  choices,
  initialFirmwareId,
  createJob,
  cancelHref,
}: {
  firmware: FirmwareChoice[];
  choices: ScopeChoices;
  initialFirmwareId: number | null;
  createJob: CreateJobAction;
  cancelHref: string;
}) {
  const { errors, formError, busy, setBusy, formRef, showErrors, clearErrors, send } = useJobForm(createJob);
  const queryClient = useQueryClient();
  const lookups = useLookups();
  const hydrated = useHydrated();
  const browserZone = useBrowserTimeZone();
  const [step, setStep] = useState(0);
  const [basic, setBasic] = useState<BasicValues>({ name: '', firmwareId: initialFirmwareId ? String(initialFirmwareId) : '', method: 'snapshot' });
  const [scope, setScope] = useState<ScopeValues>(initialScope());
  const [strategy, setStrategy] = useState<StrategyValues>(INITIAL_STRATEGY);

  const chosenFirmware = firmware.find((f) => String(f.id) === basic.firmwareId);
  const verification = chosenFirmware !== undefined && jobTypeForFirmware(chosenFirmware.status) === 'verification';

  function changeBasic(patch: Partial<BasicValues>) {
    // Reported versions belong to the firmware's product: a new firmware starts from "every version".
    if (patch.firmwareId !== undefined && patch.firmwareId !== basic.firmwareId) setScope((s) => ({ ...s, fromVersions: [] }));
    const next = firmware.find((f) => String(f.id) === patch.firmwareId);
    if (next && jobTypeForFirmware(next.status) === 'verification') {
      // What a verification job allows, so no hidden value is sent that the server would refuse.
      patch = { ...patch, method: 'snapshot' };
      setScope((s) => ({ ...s, scopeType: 'devices' }));
      setStrategy((s) => ({ ...INITIAL_STRATEGY, timeoutMinutes: s.timeoutMinutes, startOnCreate: s.startOnCreate }));
    }
    setBasic((b) => ({ ...b, ...patch }));
    clearErrors(Object.keys(patch));
  }

  function changeScope(patch: Partial<ScopeValues>) {
    setScope((s) => ({ ...s, ...patch }));
    clearErrors(SCOPE_ERROR_PATHS);
  }

  function changeStrategy(patch: Partial<StrategyValues>) {
    setStrategy((s) => ({ ...s, ...patch }));
    clearErrors(strategyErrorPaths(patch));
  }

  const stepInput = [() => basic, () => toScopeInput(scope), () => toStrategyInput(strategy, browserZone)];
  const stepSchemas = [basicInformationSchema, upgradeScopeSchema, upgradeStrategySchema];

  /** The current step's errors: its schema's, plus device keys the server does not know (scope step). */
  async function checkStep(): Promise<Errors> {
    const found = schemaErrors(stepSchemas[step], stepInput[step]());
    if (step !== 1 || Object.keys(found).length || scope.scopeType !== 'devices' || !chosenFirmware) return found;
    const preview = await fetchScopePreview(queryClient, lookups, { firmwareId: chosenFirmware.id, ...toScopeInput(scope) });
    return preview.unknownDeviceKeys.length ? { 'scope.deviceKeys': [`Unknown device keys: ${preview.unknownDeviceKeys.join(', ')}`] } : {};
  }

  async function next() {
    setBusy(true);
    try {
      if (showErrors(await checkStep())) setStep((s) => s + 1);
    } catch (e) {
      showErrors({}, e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  function previous() {
    showErrors({});
    setStep((s) => s - 1);
  }

  async function submit() {
    if (!showErrors(schemaErrors(upgradeStrategySchema, stepInput[2]()))) return;
    const refused = await send({ ...basic, ...toScopeInput(scope), ...toStrategyInput(strategy, browserZone) });
    if (!refused) return;
    // Back to the earliest step with a refused field, where its message shows beside it.
    const steps = Object.keys(refused).map(stepOf).filter((s) => s !== undefined);
    if (steps.length) setStep(Math.min(...steps));
    else if (Object.keys(refused).length) showErrors({}, Object.values(refused).flat().join(' '));
  }

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (busy) return;
        if (step < WIZARD_STEPS.length - 1) void next();
        else void submit();
      }}
      className="flex flex-col gap-6"
    >
      <Stepper steps={WIZARD_STEPS} current={step} />
      <section aria-labelledby="job-step-title" className="flex flex-col gap-5">
        <h2 id="job-step-title" className="text-base font-semibold text-slate-900">
          {WIZARD_STEPS[step]}
        </h2>
        {step === 0 && <BasicInformationFields values={basic} onChange={changeBasic} errors={errors} firmware={firmware} />}
        {step === 1 && chosenFirmware && (
          <ScopeFields
            firmware={chosenFirmware}
            values={scope}
            onChange={changeScope}
            errors={errors}
            choices={choices}
            scopeTypes={SCOPE_TYPES_ALL}
            verifyOn={verification ? chosenFirmware : undefined}
          />
        )}
        {step === 2 && (
          <StrategyFields values={strategy} onChange={changeStrategy} errors={errors} variant={verification ? 'verification' : 'full'} />
        )}
      </section>
      <JobFormFooter formError={formError} cancelHref={cancelHref}>
        {step > 0 && (
          <Button variant="secondary" onClick={previous} disabled={busy}>
            Previous
          </Button>
        )}
        <Button type="submit" disabled={!hydrated} pending={busy}>
          {step < WIZARD_STEPS.length - 1 ? 'Next' : 'OK'}
        </Button>
      </JobFormFooter>
    </form>
  );
}
