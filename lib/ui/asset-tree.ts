type TreeNodeLink = { id: number; parentId: number | null; kind: 'asset' | 'device' };

/** Devices at or below each node of a tree (a device node counts itself), for "25 devices" beside a node. */
export function countDevicesAtOrBelow(nodes: readonly TreeNodeLink[]): Map<number, number> {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  const counts = new Map<number, number>(nodes.map((n) => [n.id, 0]));
  for (const n of nodes) {
    if (n.kind !== 'device') continue;
    for (let id: number | null | undefined = n.id; id != null; id = parentOf.get(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** "1 device", "25 devices". */
export function devicesLabel(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'device' : 'devices'}`;
}
