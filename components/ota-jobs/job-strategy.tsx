'use client';

import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import type { OtaJob } from '@/db/schema';
import { SCOPE_TYPE_LABELS, type AttributeCondition, type JobScope } from '@/lib/ota/scope-types';
import { UPGRADE_METHOD_LABELS } from '@/lib/ota/states';
import { formatDateTime } from '@/lib/ui/format';
import { RETRY_INTERVAL_OPTIONS } from '@/lib/validation/ota-job';

export type ScopeNodeName = { id: number; treeId: number; name: string; treeName: string };

/** Device keys listed before "and N more". */
const KEYS_SHOWN = 30;

function duration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes % 60) return `${minutes} minutes`;
  const hours = minutes / 60;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

const onOff = (v: boolean) => (v ? 'On' : 'Off');

function attributeText(c: AttributeCondition): string {
  if ('values' in c) return `${c.name} is ${c.values.join(' or ')}`;
  const { min, max } = c.range;
  if (min !== undefined && max !== undefined) return `${c.name} from ${min} to ${max}`;
  return min !== undefined ? `${c.name} ≥ ${min}` : `${c.name} ≤ ${max}`;
}

function ScopeDetails({ scope, nodes }: { scope: JobScope; nodes: ScopeNodeName[] }) {
  switch (scope.type) {
    case 'all':
      return <>Every device of the product on one of the versions above</>;
    case 'devices': {
      const more = scope.deviceKeys.length - KEYS_SHOWN;
      return (
        <>
          <span className="font-mono text-xs break-words">{scope.deviceKeys.slice(0, KEYS_SHOWN).join(', ')}</span>
          {more > 0 && <span className="text-slate-500"> and {more.toLocaleString('en-US')} more</span>}
        </>
      );
    }
    case 'attribute':
      return <ConditionList items={scope.conditions.map(attributeText)} />;
    case 'tag':
      return <ConditionList items={scope.conditions.map((c) => `${c.key} is ${c.values.join(' or ')}`)} />;
    case 'asset_tree':
      return (
        <ConditionList
          items={scope.trees.map((t) => {
            const named = nodes.filter((n) => n.treeId === t.treeId);
            const treeName = named[0]?.treeName ?? `Asset tree ${t.treeId}`;
            const nodeNames = t.nodeIds.map((id) => named.find((n) => n.id === id)?.name ?? `node ${id} (deleted)`);
            return `${treeName}: ${nodeNames.join(', ')}`;
          })}
        />
      );
  }
}

function ConditionList({ items }: { items: string[] }) {
  return (
    <ul className="list-inside list-disc space-y-0.5">
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );
}

/** The schedule in the job's own time zone; a daily window as its times of day. */
function scheduleText(job: OtaJob): string {
  const { scheduleStart: start, scheduleEnd: end, timeZone } = job;
  if (start === null && end === null) return 'None: pushes at any time';
  const at = (ms: number) => formatDateTime(ms, timeZone);
  if (job.repeatDaily && start !== null && end !== null) {
    const [day, from] = at(start).split(' ');
    const to = at(end).split(' ')[1];
    return `Every day ${from.slice(0, 5)}–${to.slice(0, 5)} from ${day} (${timeZone})`;
  }
  return `${start === null ? 'Now' : at(start)} – ${end === null ? 'no end' : at(end)} (${timeZone})`;
}

/** The job's whole scope and strategy behind "Expand" (SPEC 4.7); a one-line summary when collapsed. */
export function JobStrategy({ job, scopeNodes }: { job: OtaJob; scopeNodes: ScopeNodeName[] }) {
  const [expanded, setExpanded] = useState(false);
  const schedule = scheduleText(job);
  const retryLabel = RETRY_INTERVAL_OPTIONS.find((o) => o.minutes * 60 === job.retryIntervalSeconds)?.label ?? duration(job.retryIntervalSeconds);
  const items: [string, ReactNode][] = [
    ['Upgrade Method', UPGRADE_METHOD_LABELS[job.method]],
    [
      'Upgrade From Versions',
      job.fromVersions.length ? <span className="font-mono">{job.fromVersions.join(', ')}</span> : 'Every version but the target',
    ],
    ['Scope Type', SCOPE_TYPE_LABELS[job.scope.type]],
    ['Scope', <ScopeDetails key="scope" scope={job.scope} nodes={scopeNodes} />],
    ['Maximum Task Concurrency', job.maxConcurrency.toLocaleString('en-US')],
    ['Upgrade Timeout', duration(job.timeoutSeconds)],
    ['Retry Failed Tasks', onOff(job.retryEnabled)],
    ...(job.retryEnabled
      ? ([
          ['Retry Interval', retryLabel],
          ['Max Retry Attempts', String(job.maxRetries)],
        ] as [string, ReactNode][])
      : []),
    ['Schedule', schedule],
    ['Repeat Every Day', onOff(job.repeatDaily)],
    ['Enable Upon Device Request Upgrade', onOff(job.deviceRequestEnabled)],
    ['Start Job Upon Creation', onOff(job.startOnCreate)],
  ];

  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">
          {UPGRADE_METHOD_LABELS[job.method]} · {SCOPE_TYPE_LABELS[job.scope.type]} · concurrency {job.maxConcurrency.toLocaleString('en-US')} ·
          timeout {duration(job.timeoutSeconds)} · retry {job.retryEnabled ? `up to ${job.maxRetries}×` : 'off'}
        </p>
        <Button variant="link" size="sm" aria-expanded={expanded} aria-controls="job-strategy" onClick={() => setExpanded((e) => !e)}>
          {expanded ? 'Collapse' : 'Expand'}
        </Button>
      </div>
      {expanded && (
        <dl id="job-strategy" className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 border-t border-slate-100 pt-3 text-sm sm:grid-cols-[16rem_1fr]">
          {items.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd className="min-w-0 text-slate-800">{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
