import Link from 'next/link';
import type { Column } from '@/components/ui/table';
import type { TaskState } from '@/lib/ota/states';

/** A task's progress as the device last reported it: a bar and the percentage (succeeded tasks are full). */
export function TaskProgress({ state, progress }: { state: TaskState; progress: number | null }) {
  const pct = state === 'succeeded' ? 100 : progress;
  if (pct === null) return <span className="text-slate-400">—</span>;
  return (
    <span className="inline-flex items-center gap-2" title={`${pct}%`}>
      <span className="h-1.5 w-16 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        <span
          className={`block h-full rounded-full ${state === 'failed' ? 'bg-red-400' : state === 'succeeded' ? 'bg-emerald-500' : 'bg-violet-500'}`}
          style={{ width: `${Math.max(0, Math.min(100, pct))}%` }}
        />
      </span>
      <span className="tabular-nums">{pct}%</span>
    </span>
  );
}

/** "1.0.0 → 2.0.0" (a dash when the device had not reported a version). */
export function VersionChange({ from, to }: { from: string | null; to: string }) {
  return (
    <span className="font-mono whitespace-nowrap">
      {from ?? '—'} <span className="text-slate-400">→</span> {to}
    </span>
  );
}

/** The "Firmware" column of job and task rows: the firmware's name, linking to its details. */
export function firmwareColumn<T extends { firmwareId: number; firmwareName: string }>(): Column<T> {
  return {
    key: 'firmware',
    header: 'Firmware',
    cell: (r) => (
      <Link href={`/firmware/${r.firmwareId}`} className="text-brand-700 hover:underline">
        {r.firmwareName}
      </Link>
    ),
  };
}
