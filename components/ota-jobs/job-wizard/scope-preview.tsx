'use client';

import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import { OnlineBadge } from '@/components/devices/online-badge';
import { DataTable } from '@/components/ui/table';
import { cn } from '@/lib/ui/cn';
import { unwrap, useLookups, type JobFormLookups } from './lookups';
import { useDebounced } from './use-debounced';

export type PreviewInput = { firmwareId: number; fromVersions: string[]; scope: unknown };

const previewQuery = (lookups: JobFormLookups, key: string) => ({
  queryKey: ['job-form', 'scope-preview', key],
  queryFn: () => unwrap(lookups.previewScope(JSON.parse(key) as PreviewInput)),
});

/** The preview of exactly this input, fetched now unless the cache has it (the scope step's "Next" checks it). */
export function fetchScopePreview(client: QueryClient, lookups: JobFormLookups, input: PreviewInput) {
  return client.fetchQuery(previewQuery(lookups, JSON.stringify(input)));
}

/**
 * The live preview of a scope, computed on the server by the code that creates the job: asked for once the input has
 * settled, the last answer kept (and marked as such) while the next one loads. `input` is null while incomplete.
 */
export function useScopePreview(input: PreviewInput | null) {
  const lookups = useLookups();
  const current = input ? JSON.stringify(input) : '';
  const key = useDebounced(current, 300);
  const query = useQuery({ ...previewQuery(lookups, key), enabled: key !== '', placeholderData: keepPreviousData });
  return {
    data: input && key !== '' ? query.data : undefined,
    error: query.error,
    /** False while the input is still settling or its answer is on its way. */
    upToDate: key === current && !query.isFetching && !query.isPlaceholderData,
  };
}
export type ScopePreviewState = ReturnType<typeof useScopePreview>;

/** "N devices in scope" and the first rows; devices a chosen-devices scope leaves out are listed with the reason. */
export function ScopePreview({ preview, complete }: { preview: ScopePreviewState; complete: boolean }) {
  const { data, error, upToDate } = preview;
  return (
    <section aria-label="Devices in scope" aria-busy={complete && !upToDate} className="rounded-md border border-slate-200 bg-white">
      <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-4 py-2.5">
        <h3 className="text-sm font-semibold text-slate-900" data-testid="scope-preview-count">
          {data ? `${data.total.toLocaleString('en-US')} ${data.total === 1 ? 'device' : 'devices'} in scope` : 'Devices in scope'}
        </h3>
        {complete && !upToDate && <span className="text-xs text-slate-500">Counting…</span>}
      </div>
      {!complete && <p className="px-4 py-3 text-sm text-slate-500">Complete the scope to see the devices it includes.</p>}
      {complete && error && <p className="px-4 py-3 text-sm text-red-600">{error.message}</p>}
      {complete && data && (
        <div className={cn(!upToDate && 'opacity-60')}>
          {data.excludedDevices.length > 0 && (
            <div className="border-b border-slate-200 bg-amber-50 px-4 py-2 text-sm text-amber-800">
              <p>Left out by the rules every job follows:</p>
              <ul className="mt-1 list-inside list-disc">
                {data.excludedDevices.map((d) => (
                  <li key={d.deviceKey}>
                    <span className="font-mono">{d.deviceKey}</span>: {d.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {data.total === 0 ? (
            <p className="px-4 py-3 text-sm text-slate-500">
              No device matches: devices must belong to the firmware&apos;s product, have reported a version other than the target, and not
              be in another job&apos;s active task.
            </p>
          ) : (
            <div className="max-h-80 overflow-y-auto">
              <DataTable
                caption="First devices in scope"
                rows={data.rows}
                rowKey={(d) => d.id}
                columns={[
                  { key: 'key', header: 'Device Key', cell: (d) => <span className="font-mono">{d.deviceKey}</span> },
                  { key: 'name', header: 'Name', cell: (d) => d.name },
                  { key: 'version', header: 'Current Version', cell: (d) => <span className="font-mono">{d.firmwareVersion}</span> },
                  { key: 'status', header: 'Status', cell: (d) => <OnlineBadge online={d.online} /> },
                ]}
              />
            </div>
          )}
          {data.total > data.rows.length && (
            <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-500">
              Showing the first {data.rows.length} of {data.total.toLocaleString('en-US')}.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
