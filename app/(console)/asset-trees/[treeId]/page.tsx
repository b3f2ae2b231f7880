import type { Metadata } from 'next';
import { AssetTreeView } from '@/components/fleet/asset-tree-view';
import { Card, PageHeader } from '@/components/ui/page-header';
import { requirePagePermission } from '@/lib/auth/session';
import { getAssetTree } from '@/lib/services/fleet';
import { orNotFound, parseId } from '@/lib/ui/not-found';

export const metadata: Metadata = { title: 'Asset tree' };

export default async function AssetTreePage({ params }: { params: Promise<{ treeId: string }> }) {
  const actor = await requirePagePermission('fleet:read');
  const treeId = parseId((await params).treeId);
  const { tree, nodes } = orNotFound(() => getAssetTree({ actor, treeId }));
  const deviceCount = nodes.filter((n) => n.kind === 'device').length;
  return (
    <>
      <PageHeader
        breadcrumb={{ href: '/asset-trees', label: 'Asset Trees' }}
        title={tree.name}
        description={`${nodes.length} nodes, ${deviceCount} of them devices`}
      />
      <Card className="p-5">
        <AssetTreeView nodes={nodes} />
      </Card>
    </>
  );
}
