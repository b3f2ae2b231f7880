'use client';

import { describedBy, FieldErrors } from '@/components/ui/field';
import type { FieldErrors as Errors } from '@/lib/errors';
import { SCOPE_TYPE_LABELS, type ScopeType } from '@/lib/ota/scope-types';
import { upgradeScopeSchema } from '@/lib/validation/ota-job';
import { AssetTreePicker, type AssetTreeOption } from './asset-tree-picker';
import { AttributeConditions, TagConditions } from './condition-rows';
import { DeviceKeysField } from './device-keys-field';
import { schemaErrors, toScopeInput, type ScopeValues } from './form-values';
import { FromVersionsField } from './from-versions-field';
import { RadioCards } from './radio-cards';
import { ScopePreview, useScopePreview } from './scope-preview';

/** The only scope of "Upgrade Device" and of a verification job: chosen devices. */
export const DEVICES_ONLY = ['devices'] as const;

export type ScopeChoices = { attributeNames: string[]; tagKeys: string[]; assetTrees: AssetTreeOption[] };
const NO_CHOICES: ScopeChoices = { attributeNames: [], tagKeys: [], assetTrees: [] };

const SCOPE_TYPE_HINTS: Record<ScopeType, string> = {
  all: 'Every device of the product on one of the versions above.',
  devices: 'Devices you pick by device key.',
  attribute: 'Devices whose attributes meet every condition.',
  tag: 'Devices whose tags meet every condition.',
  asset_tree: 'Devices at or below nodes of up to 5 asset trees.',
};

/** A firmware's verification limits: a verification job targets 1 to maxVerifyDevices chosen devices. */
export type VerificationLimits = { productName: string | null; maxVerifyDevices: number; minVerifySuccesses: number };

/** What a verification job's scope must be, and what its outcome does to the firmware (SPEC 4.1). */
function VerificationScopeNote({ firmware }: { firmware: VerificationLimits }) {
  return (
    <p className="text-sm text-slate-600">
      {`Choose 1 to ${firmware.maxVerifyDevices} ${firmware.productName ?? ''} devices to verify on. The firmware becomes Verified when at least ${firmware.minVerifySuccesses} of them upgrade successfully, and Verification Failed otherwise.`}
    </p>
  );
}

/**
 * The "Upgrade Scope" fields: "Upgrade From Versions", the "Scope Type" with its own inputs, and the live preview.
 * The wizard offers every scope type; "Upgrade Device" and "Verify Firmware" pass only 'devices'. A verification job
 * (`verifyOn`, the firmware's limits) takes chosen devices only, at most the firmware's "Max Devices for Verification".
 */
export function ScopeFields({
  firmware,
  values,
  onChange,
  errors,
  choices = NO_CHOICES,
  scopeTypes,
  verifyOn,
}: {
  firmware: { id: number; version: string };
  values: ScopeValues;
  onChange: (patch: Partial<ScopeValues>) => void;
  errors: Errors;
  /** What the attribute, tag and asset-tree inputs offer; not needed when only 'devices' is offered. */
  choices?: ScopeChoices;
  scopeTypes: readonly ScopeType[];
  verifyOn?: VerificationLimits;
}) {
  const types = verifyOn ? DEVICES_ONLY : scopeTypes;
  const input = toScopeInput(values);
  // The preview waits for a scope the schema accepts, so it never counts a half-typed condition.
  const complete = Object.keys(schemaErrors(upgradeScopeSchema, input)).length === 0;
  const scopeErrors = [...(errors.scope ?? []), ...(errors['scope.type'] ?? [])];
  const preview = useScopePreview(complete ? { firmwareId: firmware.id, ...input } : null);

  return (
    <div className="flex flex-col gap-6">
      {verifyOn && <VerificationScopeNote firmware={verifyOn} />}
      <FromVersionsField
        firmwareId={firmware.id}
        targetVersion={firmware.version}
        value={values.fromVersions}
        onChange={(fromVersions) => onChange({ fromVersions })}
        errors={errors.fromVersions}
      />
      {types.length > 1 && (
        <RadioCards
          name="job-scope-type"
          legend="Scope Type"
          options={types.map((t) => ({ value: t, label: SCOPE_TYPE_LABELS[t], hint: SCOPE_TYPE_HINTS[t] }))}
          value={values.scopeType}
          onChange={(scopeType) => onChange({ scopeType })}
          className="sm:grid-cols-5"
          describedBy={describedBy('job-scope', { errors: scopeErrors })}
        />
      )}
      <ScopeTypeInputs
        firmwareId={firmware.id}
        values={values}
        onChange={onChange}
        errors={errors}
        choices={choices}
        maxDevices={verifyOn?.maxVerifyDevices}
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
