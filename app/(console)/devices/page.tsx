import type { Metadata } from 'next';
import Link from 'next/link';
import { OnlineBadge } from '@/components/devices/online-badge';
import { ButtonLink } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { FilterBar, FilterField, FilterSelect, ProductFilter } from '@/components/ui/filter-bar';
import { Card, PageHeader } from '@/components/ui/page-header';
import { DataTable, Pagination } from '@/components/ui/table';
import { EmptyState } from '@/components/ui/empty-state';
import { NEVER_REPORTED } from '@/db/queries/devices';
import { hasPermission } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/auth/session';
import { getDeviceFilterOptions, searchDevices } from '@/lib/services/fleet';
import { formatAgo } from '@/lib/ui/format';
import { first, parsePageParams, withinLastPage, type SearchParams } from '@/lib/ui/pagination';

export const metadata: Metadata = { title: 'Devices' };

export default async function DevicesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePagePermission('fleet:read');
  const sp = await searchParams;
  const params = {
    q: first(sp.q)?.trim() || undefined,
    productId: first(sp.productId) || undefined,
    version: first(sp.version) || undefined,
    online: first(sp.online) || undefined,
    tagKey: first(sp.tagKey) || undefined,
    tagValue: first(sp.tagValue)?.trim() || undefined,
  };
  const options = getDeviceFilterOptions({ actor });
  const filter = {
    q: params.q,
    productId: params.productId ? Number(params.productId) : undefined,
    version: params.version,
    online: params.online === 'online' ? true : params.online === 'offline' ? false : undefined,
    tag: params.tagKey ? { key: params.tagKey, value: params.tagValue } : undefined,
  };
  const {
    result: { rows, total },
    page,
  } = withinLastPage(parsePageParams(sp), (p) => searchDevices({ actor, filter, page: p }));

  return (
    <>
      <PageHeader
        title="Devices"
        description="Devices of this organization, with the firmware version each last reported."
        actions={hasPermission(actor.role, 'fleet:write') && <ButtonLink href="/devices/import">Import Devices</ButtonLink>}
      />
      <Card>
        <FilterBar resetHref="/devices">
          <FilterField id="q" label="Search">
            <Input id="q" name="q" defaultValue={params.q} placeholder="Key or name" />
          </FilterField>
          <ProductFilter products={options.products} value={params.productId} />
          <FilterSelect
            name="version"
            label="Firmware version"
            value={params.version}
            placeholder="All versions"
            options={[...options.versions.map((v) => ({ value: v, label: v })), { value: NEVER_REPORTED, label: 'Never reported' }]}
          />
          <FilterSelect
            name="online"
            label="State"
            value={params.online}
            placeholder="Any state"
            options={[{ value: 'online', label: 'Online' }, { value: 'offline', label: 'Offline' }]}
          />
          <FilterSelect
            name="tagKey"
            label="Tag"
            value={params.tagKey}
            placeholder="Any tag"
            options={options.tagKeys.map((k) => ({ value: k, label: k }))}
          />
          <FilterField id="tagValue" label="Tag value">
            <Input id="tagValue" name="tagValue" defaultValue={params.tagValue} placeholder="any value" />
          </FilterField>
        </FilterBar>
        <DataTable
          caption="Devices"
          rows={rows}
          rowKey={(r) => r.id}
          empty={<EmptyState title="No devices match" description="Change the filters or reset them." />}
          columns={[
            {
              key: 'deviceKey',
              header: 'Device Key',
              cell: (r) => (
                <Link href={`/devices/${r.id}`} className="font-mono text-brand-700 hover:underline">
                  {r.deviceKey}
                </Link>
              ),
            },
            { key: 'name', header: 'Name', cell: (r) => r.name },
            { key: 'product', header: 'Product', cell: (r) => r.productName },
            {
              key: 'version',
              header: 'Firmware Version',
              cell: (r) => (r.firmwareVersion ? <span className="font-mono">{r.firmwareVersion}</span> : <span className="text-slate-400">Not reported</span>),
            },
            { key: 'online', header: 'State', cell: (r) => <OnlineBadge online={r.online} /> },
            { key: 'lastSeen', header: 'Last Seen', cell: (r) => formatAgo(r.lastSeenAt) },
          ]}
        />
        <Pagination basePath="/devices" params={params} page={page.page} pageSize={page.pageSize} total={total} />
      </Card>
    </>
  );
}
