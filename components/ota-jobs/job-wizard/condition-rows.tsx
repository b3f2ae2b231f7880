'use client';

import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Field, FieldErrors } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { FieldErrors as Errors } from '@/lib/errors';
import { EMPTY_ATTRIBUTE_ROW, EMPTY_TAG_ROW, splitValues, type AttributeRow, type TagRow } from './form-values';
import { unwrap, useLookups } from './lookups';

const MODE_OPTIONS = [
  { value: 'values', label: 'Is one of' },
  { value: 'range', label: 'Is in a numeric range' },
];

/** "By Attribute": rows of attribute name + values (or a numeric range), all of which a device must meet. */
export function AttributeConditions({
  names,
  rows,
  onChange,
  errors,
}: {
  names: string[];
  rows: AttributeRow[];
  onChange: (rows: AttributeRow[]) => void;
  errors: Errors;
}) {
  const set = (i: number, patch: Partial<AttributeRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <ConditionList
      what="Attribute"
      count={rows.length}
      onAdd={() => onChange([...rows, EMPTY_ATTRIBUTE_ROW])}
      onRemove={(i) => onChange(rows.filter((_, j) => j !== i))}
      errors={errors['scope.conditions']}
      empty={names.length === 0 ? 'No device of this organization has attributes yet.' : null}
    >
      {(i) => {
        const row = rows[i];
        const at = (field: string) => errors[`scope.conditions.${i}.${field}`];
        const n = i + 1;
        return (
          <div className="grid gap-3 sm:grid-cols-[12rem_12rem_1fr]">
            <Field id={`job-attr-${i}-name`} label={`Attribute ${n} Name`} errors={at('name')}>
              <Select
                id={`job-attr-${i}-name`}
                value={row.name}
                onChange={(e) => set(i, { name: e.target.value })}
                placeholder="Choose an attribute"
                options={names.map((v) => ({ value: v, label: v }))}
                invalid={!!at('name')}
              />
            </Field>
            <Field id={`job-attr-${i}-mode`} label={`Attribute ${n} Match`}>
              <Select
                id={`job-attr-${i}-mode`}
                value={row.mode}
                onChange={(e) => set(i, { mode: e.target.value === 'range' ? 'range' : 'values' })}
                options={MODE_OPTIONS}
              />
            </Field>
            {row.mode === 'values' ? (
              <ValuesField
                id={`job-attr-${i}-values`}
                label={`Attribute ${n} Values`}
                value={row.values}
                onChange={(values) => set(i, { values })}
                errors={at('values')}
                suggestions={row.name ? <AttributeSuggestions name={row.name} value={row.values} onChange={(values) => set(i, { values })} /> : null}
              />
            ) : (
              <div className="grid grid-cols-2 gap-3">
                <Field id={`job-attr-${i}-min`} label={`Attribute ${n} Min`} errors={at('range') ?? at('range.min')}>
                  <Input
                    id={`job-attr-${i}-min`}
                    type="number"
                    value={row.min}
                    onChange={(e) => set(i, { min: e.target.value })}
                    invalid={!!(at('range') ?? at('range.min'))}
                  />
                </Field>
                <Field id={`job-attr-${i}-max`} label={`Attribute ${n} Max`} errors={at('range.max')}>
                  <Input id={`job-attr-${i}-max`} type="number" value={row.max} onChange={(e) => set(i, { max: e.target.value })} invalid={!!at('range.max')} />
                </Field>
              </div>
            )}
          </div>
        );
      }}
    </ConditionList>
  );
}

/** "By Device Tag": rows of tag key + values, all of which a device must meet. */
export function TagConditions({
  keys,
  rows,
  onChange,
  errors,
}: {
  keys: string[];
  rows: TagRow[];
  onChange: (rows: TagRow[]) => void;
  errors: Errors;
}) {
  const set = (i: number, patch: Partial<TagRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <ConditionList
      what="Tag"
      count={rows.length}
      onAdd={() => onChange([...rows, EMPTY_TAG_ROW])}
      onRemove={(i) => onChange(rows.filter((_, j) => j !== i))}
      errors={errors['scope.conditions']}
      empty={keys.length === 0 ? 'No device of this organization has tags yet.' : null}
    >
      {(i) => {
        const row = rows[i];
        const at = (field: string) => errors[`scope.conditions.${i}.${field}`];
        return (
          <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
            <Field id={`job-tag-${i}-key`} label={`Tag ${i + 1} Key`} errors={at('key')}>
              <Select
                id={`job-tag-${i}-key`}
                value={row.key}
                onChange={(e) => set(i, { key: e.target.value })}
                placeholder="Choose a tag key"
                options={keys.map((k) => ({ value: k, label: k }))}
                invalid={!!at('key')}
              />
            </Field>
            <ValuesField
              id={`job-tag-${i}-values`}
              label={`Tag ${i + 1} Values`}
              value={row.values}
              onChange={(values) => set(i, { values })}
              errors={at('values')}
              suggestions={row.key ? <TagSuggestions tagKey={row.key} value={row.values} onChange={(values) => set(i, { values })} /> : null}
            />
          </div>
        );
      }}
    </ConditionList>
  );
}

function ConditionList({
  what,
  count,
  onAdd,
  onRemove,
  errors,
  empty,
  children,
}: {
  what: string;
  count: number;
  onAdd: () => void;
  onRemove: (i: number) => void;
  errors?: string[];
  empty: string | null;
  children: (i: number) => ReactNode;
}) {
  return (
    <div className="flex flex-col gap-3">
      {empty && <p className="text-sm text-amber-700">{empty}</p>}
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="flex items-start gap-2 rounded-md border border-slate-200 bg-slate-50/60 p-3">
          <div className="min-w-0 flex-1">{children(i)}</div>
          {count > 1 && (
            <Button variant="ghost" size="sm" className="mt-6" aria-label={`Remove ${what.toLowerCase()} condition ${i + 1}`} onClick={() => onRemove(i)}>
              ✕
            </Button>
          )}
        </div>
      ))}
      <FieldErrors id="job-conditions" errors={errors} />
      <div className="flex items-center gap-3">
        <Button variant="secondary" size="sm" onClick={onAdd}>
          + Add Condition
        </Button>
        {count > 1 && <span className="text-xs text-slate-500">A device must meet every condition.</span>}
      </div>
    </div>
  );
}

function ValuesField({
  id,
  label,
  value,
  onChange,
  errors,
  suggestions,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  suggestions: ReactNode;
}) {
  return (
    <Field id={id} label={label} errors={errors}>
      <Input id={id} value={value} onChange={(e) => onChange(e.target.value)} invalid={!!errors} placeholder="Values separated by commas" autoComplete="off" />
      {suggestions}
    </Field>
  );
}

function AttributeSuggestions({ name, value, onChange }: { name: string; value: string; onChange: (value: string) => void }) {
  const lookups = useLookups();
  const known = useQuery({
    queryKey: ['job-form', 'attribute-values', name],
    queryFn: () => unwrap(lookups.listAttributeValues({ name })),
  });
  return <KnownValues values={known.data} value={value} onChange={onChange} />;
}

function TagSuggestions({ tagKey, value, onChange }: { tagKey: string; value: string; onChange: (value: string) => void }) {
  const lookups = useLookups();
  const known = useQuery({
    queryKey: ['job-form', 'tag-values', tagKey],
    queryFn: () => unwrap(lookups.listTagValues({ key: tagKey })),
  });
  return <KnownValues values={known.data} value={value} onChange={onChange} />;
}

const KNOWN_SHOWN = 12;

/** Values devices have, as one-click additions to the list typed beside them. */
function KnownValues({ values, value, onChange }: { values?: string[]; value: string; onChange: (value: string) => void }) {
  if (!values?.length) return null;
  const typed = splitValues(value);
  const offered = values.filter((v) => !typed.includes(v)).slice(0, KNOWN_SHOWN);
  if (!offered.length) return null;
  return (
    <p className="flex flex-wrap items-center gap-1 text-xs text-slate-500">
      Known values:
      {offered.map((v) => (
        <button
          key={v}
          type="button"
          onClick={() => onChange([...typed, v].join(', '))}
          className="rounded-full border border-slate-300 bg-white px-2 py-0.5 font-mono text-slate-700 hover:border-brand-500 hover:text-brand-700"
        >
          + {v}
        </button>
      ))}
    </p>
  );
}
