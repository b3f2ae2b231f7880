import type { Metadata } from 'next';
import Link from 'next/link';
import { OnlineBadge } from '@/components/devices/online-badge';
import { LocalTime } from '@/components/ota-jobs/local-time';
import { TaskRecordsTable } from '@/components/ota-jobs/task-records-table';
import { Badge } from '@/components/ui/badge';
import { DetailItem } from '@/components/ui/detail-item';
import { EmptyState } from '@/components/ui/empty-state';
import { Card, PageHeader } from '@/components/ui/page-header';
import { hasPermission } from '@/lib/auth/permissions';
import { requirePagePermission } from '@/lib/auth/session';
import { getDeviceDetails } from '@/lib/services/fleet';
import { listDeviceOtaHistory } from '@/lib/services/ota-tasks';
import { formatAgo } from '@/lib/ui/format';
import { orNotFound, parseId } from '@/lib/ui/not-found';

export const metadata: Metadata = { title: 'Device details' };

/** The device's most recent OTA tasks shown; older ones stay in their jobs. */
const HISTORY_ROWS = 100;

export default async function DeviceDetailsPage({ params }: { params: Promise<{ deviceId: string }> }) {
  const actor = await requirePagePermission('fleet:read');
  const deviceId = parseId((await params).deviceId);
  const { device, product, attributes, tags, locations } = orNotFound(() => getDeviceDetails({ actor, deviceId }));
  const history = hasPermission(actor.role, 'ota:read') ? listDeviceOtaHistory({ actor, deviceId, limit: HISTORY_ROWS }) : null;

  return (
    <>
      <PageHeader
        breadcrumb={{ href: '/devices', label: 'Devices' }}
        title={<span className="font-mono">{device.deviceKey}</span>}
        description={device.name}
        actions={<OnlineBadge online={device.online} />}
      />
      <div className="grid gap-5 lg:grid-cols-2">
        <Card className="p-5">
          <h2 className="mb-3 text-sm font-semibold text-slate-900">Basic Information</h2>
          <dl className="grid grid-cols-[10rem_1fr] gap-y-2 text-sm">
            <DetailItem label="Device Key"><span className="font-mono">{device.deviceKey}</span></DetailItem>
            <DetailItem label="Device Name">{device.name}</DetailItem>
            <DetailItem label="Product">
              {product.name} <span className="font-mono text-slate-500">({product.productKey})</span>
            </DetailItem>
            <DetailItem label="Firmware Version">
              {device.firmwareVersion ? <span className="font-mono">{device.firmwareVersion}</span> : <span className="text-slate-400">Not reported yet</span>}
            </DetailItem>
            <DetailItem label="Version Reported"><LocalTime ms={device.versionReportedAt} /></DetailItem>
            <DetailItem label="Last Seen">
              {formatAgo(device.lastSeenAt)} {device.lastSeenAt && <span className="text-slate-500">(<LocalTime ms={device.lastSeenAt} />)</span>}
            </DetailItem>
            <DetailItem label="Created"><LocalTime ms={device.createdAt} /></DetailItem>
          </dl>
        </Card>
        <Card className="p-5">
          <h2 className="mb-3 text-sm font-semibold text-slate-900">Attributes</h2>
          {attributes.length === 0 ? (
            <p className="text-sm text-slate-500">No attributes.</p>
          ) : (
            <dl className="grid grid-cols-[10rem_1fr] gap-y-2 text-sm">
              {attributes.map((a) => (
                <DetailItem key={a.name} label={a.name}>
                  <span className="font-mono">{a.valueText}</span>
                  {a.valueNum !== null && <span className="ml-2 text-xs text-slate-400">number</span>}
                </DetailItem>
              ))}
            </dl>
          )}
          <h2 className="mt-5 mb-3 text-sm font-semibold text-slate-900">Tags</h2>
          {tags.length === 0 ? (
            <p className="text-sm text-slate-500">No tags.</p>
          ) : (
            <div className="flex flex-wrap gap-2">
              {tags.map((t) => (
                <Badge key={t.key} tone="blue">
                  {t.key}: {t.value}
                </Badge>
              ))}
            </div>
          )}
        </Card>
        <Card className="p-5 lg:col-span-2">
          <h2 className="mb-3 text-sm font-semibold text-slate-900">Asset Tree Location</h2>
          {locations.length === 0 ? (
            <p className="text-sm text-slate-500">This device is not placed in any asset tree.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {locations.map((l) => (
                <li key={l.treeId}>
                  <Link href={`/asset-trees/${l.treeId}`} className="font-medium text-brand-700 hover:underline">
                    {l.treeName}
                  </Link>
                  <span className="text-slate-500"> › {l.path.join(' › ')}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {history && (
          <Card className="lg:col-span-2">
            <div className="flex items-baseline justify-between gap-3 px-5 pt-4 pb-3">
              <h2 className="text-sm font-semibold text-slate-900">OTA History</h2>
              <p className="text-xs text-slate-500">
                Every verification and upgrade of this device, newest first{history.length === HISTORY_ROWS && ` (the latest ${HISTORY_ROWS})`}.
              </p>
            </div>
            <TaskRecordsTable
              caption="OTA history"
              subject="firmware"
              rows={history}
              empty={<EmptyState title="No OTA history yet" description="Verification and upgrade jobs that include this device appear here." />}
            />
          </Card>
        )}
      </div>
    </>
  );
}
