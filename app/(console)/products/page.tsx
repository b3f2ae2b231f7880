import type { Metadata } from 'next';
import Link from 'next/link';
import { LocalTime } from '@/components/ota-jobs/local-time';
import { EmptyState } from '@/components/ui/empty-state';
import { Card, PageHeader } from '@/components/ui/page-header';
import { DataTable } from '@/components/ui/table';
import { requirePagePermission } from '@/lib/auth/session';
import { getProducts } from '@/lib/services/fleet';

export const metadata: Metadata = { title: 'Products' };

export default async function ProductsPage() {
  const actor = await requirePagePermission('fleet:read');
  const rows = getProducts({ actor });
  return (
    <>
      <PageHeader title="Products" description="Firmware and devices belong to a product." />
      <Card>
        <DataTable
          caption="Products"
          rows={rows}
          rowKey={(r) => r.id}
          empty={<EmptyState title="No products yet" />}
          columns={[
            { key: 'name', header: 'Product Name', cell: (r) => <span className="font-medium text-slate-900">{r.name}</span> },
            { key: 'key', header: 'Product Key', cell: (r) => <span className="font-mono">{r.productKey}</span> },
            { key: 'description', header: 'Description', cell: (r) => r.description || '—' },
            {
              key: 'devices',
              header: 'Devices',
              cell: (r) => (
                <Link href={`/devices?productId=${r.id}`} className="text-brand-700 hover:underline">
                  {r.deviceCount.toLocaleString('en-US')}
                </Link>
              ),
            },
            { key: 'created', header: 'Created', cell: (r) => <LocalTime ms={r.createdAt} /> },
          ]}
        />
      </Card>
    </>
  );
}
