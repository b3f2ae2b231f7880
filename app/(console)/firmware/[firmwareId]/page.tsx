import type { Metadata } from 'next';
import { jobControlActions } from '@/app/(console)/ota-jobs/job-actions';
import { DeleteFirmwareButton } from '@/components/firmware/delete-firmware-button';
import { FIRMWARE_BREADCRUMB } from '@/components/firmware/firmware-breadcrumb';
import { FirmwareStatusBadge } from '@/components/firmware/firmware-status-badge';
import { VerificationMenu } from '@/components/firmware/verification-menu';
import { JobsTable } from '@/components/ota-jobs/jobs-table';
import { LocalTime } from '@/components/ota-jobs/local-time';
import { TaskRecordsTable } from '@/components/ota-jobs/task-records-table';
import { VersionDistributionChart } from '@/components/firmware/version-distribution-chart';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { DetailItem } from '@/components/ui/detail-item';
import { EmptyState } from '@/components/ui/empty-state';
import { Card, PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/table';
import { TabPanel, Tabs } from '@/components/ui/tabs';
import { hasPermission } from '@/lib/auth/permissions';
import { versionBars } from '@/lib/firmware/version-bars';
import { requirePagePermission } from '@/lib/auth/session';
import { getFirmwareDetails } from '@/lib/services/firmware';
import { listFirmwareJobs } from '@/lib/services/ota-jobs';
import { listFirmwareTaskRecords } from '@/lib/services/ota-tasks';
import { formatBytes } from '@/lib/ui/format';
import { orNotFound, parseId } from '@/lib/ui/not-found';
import { first, parsePageParams, type SearchParams } from '@/lib/ui/pagination';
import { SIGN_METHOD_LABELS } from '@/lib/validation/firmware';
import { deleteFirmwareAction } from '../actions';

export const metadata: Metadata = { title: 'Firmware details' };

type Props = {
  params: Promise<{ firmwareId: string }>;
  searchParams: SearchParams;
};

export default async function FirmwareDetailsPage({ params, searchParams }: Props) {
  const actor = await requirePagePermission('firmware:read');
  const firmwareId = parseId((await params).firmwareId);
  const sp = await searchParams;
  const tab = first(sp.tab) === 'jobs' ? 'jobs' : 'devices';
  const page = parsePageParams(sp);
  const details = orNotFound(() => getFirmwareDetails({ actor, firmwareId }));
  const { firmware: fw, product, file, tags } = details;
  const countOnly = { page: 1, pageSize: 1, offset: 0 };
  // The firmware is the actor's (getFirmwareDetails answered), so its jobs and tasks are too.
  const tasks = listFirmwareTaskRecords({ actor, firmwareId, page: tab === 'devices' ? page : countOnly });
  const jobs = listFirmwareJobs({ actor, firmwareId, page: tab === 'jobs' ? page : countOnly });
  const basePath = `/firmware/${fw.id}`;
  const bars = details.versions ? versionBars(details.versions, fw.version) : null;

  return (
    <>
      <PageHeader
        breadcrumb={FIRMWARE_BREADCRUMB}
        title={
          <span className="inline-flex items-center gap-3">
            {fw.name}
            <FirmwareStatusBadge status={fw.status} />
          </span>
        }
        description={
          <>
            Version <span className="font-mono">{fw.version}</span>
            {product && <> · {product.name}</>}
          </>
        }
        actions={
          <>
            {hasPermission(actor.role, 'firmware:delete') && (
              <DeleteFirmwareButton
                firmware={{ id: fw.id, name: fw.name, version: fw.version }}
                deleteAction={deleteFirmwareAction}
                variant="danger"
                redirectTo="/firmware"
              />
            )}
            {hasPermission(actor.role, 'ota:create') && <VerificationMenu firmwareId={fw.id} status={fw.status} />}
          </>
        }
      />

      <div className="grid gap-5 xl:grid-cols-2">
        <Card className="p-5">
          <h2 className="mb-3 text-sm font-semibold text-slate-900">Basic Information</h2>
          <dl className="grid grid-cols-[13rem_1fr] gap-y-2 text-sm">
            <DetailItem label="Firmware ID">
              <span className="font-mono">{fw.id}</span>
            </DetailItem>
            <DetailItem label="Firmware Name">{fw.name}</DetailItem>
            <DetailItem label="Version">
              <span className="font-mono">{fw.version}</span>
            </DetailItem>
            <DetailItem label="Product">
              {product ? (
                <>
                  {product.name} <span className="font-mono text-slate-500">({product.productKey})</span>
                </>
              ) : (
                <span className="text-slate-500">No product: any device can be targeted</span>
              )}
            </DetailItem>
            <DetailItem label="Status">
              <FirmwareStatusBadge status={fw.status} />
            </DetailItem>
            <DetailItem label="Description">{fw.description || <span className="text-slate-400">—</span>}</DetailItem>
            <DetailItem label="Verification Required">{fw.verificationRequired ? 'Yes' : 'No'}</DetailItem>
            {fw.verificationRequired && (
              <>
                <DetailItem label="Max Devices for Verification">{fw.maxVerifyDevices}</DetailItem>
                <DetailItem label="Min Successes to Verify">{fw.minVerifySuccesses}</DetailItem>
              </>
            )}
            <DetailItem label="Tags">
              {tags.length === 0 ? (
                <span className="text-slate-400">—</span>
              ) : (
                <span className="flex flex-wrap gap-1.5">
                  {tags.map((t) => (
                    <Badge key={t.key} tone="blue">
                      {t.key}: {t.value}
                    </Badge>
                  ))}
                </span>
              )}
            </DetailItem>
            <DetailItem label="Created By">{details.createdByName ?? <span className="text-slate-400">—</span>}</DetailItem>
            <DetailItem label="Created"><LocalTime ms={fw.createdAt} /></DetailItem>
          </dl>
        </Card>

        <Card className="p-5">
          <div className="mb-3 flex items-center justify-between gap-3">
            <h2 className="text-sm font-semibold text-slate-900">Firmware File</h2>
            <a href={`/api/firmware/${fw.id}/file`} download={fw.fileName} className={buttonClass('secondary', 'sm')}>
              Download
            </a>
          </div>
          <dl className="grid grid-cols-[10rem_1fr] gap-y-2 text-sm">
            <DetailItem label="File Name">
              <span className="break-all">{fw.fileName}</span>
            </DetailItem>
            <DetailItem label="File Size">
              {formatBytes(fw.fileSize)} <span className="text-slate-500">({fw.fileSize.toLocaleString('en-US')} bytes)</span>
            </DetailItem>
            <DetailItem label="Signature Algorithm">{SIGN_METHOD_LABELS[fw.signMethod]}</DetailItem>
            <DetailItem label="Sign">
              <Hash value={fw.sign} testId="firmware-sign" />
            </DetailItem>
            <DetailItem label="SHA256">
              <Hash value={file.sha256} testId="firmware-sha256" />
            </DetailItem>
            <DetailItem label="MD5">
              <Hash value={file.md5} testId="firmware-md5" />
            </DetailItem>
          </dl>
          <p className="mt-3 text-xs text-slate-500">
            Devices receive the sign and a download link valid for their upgrade only; the hashes were computed by the server.
          </p>
        </Card>

        <Card className="p-5 xl:col-span-2">
          <h2 className="text-sm font-semibold text-slate-900">Version Distribution</h2>
          {bars && product ? (
            <>
              <p className="mb-3 text-sm text-slate-500">
                Devices of {product.name} per current firmware version; version <span className="font-mono">{fw.version}</span> of this
                firmware is highlighted.
              </p>
              {bars.every((b) => b.devices === 0) ? (
                <p className="text-sm text-slate-500">{product.name} has no devices yet.</p>
              ) : (
                <VersionDistributionChart data={bars} highlightVersion={fw.version} />
              )}
            </>
          ) : (
            <p className="mt-1 text-sm text-slate-500">
              This firmware has no product, so there is no single fleet to chart. Firmware for a product shows how its devices are spread
              over versions.
            </p>
          )}
        </Card>
      </div>

      <Card className="mt-5">
        <div className="px-4 pt-2">
          <Tabs
            id="firmware-records"
            label="Firmware records"
            active={tab}
            items={[
              { key: 'devices', label: 'Devices', count: tasks.total, href: `${basePath}?tab=devices` },
              { key: 'jobs', label: 'Jobs', count: jobs.total, href: `${basePath}?tab=jobs` },
            ]}
          />
        </div>
        <TabPanel id="firmware-records" active={tab}>
          {tab === 'devices' ? (
            <>
              <TaskRecordsTable
                caption="Device verification and upgrade records"
                subject="device"
                rows={tasks.rows}
                empty={<EmptyState title="No device records yet" description="Devices appear here once a verification or upgrade job of this firmware includes them." />}
              />
              <Pagination basePath={basePath} params={{ tab }} page={page.page} pageSize={page.pageSize} total={tasks.total} />
            </>
          ) : (
            <>
              <JobsTable
                caption="Jobs of this firmware"
                rows={jobs.rows}
                actions={jobControlActions}
                canControl={hasPermission(actor.role, 'ota:control')}
                canDelete={hasPermission(actor.role, 'ota:delete')}
                empty={<EmptyState title="No jobs yet" description="Verification and upgrade jobs of this firmware appear here." />}
              />
              <Pagination basePath={basePath} params={{ tab }} page={page.page} pageSize={page.pageSize} total={jobs.total} />
            </>
          )}
        </TabPanel>
      </Card>
    </>
  );
}

function Hash({ value, testId }: { value: string; testId: string }) {
  return (
    <code className="font-mono text-xs break-all text-slate-700" data-testid={testId}>
      {value}
    </code>
  );
}
