import type { z } from 'zod';
import { zodFieldErrors, type FieldErrors } from '@/lib/errors';
import type { ScopeType } from '@/lib/ota/scope-types';
import { JOB_DEFAULTS, type jobScopeSchema, type upgradeStrategySchema } from '@/lib/validation/ota-job';

/**
 * What the job forms hold while the user types (strings as typed, rows as shown), and how it becomes the input of
 * the shared zod schemas. Nothing is validated here: the schemas do that, in the browser and again on the server.
 */

export type AttributeRow = { name: string; mode: 'values' | 'range'; values: string; min: string; max: string };
export type TagRow = { key: string; values: string };
export type TreeRow = { treeId: number; nodeIds: number[] };

export type ScopeValues = {
  fromVersions: string[];
  scopeType: ScopeType;
  deviceKeys: string[];
  attributes: AttributeRow[];
  tags: TagRow[];
  trees: TreeRow[];
};

export type StrategyValues = {
  maxConcurrency: string;
  timeoutMinutes: string;
  retryEnabled: boolean;
  retryIntervalMinutes: string;
  maxRetries: string;
  /** 'YYYY-MM-DDTHH:mm' as a datetime-local input gives it; both empty means no schedule. */
  scheduleStart: string;
  scheduleEnd: string;
  /** Empty means the browser's zone. */
  timeZone: string;
  repeatDaily: boolean;
  deviceRequestEnabled: boolean;
  startOnCreate: boolean;
};

export const EMPTY_ATTRIBUTE_ROW: AttributeRow = { name: '', mode: 'values', values: '', min: '', max: '' };
export const EMPTY_TAG_ROW: TagRow = { key: '', values: '' };

export function initialScope(scopeType: ScopeType = 'all'): ScopeValues {
  return { fromVersions: [], scopeType, deviceKeys: [], attributes: [EMPTY_ATTRIBUTE_ROW], tags: [EMPTY_TAG_ROW], trees: [] };
}

export const INITIAL_STRATEGY: StrategyValues = {
  maxConcurrency: String(JOB_DEFAULTS.maxConcurrency),
  timeoutMinutes: String(JOB_DEFAULTS.timeoutMinutes),
  retryEnabled: false,
  retryIntervalMinutes: String(JOB_DEFAULTS.retryIntervalMinutes),
  maxRetries: String(JOB_DEFAULTS.maxRetries),
  scheduleStart: '',
  scheduleEnd: '',
  timeZone: '',
  repeatDaily: false,
  deviceRequestEnabled: false,
  startOnCreate: false,
};

function split(text: string, separators: RegExp): string[] {
  return text
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Device keys pasted one per line, or separated by commas, semicolons or spaces (keys have no spaces). */
export const splitKeys = (text: string) => split(text, /[\s,;]+/);

/** Attribute or tag values typed as "a, b" or one per line (a value may contain spaces). */
export const splitValues = (text: string) => split(text, /[\n,]+/);

const optionalNumber = (text: string) => (text.trim() === '' ? undefined : Number(text));

type ScopeInput = z.input<typeof jobScopeSchema>;

function scopeInput(v: ScopeValues): ScopeInput {
  switch (v.scopeType) {
    case 'all':
      return { type: 'all' };
    case 'devices':
      return { type: 'devices', deviceKeys: v.deviceKeys };
    case 'attribute':
      return {
        type: 'attribute',
        conditions: v.attributes.map((r) =>
          r.mode === 'range'
            ? { name: r.name, range: { min: optionalNumber(r.min), max: optionalNumber(r.max) } }
            : { name: r.name, values: splitValues(r.values) },
        ),
      };
    case 'tag':
      return { type: 'tag', conditions: v.tags.map((r) => ({ key: r.key, values: splitValues(r.values) })) };
    case 'asset_tree':
      return { type: 'asset_tree', trees: v.trees };
  }
}

/** The "Upgrade Scope" fields as the schemas take them. */
export function toScopeInput(v: ScopeValues): { fromVersions: string[]; scope: ScopeInput } {
  return { fromVersions: v.fromVersions, scope: scopeInput(v) };
}

/** The "Upgrade Strategy" fields as the schemas take them; no start and no end means no schedule. */
export function toStrategyInput(v: StrategyValues, browserTimeZone: string): z.input<typeof upgradeStrategySchema> {
  const scheduled = v.scheduleStart !== '' || v.scheduleEnd !== '';
  return {
    maxConcurrency: v.maxConcurrency,
    timeoutMinutes: v.timeoutMinutes,
    retryEnabled: v.retryEnabled,
    retryIntervalMinutes: v.retryIntervalMinutes,
    maxRetries: v.maxRetries,
    schedule: scheduled ? { start: v.scheduleStart, end: v.scheduleEnd, timeZone: v.timeZone || browserTimeZone } : undefined,
    repeatDaily: v.repeatDaily,
    deviceRequestEnabled: v.deviceRequestEnabled,
    startOnCreate: v.startOnCreate,
  };
}

/** Every scope input bears on the others (and on the preview), so a change to any of them retires all their messages. */
export const SCOPE_ERROR_PATHS = ['fromVersions', 'scope'] as const;

/** The error keys a change of these strategy values makes stale: the schedule's fields are checked together. */
export function strategyErrorPaths(patch: Partial<StrategyValues>): string[] {
  return Object.keys(patch).flatMap((key) =>
    key === 'scheduleStart' || key === 'scheduleEnd' || key === 'timeZone' || key === 'repeatDaily' ? ['schedule', 'repeatDaily'] : [key],
  );
}

/** Each field's messages from a schema (empty when the input is valid). */
export function schemaErrors(schema: z.ZodType, input: unknown): FieldErrors {
  const parsed = schema.safeParse(input);
  return parsed.success ? {} : zodFieldErrors(parsed.error.issues);
}

/** Whether any error concerns a field starting with one of these paths. */
export function hasErrorsUnder(errors: FieldErrors, paths: readonly string[]): boolean {
  return Object.keys(errors).some((k) => paths.some((p) => k === p || k.startsWith(`${p}.`)));
}
