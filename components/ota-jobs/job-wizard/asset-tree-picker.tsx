'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Checkbox } from '@/components/ui/checkbox';
import { describedBy, FieldErrors } from '@/components/ui/field';
import type { FieldErrors as Errors } from '@/lib/errors';
import type { AssetTreeNodeOption } from '@/lib/services/job-wizard';
import { countDevicesAtOrBelow, devicesLabel } from '@/lib/ui/asset-tree';
import { cn } from '@/lib/ui/cn';
import { jobScopeSchema } from '@/lib/validation/ota-job';
import type { TreeRow } from './form-values';
import { unwrap, useLookups } from './lookups';

export type AssetTreeOption = { id: number; name: string; nodeCount: number };

/** The schema's refusal of this many trees ("at most 5"), or null while the count is allowed. */
function treeCountRefusal(rows: TreeRow[]): string | null {
  const probe = jobScopeSchema.safeParse({ type: 'asset_tree', trees: rows.map((r) => ({ treeId: r.treeId, nodeIds: [1] })) });
  return probe.error?.issues.find((i) => i.code === 'too_big' && i.path.join('.') === 'trees')?.message ?? null;
}

/**
 * "By Asset Tree": up to five of the OU's trees and, in each, root or parent nodes; every device at or below a chosen
 * node is in scope (a chosen device node included). Choosing a sixth tree is refused with the schema's message.
 */
export function AssetTreePicker({
  trees,
  rows,
  onChange,
  errors,
}: {
  trees: AssetTreeOption[];
  rows: TreeRow[];
  onChange: (rows: TreeRow[]) => void;
  errors: Errors;
}) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const treeErrors = refusal ? [refusal] : errors['scope.trees'];

  function toggleTree(treeId: number, on: boolean) {
    const next = on ? [...rows, { treeId, nodeIds: [] }] : rows.filter((r) => r.treeId !== treeId);
    const refused = on ? treeCountRefusal(next) : null;
    setRefusal(refused);
    if (!refused) onChange(next);
  }

  return (
    <div className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2" aria-describedby={describedBy('job-trees', { hint: true, errors: treeErrors })}>
        <legend className="mb-1 text-sm font-medium text-slate-700">Asset Trees</legend>
        {trees.length === 0 ? (
          <p className="text-sm text-amber-700">This organization has no asset trees yet.</p>
        ) : (
          <div className="flex flex-wrap gap-2">
            {trees.map((tree) => {
              const id = `job-tree-${tree.id}`;
              const checked = rows.some((r) => r.treeId === tree.id);
              return (
                <div
                  key={tree.id}
                  className={cn(
                    'inline-flex items-center gap-2 rounded-md border px-3 py-1.5 text-sm',
                    checked ? 'border-brand-500 bg-brand-50' : 'border-slate-300 bg-white',
                  )}
                >
                  <Checkbox id={id} checked={checked} onChange={(e) => toggleTree(tree.id, e.target.checked)} />
                  <label htmlFor={id} className="cursor-pointer text-slate-800">
                    {tree.name}
                  </label>
                  <span className="text-xs text-slate-400">{tree.nodeCount} nodes</span>
                </div>
              );
            })}
          </div>
        )}
        <p id="job-trees-hint" className="text-xs text-slate-500">
          Choose up to 5 trees, then root or parent nodes in each: every device at or below a chosen node is upgraded.
        </p>
        <FieldErrors id="job-trees" errors={treeErrors} />
      </fieldset>
      {rows.map((row, i) => (
        <TreeNodes
          key={row.treeId}
          treeName={trees.find((t) => t.id === row.treeId)?.name ?? `Tree ${row.treeId}`}
          treeId={row.treeId}
          chosen={row.nodeIds}
          onChange={(nodeIds) => onChange(rows.map((r, j) => (j === i ? { ...r, nodeIds } : r)))}
          errors={errors[`scope.trees.${i}.nodeIds`] ?? errors[`scope.trees.${i}.treeId`]}
        />
      ))}
    </div>
  );
}

function TreeNodes({
  treeName,
  treeId,
  chosen,
  onChange,
  errors,
}: {
  treeName: string;
  treeId: number;
  chosen: number[];
  onChange: (nodeIds: number[]) => void;
  errors?: string[];
}) {
  const lookups = useLookups();
  const messageId = `job-tree-${treeId}-nodes`;
  const nodes = useQuery({
    queryKey: ['job-form', 'tree-nodes', treeId],
    queryFn: () => unwrap(lookups.listTreeNodes({ treeId })),
  });
  // Roots and the nodes above a chosen one start open, everything else closed, until the user opens or closes them.
  const [opened, setOpened] = useState<ReadonlyMap<number, boolean>>(new Map());
  const children = new Map<number | null, AssetTreeNodeOption[]>();
  const parentOf = new Map<number, number | null>();
  for (const n of nodes.data ?? []) {
    parentOf.set(n.id, n.parentId);
    const list = children.get(n.parentId);
    if (list) list.push(n);
    else children.set(n.parentId, [n]);
  }
  const devices = countDevicesAtOrBelow(nodes.data ?? []);
  const aboveChosen = new Set<number>();
  for (const id of chosen) {
    for (let p = parentOf.get(id); p != null && !aboveChosen.has(p); p = parentOf.get(p)) aboveChosen.add(p);
  }

  const descendants = (id: number): number[] => (children.get(id) ?? []).flatMap((c) => [c.id, ...descendants(c.id)]);
  function toggle(id: number, on: boolean) {
    // A chosen node covers its subtree, so choices below it are dropped.
    const below = new Set(descendants(id));
    onChange(on ? [...chosen.filter((c) => !below.has(c)), id] : chosen.filter((c) => c !== id));
  }

  const render = (parentId: number | null, depth: number, coveredBy: string | null) => (
    <ul className={depth === 0 ? 'flex flex-col gap-0.5' : 'ml-4 flex flex-col gap-0.5 border-l border-slate-200 pl-3'}>
      {(children.get(parentId) ?? []).map((n) => {
        const sub = children.get(n.id) ?? [];
        const open = opened.get(n.id) ?? (depth === 0 || aboveChosen.has(n.id));
        const picked = chosen.includes(n.id);
        const id = `job-tree-${treeId}-node-${n.id}`;
        return (
          <li key={n.id}>
            <div className="flex items-center gap-2 py-0.5">
              {sub.length > 0 ? (
                <button
                  type="button"
                  aria-label={`${open ? 'Collapse' : 'Expand'} ${n.name}`}
                  aria-expanded={open}
                  onClick={() => setOpened((m) => new Map(m).set(n.id, !open))}
                  className="w-4 text-xs text-slate-500 hover:text-slate-900"
                >
                  {open ? '▾' : '▸'}
                </button>
              ) : (
                <span className="w-4" />
              )}
              <Checkbox
                id={id}
                checked={picked || coveredBy !== null}
                disabled={coveredBy !== null}
                title={coveredBy ? `Included with ${coveredBy}` : undefined}
                onChange={(e) => toggle(n.id, e.target.checked)}
              />
              <label htmlFor={id} className={cn('text-sm', n.kind === 'device' ? 'font-mono text-slate-700' : 'font-medium text-slate-800')}>
                {n.name}
              </label>
              <span className="text-xs text-slate-400">
                {n.kind === 'device' ? `device${n.firmwareVersion ? ` · v${n.firmwareVersion}` : ''}` : devicesLabel(devices.get(n.id) ?? 0)}
              </span>
            </div>
            {sub.length > 0 && open && render(n.id, depth + 1, coveredBy ?? (picked ? n.name : null))}
          </li>
        );
      })}
    </ul>
  );

  return (
    <fieldset className="rounded-md border border-slate-200 p-3" aria-describedby={describedBy(messageId, { hint: true, errors })}>
      <legend className="px-1 text-sm font-medium text-slate-700">Nodes of {treeName}</legend>
      {nodes.isPending && <p className="text-sm text-slate-500">Loading the tree…</p>}
      {nodes.isError && <p className="text-sm text-red-600">{nodes.error.message}</p>}
      {nodes.data?.length === 0 && <p className="text-sm text-slate-500">This tree has no nodes.</p>}
      {nodes.data && render(null, 0, null)}
      <p id={`${messageId}-hint`} className="mt-2 text-xs text-slate-500">
        {chosen.length === 0 ? 'No node chosen yet.' : `${chosen.length} ${chosen.length === 1 ? 'node' : 'nodes'} chosen.`}
      </p>
      <FieldErrors id={messageId} errors={errors} />
    </fieldset>
  );
}
