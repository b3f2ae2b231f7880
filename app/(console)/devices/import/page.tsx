import type { Metadata } from 'next';
import { ImportDevicesForm } from '@/components/devices/import-devices-form';
import { Card, PageHeader } from '@/components/ui/page-header';
import { requirePagePermission } from '@/lib/auth/session';
import { importDevicesAction } from './actions';

export const metadata: Metadata = { title: 'Import Devices' };

export default async function ImportDevicesPage() {
  await requirePagePermission('fleet:write');
  return (
    <>
      <PageHeader
        breadcrumb={{ href: '/devices', label: 'Devices' }}
        title="Import Devices"
        description="Add devices from a CSV or JSON file. Every row is checked first; if any row is wrong, nothing is imported."
      />
      <Card className="p-5">
        <ImportDevicesForm importDevices={importDevicesAction} />
      </Card>
    </>
  );
}
