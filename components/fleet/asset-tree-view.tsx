import Link from 'next/link';

export type TreeNode = {
  id: number;
  parentId: number | null;
  name: string;
  kind: 'asset' | 'device';
  deviceId: number | null;
  deviceKey: string | null;
  online: boolean | null;
  firmwareVersion: string | null;
};

/** Renders a flat node list (parents first) as a collapsible tree; device nodes link to the device. */
export function AssetTreeView({ nodes }: { nodes: TreeNode[] }) {
  const children = new Map<number | null, TreeNode[]>();
  for (const n of nodes) {
    const list = children.get(n.parentId) ?? [];
    list.push(n);
    children.set(n.parentId, list);
  }
  const render = (parentId: number | null, depth: number) => {
    const list = children.get(parentId);
    if (!list?.length) return null;
    return (
      <ul role={depth === 0 ? 'tree' : 'group'} className={depth === 0 ? 'text-sm' : 'ml-5 border-l border-slate-200 pl-3'}>
        {list.map((n) => {
          const sub = children.get(n.id);
          const label = <NodeLabel node={n} childCount={sub?.length ?? 0} />;
          return (
            <li key={n.id} role="treeitem" aria-label={n.deviceKey ?? n.name} aria-selected={false} className="py-0.5">
              {sub?.length ? (
                <details open={depth < 2}>
                  <summary className="cursor-pointer rounded px-1 py-0.5 hover:bg-slate-50">{label}</summary>
                  {render(n.id, depth + 1)}
                </details>
              ) : (
                <div className="px-1 py-0.5 pl-4">{label}</div>
              )}
            </li>
          );
        })}
      </ul>
    );
  };
  return render(null, 0);
}

function NodeLabel({ node, childCount }: { node: TreeNode; childCount: number }) {
  if (node.kind === 'device' && node.deviceId) {
    return (
      <span className="inline-flex items-center gap-2">
        <span aria-hidden className={`size-2 rounded-full ${node.online ? 'bg-emerald-500' : 'bg-slate-300'}`} />
        <Link href={`/devices/${node.deviceId}`} className="font-mono text-brand-700 hover:underline">
          {node.deviceKey ?? node.name}
        </Link>
        <span className="text-xs text-slate-400">device{node.firmwareVersion ? ` · v${node.firmwareVersion}` : ''}</span>
        {childCount > 0 && <span className="text-xs text-slate-400">· {childCount} below</span>}
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-2">
      <span aria-hidden className="text-slate-400">▸</span>
      <span className="font-medium text-slate-800">{node.name}</span>
      {childCount > 0 && <span className="text-xs text-slate-400">{childCount}</span>}
    </span>
  );
}
