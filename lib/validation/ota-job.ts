import { z } from 'zod';
import { checkSchedule, SCHEDULE_MESSAGES } from '@/lib/ota/schedule';
import { MAX_SCOPE_TREES } from '@/lib/ota/scope';
import type { AttributeCondition, JobScope } from '@/lib/ota/scope-types';
import { UPGRADE_METHODS } from '@/lib/ota/states';

/**
 * The single source of validation for the job wizard (three steps) and the API. Each step schema is a pick of the
 * same fields; the server parses the whole input again with `createOtaJobSchema`. The one check that needs the time
 * of the request ("The end must be in the future") is `checkScheduleNotPast` in lib/ota/schedule.ts, which the
 * service runs with the same message and path.
 */

export const RETRY_INTERVAL_OPTIONS = [
  { minutes: 0, label: '0 minutes (immediate)' },
  { minutes: 10, label: '10 minutes' },
  { minutes: 30, label: '30 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 1440, label: '24 hours' },
] as const;
/** "Max Retry Attempts": retries after the first attempt, so a task is pushed at most 1 + this many times. */
export const MAX_RETRY_OPTIONS = [1, 2, 5] as const;

export const JOB_DEFAULTS = { maxConcurrency: 300, timeoutMinutes: 120, retryIntervalMinutes: 0, maxRetries: 1 } as const;

const text = (message: string) => z.string().trim().min(1, message);

const attributeConditionSchema = z
  .object({
    name: text('Choose an attribute'),
    values: z.array(text('Enter a value')).optional(),
    range: z.object({ min: z.number().optional(), max: z.number().optional() }).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.range) {
      if (c.range.min === undefined && c.range.max === undefined) {
        ctx.addIssue({ code: 'custom', path: ['range'], message: 'Enter a minimum or a maximum' });
      } else if (c.range.min !== undefined && c.range.max !== undefined && c.range.min > c.range.max) {
        ctx.addIssue({ code: 'custom', path: ['range', 'max'], message: 'The maximum must not be less than the minimum' });
      }
    } else if (!c.values?.length) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: 'Enter at least one value' });
    }
  })
  .transform((c): AttributeCondition => (c.range ? { name: c.name, range: c.range } : { name: c.name, values: c.values ?? [] }));

const tagConditionSchema = z.object({
  key: text('Choose a tag key'),
  values: z.array(text('Enter a value')).min(1, 'Enter at least one value'),
});

const uniqueStrings = (items: string[]) => [...new Set(items)];

/** "Target Devices": chosen device keys (trimmed, blanks dropped, duplicates merged). */
const devicesScopeSchema = z.object({
  type: z.literal('devices', { message: 'Choose devices (Target Devices)' }),
  deviceKeys: z
    .array(z.string().trim())
    .transform((keys) => uniqueStrings(keys.filter(Boolean)))
    .pipe(z.array(z.string()).min(1, 'Choose at least one device').max(100_000, 'At most 100000 devices')),
});

export const jobScopeSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('all') }),
    devicesScopeSchema,
    z.object({
      type: z.literal('attribute'),
      conditions: z.array(attributeConditionSchema).min(1, 'Add at least one condition'),
    }),
    z.object({ type: z.literal('tag'), conditions: z.array(tagConditionSchema).min(1, 'Add at least one condition') }),
    z.object({
      type: z.literal('asset_tree'),
      trees: z
        .array(
          z.object({
            treeId: z.coerce.number().int().positive('Choose an asset tree'),
            nodeIds: z.array(z.coerce.number().int().positive()).min(1, 'Choose at least one node'),
          }),
        )
        .min(1, 'Choose at least one asset tree')
        .max(MAX_SCOPE_TREES, `Choose at most ${MAX_SCOPE_TREES} asset trees`)
        .refine((trees) => new Set(trees.map((t) => t.treeId)).size === trees.length, 'Choose each asset tree once'),
    }),
  ],
  { message: 'Choose a scope type' },
) satisfies z.ZodType<JobScope>;

const jobFields = z.object({
  name: text('Enter a job name').max(64, 'At most 64 characters'),
  firmwareId: z.coerce.number({ message: 'Choose a firmware' }).int('Choose a firmware').positive('Choose a firmware'),
  method: z.enum(UPGRADE_METHODS, { message: 'Choose an upgrade method' }).default('snapshot'),
  fromVersions: z.array(text('Choose a version')).default([]).transform(uniqueStrings),
  scope: jobScopeSchema,
  maxConcurrency: z.coerce
    .number({ message: 'Enter a number from 1 to 100000' })
    .int('Enter a number from 1 to 100000')
    .min(1, 'Enter a number from 1 to 100000')
    .max(100_000, 'Enter a number from 1 to 100000')
    .default(JOB_DEFAULTS.maxConcurrency),
  timeoutMinutes: z.coerce
    .number({ message: 'Enter a timeout from 5 minutes to 48 hours' })
    .int('Enter a timeout from 5 minutes to 48 hours')
    .min(5, 'Enter a timeout from 5 minutes to 48 hours')
    .max(48 * 60, 'Enter a timeout from 5 minutes to 48 hours')
    .default(JOB_DEFAULTS.timeoutMinutes),
  retryEnabled: z.boolean().default(false),
  retryIntervalMinutes: z.coerce
    .number()
    .pipe(z.literal(RETRY_INTERVAL_OPTIONS.map((o) => o.minutes), { message: 'Choose a retry interval' }))
    .default(JOB_DEFAULTS.retryIntervalMinutes),
  maxRetries: z.coerce
    .number()
    .pipe(z.literal(MAX_RETRY_OPTIONS, { message: 'Choose 1, 2 or 5 attempts' }))
    .default(JOB_DEFAULTS.maxRetries),
  /** Wall-clock times 'YYYY-MM-DDTHH:mm' in `timeZone`. */
  schedule: z
    .object({ start: z.string(), end: z.string(), timeZone: z.string().min(1, SCHEDULE_MESSAGES.badTimeZone) })
    .optional(),
  repeatDaily: z.boolean().default(false),
  deviceRequestEnabled: z.boolean().default(false),
  startOnCreate: z.boolean().default(false),
});

type StrategyFields = Pick<z.output<typeof jobFields>, 'schedule' | 'repeatDaily'>;

function checkStrategy(value: StrategyFields, ctx: z.RefinementCtx) {
  if (!value.schedule) {
    if (value.repeatDaily) ctx.addIssue({ code: 'custom', path: ['repeatDaily'], message: 'Set a schedule to repeat it every day' });
    return;
  }
  for (const issue of checkSchedule(value.schedule, value.repeatDaily)) {
    ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
  }
}

/** Step 1, "Basic Information". */
export const basicInformationSchema = jobFields.pick({ name: true, firmwareId: true, method: true });
/** Step 2, "Upgrade Scope". */
export const upgradeScopeSchema = jobFields.pick({ fromVersions: true, scope: true });
/** Step 3, "Upgrade Strategy". */
export const upgradeStrategySchema = jobFields
  .pick({
    maxConcurrency: true,
    timeoutMinutes: true,
    retryEnabled: true,
    retryIntervalMinutes: true,
    maxRetries: true,
    schedule: true,
    repeatDaily: true,
    deviceRequestEnabled: true,
    startOnCreate: true,
  })
  .superRefine(checkStrategy);

export const createOtaJobSchema = jobFields.superRefine(checkStrategy);
export type CreateOtaJobInput = z.output<typeof createOtaJobSchema>;

/** The live scope preview of step 2: the firmware (for its product and version) and the scope. */
export const previewOtaJobScopeSchema = jobFields.pick({ firmwareId: true, fromVersions: true, scope: true });
export type PreviewOtaJobScopeInput = z.output<typeof previewOtaJobScopeSchema>;

/**
 * "Upgrade Device" and "Verify Firmware" (SPEC 4.1): a job over chosen devices of one firmware, with the strategy
 * fields; the server names it after the firmware and the time, and it is always a Snapshot.
 */
export const deviceJobSchema = jobFields
  .omit({ name: true, method: true })
  .extend({ scope: devicesScopeSchema })
  .superRefine(checkStrategy);
export type DeviceJobInput = z.output<typeof deviceJobSchema>;
