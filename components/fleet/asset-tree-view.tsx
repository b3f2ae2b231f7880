import Link from 'next/link';
import { countDevicesAtOrBelow, devicesLabel } from '@/lib/ui/asset-tree';

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
  const devices = countDevicesAtOrBelow(nodes);
  const render = (parentId: number | null, depth: number) => {
    const list = children.get(parentId);
    if (!list?.length) return null;
    return (
      <ul role={depth === 0 ? 'tree' : 'group'} className={depth === 0 ? 'text-sm' : 'ml-5 border-l border-slate-200 pl-3'}>
        {list.map((n) => {
          const sub = children.get(n.id);
          const label = <NodeLabel node={n} devices={devices.get(n.id) ?? 0} />;
          return (
            <li key={n.id} role="treeitem" aria-label={n.deviceKey ?? n.name} aria-selected={false} className="py-0.5">
              {sub?.length ? (
                <details open={depth < 2}>
                  {/* One disclosure triangle (ours), not the browser's marker as well. */}
                  <summary className="flex cursor-pointer list-none items-center gap-1.5 rounded px-1 py-0.5 hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
                    <span aria-hidden className="w-3 text-xs text-slate-400 transition-transform [details[open]>summary>&]:rotate-90">
                      ▸
                    </span>
                    {label}
                  </summary>
                  {render(n.id, depth + 1)}
                </details>
              ) : (
                <div className="flex items-center gap-1.5 px-1 py-0.5">
                  <span aria-hidden className="w-3" />
                  {label}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    );
  };
  return render(null, 0);
}

function NodeLabel({ node, devices }: { node: TreeNode; devices: number }) {
  if (node.kind === 'device' && node.deviceId) {
    return (
      <span className="inline-flex items-center gap-2">
        <span aria-hidden className={`size-2 rounded-full ${node.online ? 'bg-emerald-500' : 'bg-slate-300'}`} />
        <Link href={`/devices/${node.deviceId}`} className="font-mono text-brand-700 hover:underline">
          {node.deviceKey ?? node.name}
        </Link>
        <span className="text-xs text-slate-400">device{node.firmwareVersion ? ` · v${node.firmwareVersion}` : ''}</span>
        {devices > 1 && <span className="text-xs text-slate-400">· {devicesLabel(devices - 1)} below</span>}
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-2">
      <span className="font-medium text-slate-800">{node.name}</span>
      <span className="text-xs text-slate-400">{devicesLabel(devices)}</span>
    </span>
  );
}
