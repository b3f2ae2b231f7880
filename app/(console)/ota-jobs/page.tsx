import type { Metadata } from 'next';
import { JobsTable } from '@/components/ota-jobs/jobs-table';
import { RefreshWhileRunning } from '@/components/ota-jobs/refresh-while-running';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterBar, FilterField, FilterSelect, ProductFilter } from '@/components/ui/filter-bar';
import { Input } from '@/components/ui/input';
import { Card, PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/table';
import { hasPermission } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/auth/session';
import { JOB_STATUS_LABELS, JOB_STATUSES, JOB_TYPE_LABELS, type JobType } from '@/lib/ota/states';
import { getOtaJobFilterOptions, listOtaJobs } from '@/lib/services/ota-jobs';
import { first, parsePageParams, withinLastPage, type SearchParams } from '@/lib/ui/pagination';
import { otaJobListFilterSchema } from '@/lib/validation/ota-job-console';
import { jobControlActions } from './job-actions';

// SPEC 4.8 lists the filter's job types in this order (All first, from the placeholder).
const FILTER_JOB_TYPES: readonly JobType[] = ['verification', 'upgrade'];

export const metadata: Metadata = { title: 'OTA Jobs' };

export default async function OtaJobsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePagePermission('ota:read');
  const sp = await searchParams;
  const filter = otaJobListFilterSchema.parse({
    q: first(sp.q) || undefined,
    firmwareId: first(sp.firmwareId) || undefined,
    type: first(sp.type) || undefined,
    productId: first(sp.productId) || undefined,
    status: first(sp.status) || undefined,
  });
  const params = {
    q: filter.q || undefined,
    firmwareId: filter.firmwareId ? String(filter.firmwareId) : undefined,
    type: filter.type,
    productId: filter.productId ? String(filter.productId) : undefined,
    status: filter.status,
  };
  const options = getOtaJobFilterOptions({ actor });
  const {
    result: { rows, total },
    page,
  } = withinLastPage(parsePageParams(sp), (p) => listOtaJobs({ actor, filter: { ...filter, q: filter.q || undefined }, page: p }));
  const canCreate = hasPermission(actor.role, 'ota:create');
  const filtered = Object.values(params).some(Boolean);

  return (
    <>
      <PageHeader
        title="OTA Jobs"
        description="Verification and upgrade jobs of this organization: their progress, and control over their rollout."
        actions={canCreate && <ButtonLink href="/ota-jobs/new">New Job</ButtonLink>}
      />
      <RefreshWhileRunning active={rows.some((r) => r.status === 'running')} />
      <Card>
        <FilterBar resetHref="/ota-jobs">
          <FilterField id="q" label="Job Name">
            <Input id="q" name="q" type="search" defaultValue={params.q} placeholder="Search by job name" />
          </FilterField>
          <FilterSelect
            name="firmwareId"
            label="Firmware"
            value={params.firmwareId}
            placeholder="All firmware"
            options={options.firmware.map((f) => ({ value: String(f.id), label: `${f.name} (${f.version})` }))}
          />
          <FilterSelect
            name="type"
            label="Job Type"
            value={params.type}
            placeholder="All"
            options={FILTER_JOB_TYPES.map((t) => ({ value: t, label: JOB_TYPE_LABELS[t] }))}
          />
          <ProductFilter products={options.products} value={params.productId} />
          <FilterSelect
            name="status"
            label="Job Status"
            value={params.status}
            placeholder="All statuses"
            options={JOB_STATUSES.map((s) => ({ value: s, label: JOB_STATUS_LABELS[s] }))}
          />
        </FilterBar>
        <JobsTable
          caption="OTA jobs"
          rows={rows}
          actions={jobControlActions}
          canControl={hasPermission(actor.role, 'ota:control')}
          canDelete={hasPermission(actor.role, 'ota:delete')}
          empty={
            filtered ? (
              <EmptyState title="No jobs match" description="Change the filters or reset them." />
            ) : (
              <EmptyState
                title="No OTA jobs yet"
                description={
                  canCreate
                    ? 'Create a job to roll a firmware out to devices, or verify a new firmware on a few of them first.'
                    : 'Jobs created by Developers of this organization will appear here.'
                }
                action={canCreate && <ButtonLink href="/ota-jobs/new">New Job</ButtonLink>}
              />
            )
          }
        />
        <Pagination basePath="/ota-jobs" params={params} page={page.page} pageSize={page.pageSize} total={total} />
      </Card>
    </>
  );
}
