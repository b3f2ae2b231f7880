'use client';

import { useQuery } from '@tanstack/react-query';
import { Checkbox } from '@/components/ui/checkbox';
import { describedBy, FieldErrors } from '@/components/ui/field';
import { cn } from '@/lib/ui/cn';
import { unwrap, useLookups } from './lookups';

/**
 * "Upgrade From Versions": the versions devices of the firmware's product reported, the target excluded (the server
 * leaves it out). None checked means every version but the target.
 */
export function FromVersionsField({
  firmwareId,
  targetVersion,
  value,
  onChange,
  errors,
}: {
  firmwareId: number;
  targetVersion: string;
  value: string[];
  onChange: (versions: string[]) => void;
  errors?: string[];
}) {
  const lookups = useLookups();
  const versions = useQuery({
    queryKey: ['job-form', 'versions', firmwareId],
    queryFn: () => unwrap(lookups.listVersions({ firmwareId })),
  });
  const toggle = (version: string, on: boolean) => onChange(on ? [...value, version] : value.filter((v) => v !== version));

  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={describedBy('job-from-versions', { hint: true, errors })}>
      <legend className="mb-1 text-sm font-medium text-slate-700">Upgrade From Versions</legend>
      {versions.isPending && <p className="text-sm text-slate-500">Loading versions…</p>}
      {versions.isError && <p className="text-sm text-red-600">{versions.error.message}</p>}
      {versions.data?.length === 0 && <p className="text-sm text-slate-500">No device of this product has reported another version yet.</p>}
      {!!versions.data?.length && (
        <div className="flex flex-wrap gap-2">
          {versions.data.map((version) => {
            const id = `job-from-version-${version}`;
            const checked = value.includes(version);
            return (
              <Checkbox
                key={version}
                id={id}
                checked={checked}
                onChange={(e) => toggle(version, e.target.checked)}
                label={version}
                labelClassName={cn(
                  'inline-flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 font-mono text-sm',
                  checked ? 'border-brand-500 bg-brand-50 text-brand-700' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50',
                )}
              />
            );
          })}
        </div>
      )}
      <p id="job-from-versions-hint" className="text-xs text-slate-500">
        {value.length === 0 ? (
          <>
            None chosen: devices on every version except the target <span className="font-mono">{targetVersion}</span> are upgraded.
          </>
        ) : (
          `Only devices on ${value.length === 1 ? 'this version' : 'these versions'} are upgraded.`
        )}
      </p>
      <FieldErrors id="job-from-versions" errors={errors} />
    </fieldset>
  );
}
