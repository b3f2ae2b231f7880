import type { Metadata } from 'next';
import Link from 'next/link';
import { LocalTime } from '@/components/ota-jobs/local-time';
import { EmptyState } from '@/components/ui/empty-state';
import { Card, PageHeader } from '@/components/ui/page-header';
import { DataTable } from '@/components/ui/table';
import { requirePagePermission } from '@/lib/auth/session';
import { getAssetTrees } from '@/lib/services/fleet';

export const metadata: Metadata = { title: 'Asset Trees' };

export default async function AssetTreesPage() {
  const actor = await requirePagePermission('fleet:read');
  const trees = getAssetTrees({ actor });
  return (
    <>
      <PageHeader title="Asset Trees" description="Trees of sites, lines and cabinets; OTA jobs can target everything below a node." />
      <Card>
        <DataTable
          caption="Asset trees"
          rows={trees}
          rowKey={(t) => t.id}
          empty={<EmptyState title="No asset trees yet" />}
          columns={[
            {
              key: 'name',
              header: 'Tree Name',
              cell: (t) => (
                <Link href={`/asset-trees/${t.id}`} className="font-medium text-brand-700 hover:underline">
                  {t.name}
                </Link>
              ),
            },
            { key: 'nodes', header: 'Nodes', cell: (t) => t.nodeCount.toLocaleString('en-US') },
            { key: 'created', header: 'Created', cell: (t) => <LocalTime ms={t.createdAt} /> },
          ]}
        />
      </Card>
    </>
  );
}
