'use client';

import { FieldErrors } from '@/components/ui/field';
import type { FieldErrors as Errors } from '@/lib/errors';
import { SCOPE_TYPE_LABELS, type ScopeType } from '@/lib/ota/scope-types';
import { cn } from '@/lib/ui/cn';
import { upgradeScopeSchema } from '@/lib/validation/ota-job';
import { AssetTreePicker, type AssetTreeOption } from './asset-tree-picker';
import { AttributeConditions, TagConditions } from './condition-rows';
import { DeviceKeysField } from './device-keys-field';
import { schemaErrors, toScopeInput, type ScopeValues } from './form-values';
import { FromVersionsField } from './from-versions-field';
import { ScopePreview, useScopePreview } from './scope-preview';

export type ScopeChoices = { attributeNames: string[]; tagKeys: string[]; assetTrees: AssetTreeOption[] };
const NO_CHOICES: ScopeChoices = { attributeNames: [], tagKeys: [], assetTrees: [] };

const SCOPE_TYPE_HINTS: Record<ScopeType, string> = {
  all: 'Every device of the product on one of the versions above.',
  devices: 'Devices you pick by device key.',
  attribute: 'Devices whose attributes meet every condition.',
  tag: 'Devices whose tags meet every condition.',
  asset_tree: 'Devices at or below nodes of up to 5 asset trees.',
};

/**
 * The "Upgrade Scope" fields: "Upgrade From Versions", the "Scope Type" with its own inputs, and the live preview.
 * The wizard offers every scope type; "Upgrade Device" and "Verify Firmware" pass only 'devices'.
 */
export function ScopeFields({
  firmware,
  values,
  onChange,
  errors,
  choices = NO_CHOICES,
  scopeTypes,
  maxDevices,
}: {
  firmware: { id: number; version: string };
  values: ScopeValues;
  onChange: (patch: Partial<ScopeValues>) => void;
  errors: Errors;
  /** What the attribute, tag and asset-tree inputs offer; not needed when only 'devices' is offered. */
  choices?: ScopeChoices;
  scopeTypes: readonly ScopeType[];
  maxDevices?: number;
}) {
  const input = toScopeInput(values);
  // The preview waits for a scope the schema accepts, so it never counts a half-typed condition.
  const complete = Object.keys(schemaErrors(upgradeScopeSchema, input)).length === 0;
  const scopeErrors = [...(errors.scope ?? []), ...(errors['scope.type'] ?? [])];
  const preview = useScopePreview(complete ? { firmwareId: firmware.id, ...input } : null);

  return (
    <div className="flex flex-col gap-6">
      <FromVersionsField
        firmwareId={firmware.id}
        targetVersion={firmware.version}
        value={values.fromVersions}
        onChange={(fromVersions) => onChange({ fromVersions })}
        errors={errors.fromVersions}
      />
      {scopeTypes.length > 1 && (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium text-slate-700">Scope Type</legend>
          <div className="grid gap-2 sm:grid-cols-5">
            {scopeTypes.map((type) => {
              const id = `job-scope-type-${type}`;
              const checked = values.scopeType === type;
              return (
                <label
                  key={type}
                  htmlFor={id}
                  className={cn(
                    'flex cursor-pointer flex-col gap-1 rounded-md border px-3 py-2 text-sm',
                    checked ? 'border-brand-500 bg-brand-50 ring-1 ring-brand-500' : 'border-slate-300 bg-white hover:bg-slate-50',
                  )}
                >
                  <span className="inline-flex items-center gap-2 font-medium text-slate-800">
                    <input
                      id={id}
                      type="radio"
                      name="job-scope-type"
                      className="accent-brand-600"
                      checked={checked}
                      onChange={() => onChange({ scopeType: type })}
                    />
                    {SCOPE_TYPE_LABELS[type]}
                  </span>
                  <span className="text-xs text-slate-500">{SCOPE_TYPE_HINTS[type]}</span>
                </label>
              );
            })}
          </div>
        </fieldset>
      )}
      <ScopeTypeInputs
        firmwareId={firmware.id}
        values={values}
        onChange={onChange}
        errors={errors}
        choices={choices}
        maxDevices={maxDevices}
        unknownKeys={preview.data?.unknownDeviceKeys ?? []}
      />
      <ScopePreview preview={preview} complete={complete} />
      <FieldErrors id="job-scope" errors={scopeErrors.length ? scopeErrors : undefined} />
    </div>
  );
}

function ScopeTypeInputs({
  firmwareId,
  values,
  onChange,
  errors,
  choices,
  maxDevices,
  unknownKeys,
}: {
  firmwareId: number;
  values: ScopeValues;
  onChange: (patch: Partial<ScopeValues>) => void;
  errors: Errors;
  choices: ScopeChoices;
  maxDevices?: number;
  unknownKeys: string[];
}) {
  switch (values.scopeType) {
    case 'all':
      return null;
    case 'devices':
      return (
        <DeviceKeysField
          firmwareId={firmwareId}
          value={values.deviceKeys}
          onChange={(deviceKeys) => onChange({ deviceKeys })}
          errors={errors['scope.deviceKeys']}
          max={maxDevices}
          unknownKeys={unknownKeys}
        />
      );
    case 'attribute':
      return (
        <AttributeConditions names={choices.attributeNames} rows={values.attributes} onChange={(attributes) => onChange({ attributes })} errors={errors} />
      );
    case 'tag':
      return <TagConditions keys={choices.tagKeys} rows={values.tags} onChange={(tags) => onChange({ tags })} errors={errors} />;
    case 'asset_tree':
      return <AssetTreePicker trees={choices.assetTrees} rows={values.trees} onChange={(trees) => onChange({ trees })} errors={errors} />;
  }
}
