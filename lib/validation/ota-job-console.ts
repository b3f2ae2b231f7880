import { z } from 'zod';
import { JOB_STATUSES, JOB_TYPES, TASK_STATES } from '@/lib/ota/states';

/**
 * Inputs of the OTA Jobs pages other than the wizard: the list's filters, the task table's query and the control
 * actions. Anything odd in a URL falls back to "no filter"; an odd action input is refused.
 */

const optionalId = z.coerce.number().int().positive().optional().catch(undefined);

export const otaJobListFilterSchema = z.object({
  q: z.string().trim().max(64).optional().catch(undefined),
  firmwareId: optionalId,
  type: z.enum(JOB_TYPES).optional().catch(undefined),
  productId: optionalId,
  status: z.enum(JOB_STATUSES).optional().catch(undefined),
});
export type OtaJobListFilter = z.output<typeof otaJobListFilterSchema>;

export const otaTaskQuerySchema = z.object({
  state: z.enum(TASK_STATES).catch('queued'),
  q: z.string().trim().max(64).optional().catch(undefined),
});

const id = z.coerce.number().int().positive();

export const otaJobIdSchema = z.object({ jobId: id });

export const otaTaskActionSchema = z.object({
  jobId: id,
  selection: z.union([
    z.object({ taskIds: z.array(id).min(1, 'Select at least one task').max(1000) }),
    z.object({ all: z.literal(true), state: z.enum(TASK_STATES).optional() }),
  ]),
});
export type OtaTaskActionInput = z.input<typeof otaTaskActionSchema>;
