'use client';

import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Switch } from '@/components/ui/switch';
import { useHydrated } from '@/components/firmware/use-hydrated';
import type { FieldErrors as Errors } from '@/lib/errors';
import { MAX_RETRY_OPTIONS, RETRY_INTERVAL_OPTIONS } from '@/lib/validation/ota-job';
import type { StrategyValues } from './form-values';
import { timeZoneOptions, useBrowserTimeZone } from './use-browser-time-zone';

/** "2 hours", "1 hour 30 minutes", "45 minutes" for a timeout typed in minutes. */
function describeMinutes(text: string): string | null {
  const minutes = Number(text);
  if (!Number.isInteger(minutes) || minutes <= 0) return null;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  return [h && part(h, 'hour'), m && part(m, 'minute')].filter(Boolean).join(' ');
}

/**
 * The "Upgrade Strategy" fields (SPEC 4.4). `variant="verification"` keeps only what a verification job asks for:
 * "Upgrade Timeout" and "Start Job Upon Creation"; the rest take their defaults.
 */
export function StrategyFields({
  values,
  onChange,
  errors,
  variant = 'full',
}: {
  values: StrategyValues;
  onChange: (patch: Partial<StrategyValues>) => void;
  errors: Errors;
  variant?: 'full' | 'verification';
}) {
  const full = variant === 'full';
  const timeout = describeMinutes(values.timeoutMinutes);
  return (
    <div className="flex flex-col gap-5">
      <div className="grid gap-4 sm:grid-cols-2">
        {full && (
          <Field
            id="job-max-concurrency"
            label="Maximum Task Concurrency"
            required
            errors={errors.maxConcurrency}
            hint="1 to 100000 tasks at once. Only Pending Push and Pushed tasks count; Upgrading ones do not."
          >
            <Input
              id="job-max-concurrency"
              type="number"
              inputMode="numeric"
              min={1}
              max={100000}
              value={values.maxConcurrency}
              onChange={(e) => onChange({ maxConcurrency: e.target.value })}
              invalid={!!errors.maxConcurrency}
              aria-describedby={describedBy('job-max-concurrency', { hint: true, errors: errors.maxConcurrency })}
            />
          </Field>
        )}
        <Field
          id="job-timeout"
          label="Upgrade Timeout"
          required
          errors={errors.timeoutMinutes}
          hint={`${timeout && timeout !== `${values.timeoutMinutes} minutes` ? `That is ${timeout}. ` : ''}From 5 to 2880 minutes (48 hours); a pushed device that reports no result in time fails with "Timeout".`}
        >
          <div className="flex items-center gap-2">
            <Input
              id="job-timeout"
              type="number"
              inputMode="numeric"
              min={5}
              max={2880}
              value={values.timeoutMinutes}
              onChange={(e) => onChange({ timeoutMinutes: e.target.value })}
              invalid={!!errors.timeoutMinutes}
              aria-describedby={describedBy('job-timeout', { hint: true, errors: errors.timeoutMinutes })}
              className="max-w-40"
            />
            <span className="text-sm text-slate-500">minutes</span>
          </div>
        </Field>
      </div>

      {full && (
        <>
          <Toggle
            id="job-retry"
            label="Retry Failed Tasks"
            checked={values.retryEnabled}
            onChange={(retryEnabled) => onChange({ retryEnabled })}
            hint="A failed task is queued again after the interval, up to the number of attempts."
          />
          {values.retryEnabled && (
            <div className="grid gap-4 border-l-2 border-brand-100 pl-4 sm:grid-cols-2">
              <Field id="job-retry-interval" label="Retry Interval" errors={errors.retryIntervalMinutes}>
                <Select
                  id="job-retry-interval"
                  value={values.retryIntervalMinutes}
                  onChange={(e) => onChange({ retryIntervalMinutes: e.target.value })}
                  options={RETRY_INTERVAL_OPTIONS.map((o) => ({ value: String(o.minutes), label: o.label }))}
                  invalid={!!errors.retryIntervalMinutes}
                />
              </Field>
              <Field id="job-max-retries" label="Max Retry Attempts" errors={errors.maxRetries}>
                <Select
                  id="job-max-retries"
                  value={values.maxRetries}
                  onChange={(e) => onChange({ maxRetries: e.target.value })}
                  options={MAX_RETRY_OPTIONS.map((n) => ({ value: String(n), label: String(n) }))}
                  invalid={!!errors.maxRetries}
                />
              </Field>
            </div>
          )}
          <ScheduleFields values={values} onChange={onChange} errors={errors} />
          <Toggle
            id="job-device-request"
            label="Enable Upon Device Request Upgrade"
            checked={values.deviceRequestEnabled}
            onChange={(deviceRequestEnabled) => onChange({ deviceRequestEnabled })}
            hint="A device in scope that asks for an upgrade gets it at once while fewer tasks than the concurrency run."
          />
        </>
      )}
      <Toggle
        id="job-start-on-create"
        label="Start Job Upon Creation"
        checked={values.startOnCreate}
        onChange={(startOnCreate) => onChange({ startOnCreate })}
        hint={values.startOnCreate ? 'The job starts as soon as you click OK.' : 'The job waits until you start it.'}
      />
    </div>
  );
}

function Toggle({
  id,
  label,
  checked,
  onChange,
  hint,
  disabled,
  errors,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  hint: ReactNode;
  disabled?: boolean;
  errors?: string[];
}) {
  return (
    <Field id={id} label={label} hint={hint} errors={errors}>
      <Switch id={id} checked={checked} onChange={onChange} disabled={disabled} describedBy={describedBy(id, { hint: true, errors })} />
    </Field>
  );
}

/** Whether a schedule's start and end (datetime-local values) share a date. */
function onSameDate(start: string, end: string): boolean {
  return start !== '' && start.slice(0, 10) === end.slice(0, 10);
}

/** "Schedule": start and end in a time zone shown beside them (the browser's by default), and "Repeat Every Day". */
function ScheduleFields({
  values,
  onChange,
  errors,
}: {
  values: StrategyValues;
  onChange: (patch: Partial<StrategyValues>) => void;
  errors: Errors;
}) {
  const browserZone = useBrowserTimeZone();
  const hydrated = useHydrated();
  const zone = values.timeZone || browserZone;
  const scheduled = values.scheduleStart !== '' || values.scheduleEnd !== '';
  const sameDate = onSameDate(values.scheduleStart, values.scheduleEnd);
  // "Repeat Every Day" needs one date: a start or end moved to another date turns it off.
  const changeSchedule = (patch: { scheduleStart?: string; scheduleEnd?: string }) => {
    const next = { scheduleStart: values.scheduleStart, scheduleEnd: values.scheduleEnd, ...patch };
    onChange(onSameDate(next.scheduleStart, next.scheduleEnd) ? patch : { ...patch, repeatDaily: false });
  };
  const zones = hydrated ? timeZoneOptions(zone) : [zone];

  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-1 text-sm font-medium text-slate-700">Schedule</legend>
      <div className="grid gap-4 sm:grid-cols-[1fr_1fr_1fr]">
        <Field id="job-schedule-start" label="Start Time" errors={errors['schedule.start']}>
          <Input
            id="job-schedule-start"
            type="datetime-local"
            value={values.scheduleStart}
            onChange={(e) => changeSchedule({ scheduleStart: e.target.value })}
            invalid={!!errors['schedule.start']}
          />
        </Field>
        <Field id="job-schedule-end" label="End Time" errors={errors['schedule.end']}>
          <Input
            id="job-schedule-end"
            type="datetime-local"
            value={values.scheduleEnd}
            onChange={(e) => changeSchedule({ scheduleEnd: e.target.value })}
            invalid={!!errors['schedule.end']}
          />
        </Field>
        <Field id="job-time-zone" label="Time Zone" errors={errors['schedule.timeZone']}>
          <Select
            id="job-time-zone"
            value={zone}
            onChange={(e) => onChange({ timeZone: e.target.value })}
            options={zones.map((z) => ({ value: z, label: z === browserZone ? `${z} (this browser)` : z }))}
            invalid={!!errors['schedule.timeZone']}
          />
        </Field>
      </div>
      <div className="flex items-center justify-between gap-3">
        <p className="text-xs text-slate-500">
          {scheduled
            ? `Pushes are sent only between the start and the end, ${zone} time. A start in the past means now.`
            : 'Optional. Without a schedule, pushes are sent as soon as the job runs.'}
        </p>
        {scheduled && (
          <Button variant="link" size="sm" onClick={() => onChange({ scheduleStart: '', scheduleEnd: '', repeatDaily: false })}>
            Clear Schedule
          </Button>
        )}
      </div>
      <Toggle
        id="job-repeat-daily"
        label="Repeat Every Day"
        checked={values.repeatDaily}
        onChange={(repeatDaily) => onChange({ repeatDaily })}
        disabled={!sameDate}
        errors={errors.repeatDaily}
        hint={
          values.repeatDaily && sameDate
            ? `Pushes every day from ${values.scheduleStart.slice(11)} to ${values.scheduleEnd.slice(11)} (${zone}), from ${values.scheduleStart.slice(0, 10)} on.`
            : values.scheduleStart && values.scheduleEnd && !sameDate
              ? 'Off: the start and end fall on different dates. It can be turned on when they share a date.'
              : 'Can be turned on when the start and end fall on the same date.'
        }
      />
    </fieldset>
  );
}
