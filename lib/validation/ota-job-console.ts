import { z } from 'zod';
import { JOB_STATUSES, JOB_TYPES, TASK_STATES } from '@/lib/ota/states';
import { lenient } from './lenient';

/**
 * Inputs of the OTA Jobs pages other than the wizard: the list's filters, the task table's query and the control
 * actions. Anything odd in a URL falls back to "no filter"; an odd action input is refused.
 */

const id = z.coerce.number().int().positive();
const optionalId = z.coerce.number().int().positive('Not an id').optional();
const search = z.string().trim().max(64, 'At most 64 characters').optional();
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `One of ${values.join(', ')}` });

/** Job search: name contains `q`, firmware, type, product, status (the API's query). */
export const otaJobSearchSchema = z.object({
  q: search,
  firmwareId: optionalId,
  type: oneOf(JOB_TYPES).optional(),
  productId: optionalId,
  status: oneOf(JOB_STATUSES).optional(),
});

export const otaJobListFilterSchema = lenient(otaJobSearchSchema);
export type OtaJobListFilter = z.output<typeof otaJobListFilterSchema>;

/** A job's tasks in one state (all states when absent), deviceKey contains `deviceKey` (the API's query). */
export const otaTaskSearchSchema = z.object({ state: oneOf(TASK_STATES).optional(), deviceKey: search });

/** The details page's device table: always one tab (state). */
export const otaTaskQuerySchema = z.object({
  state: z.enum(TASK_STATES).catch('queued'),
  q: search.catch(undefined),
});

export const otaJobIdSchema = z.object({ jobId: id });

/** Chosen tasks, or every task of the job (of one state, when given). */
export const taskSelectionSchema = z.union(
  [
    z.object({ taskIds: z.array(id).min(1, 'Select at least one task').max(1000, 'At most 1000 tasks at once') }),
    z.object({ all: z.literal(true), state: oneOf(TASK_STATES).optional() }),
  ],
  { message: 'Send {"taskIds": [...]} or {"all": true}' },
);

export const otaTaskActionSchema = z.object({ jobId: id, selection: taskSelectionSchema });
export type OtaTaskActionInput = z.input<typeof otaTaskActionSchema>;
