import type { Metadata } from 'next';
import Link from 'next/link';
import { DeleteFirmwareButton } from '@/components/firmware/delete-firmware-button';
import { FirmwareStatusBadge } from '@/components/firmware/firmware-status-badge';
import { LocalTime } from '@/components/ota-jobs/local-time';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterBar, FilterField, FilterSelect, ProductFilter } from '@/components/ui/filter-bar';
import { Input } from '@/components/ui/input';
import { Card, PageHeader } from '@/components/ui/page-header';
import { DataTable, Pagination } from '@/components/ui/table';
import { hasPermission } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/auth/session';
import { FIRMWARE_STATUS_LABELS, FIRMWARE_STATUSES } from '@/lib/ota/states';
import { getFirmwareFilterOptions, searchFirmware } from '@/lib/services/firmware';
import { formatBytes } from '@/lib/ui/format';
import { first, parsePageParams, withinLastPage, type SearchParams } from '@/lib/ui/pagination';
import { firmwareListFilterSchema, SIGN_METHOD_LABELS } from '@/lib/validation/firmware';
import { deleteFirmwareAction } from './actions';

export const metadata: Metadata = { title: 'Firmware Management' };

export default async function FirmwarePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePagePermission('firmware:read');
  const sp = await searchParams;
  const filter = firmwareListFilterSchema.parse({
    q: first(sp.q) || undefined,
    productId: first(sp.productId) || undefined,
    status: first(sp.status) || undefined,
    sort: first(sp.sort),
  });
  const params = {
    q: filter.q || undefined,
    productId: filter.productId ? String(filter.productId) : undefined,
    status: filter.status,
    sort: filter.sort === 'created_asc' ? filter.sort : undefined,
  };
  const { products } = getFirmwareFilterOptions({ actor });
  const {
    result: { rows, total },
    page,
  } = withinLastPage(parsePageParams(sp), (p) => searchFirmware({ actor, filter, sort: filter.sort, page: p }));
  const canCreate = hasPermission(actor.role, 'firmware:create');
  const canDelete = hasPermission(actor.role, 'firmware:delete');
  const filtered = Boolean(params.q || params.productId || params.status);

  const sortHref = () => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...params, sort: filter.sort === 'created_asc' ? undefined : 'created_asc' })) if (v) qs.set(k, v);
    qs.set('pageSize', String(page.pageSize));
    return `/firmware?${qs.toString()}`;
  };

  return (
    <>
      <PageHeader
        title="Firmware Management"
        description="Firmware files of this organization, their verification status, and the jobs that roll them out."
        actions={canCreate && <ButtonLink href="/firmware/new">Add Firmware</ButtonLink>}
      />
      <Card>
        <FilterBar resetHref="/firmware">
          <FilterField id="q" label="Firmware Name">
            <Input id="q" name="q" type="search" defaultValue={params.q} placeholder="Search by name" />
          </FilterField>
          <ProductFilter products={products} value={params.productId} />
          <FilterSelect
            name="status"
            label="Status"
            value={params.status}
            placeholder="All statuses"
            options={FIRMWARE_STATUSES.map((s) => ({ value: s, label: FIRMWARE_STATUS_LABELS[s] }))}
          />
          {params.sort && <input type="hidden" name="sort" value={params.sort} />}
        </FilterBar>
        <DataTable
          caption="Firmware"
          rows={rows}
          rowKey={(r) => r.id}
          empty={
            filtered ? (
              <EmptyState title="No firmware matches" description="Change the filters or reset them." />
            ) : (
              <EmptyState
                title="No firmware yet"
                description={
                  canCreate
                    ? 'Upload a firmware file to verify it on a few devices and roll it out with OTA jobs.'
                    : 'Firmware uploaded by Developers of this organization will appear here.'
                }
                action={canCreate && <ButtonLink href="/firmware/new">Add Firmware</ButtonLink>}
              />
            )
          }
          columns={[
            { key: 'id', header: 'Firmware ID', cell: (r) => <span className="font-mono text-slate-500">{r.id}</span> },
            {
              key: 'name',
              header: 'Firmware Name',
              cell: (r) => (
                <Link href={`/firmware/${r.id}`} className="font-medium text-brand-700 hover:underline">
                  {r.name}
                </Link>
              ),
              // Names are at most 32 characters: one line reads better than three.
              className: 'whitespace-nowrap',
            },
            { key: 'version', header: 'Version', cell: (r) => <span className="font-mono">{r.version}</span> },
            { key: 'product', header: 'Product', cell: (r) => r.productName ?? <span className="text-slate-400">Any product</span> },
            { key: 'status', header: 'Status', cell: (r) => <FirmwareStatusBadge status={r.status} />, className: 'whitespace-nowrap' },
            { key: 'signMethod', header: 'Signature Algorithm', cell: (r) => SIGN_METHOD_LABELS[r.signMethod] },
            { key: 'size', header: 'File Size', cell: (r) => formatBytes(r.fileSize), className: 'whitespace-nowrap' },
            {
              key: 'created',
              header: (
                <Link href={sortHref()} className="inline-flex items-center gap-1 hover:text-slate-900" aria-label={`Created time, sorted ${filter.sort === 'created_asc' ? 'oldest' : 'newest'} first`}>
                  Created <span aria-hidden>{filter.sort === 'created_asc' ? '↑' : '↓'}</span>
                </Link>
              ),
              cell: (r) => <LocalTime ms={r.createdAt} stacked />,
              className: 'whitespace-nowrap',
            },
            {
              key: 'actions',
              header: <span className="sr-only">Actions</span>,
              className: 'whitespace-nowrap text-right',
              cell: (r) => (
                <span className="inline-flex items-center gap-3">
                  <Link href={`/firmware/${r.id}`} className="text-sm font-medium text-brand-700 hover:underline" aria-label={`View Details of ${r.name} ${r.version}`}>
                    View Details
                  </Link>
                  {canDelete && <DeleteFirmwareButton firmware={{ id: r.id, name: r.name, version: r.version }} deleteAction={deleteFirmwareAction} />}
                </span>
              ),
            },
          ]}
        />
        <Pagination basePath="/firmware" params={params} page={page.page} pageSize={page.pageSize} total={total} />
      </Card>
    </>
  );
}
