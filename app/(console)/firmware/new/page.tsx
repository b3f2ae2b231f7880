import type { Metadata } from 'next';
import { AddFirmwareForm } from '@/components/firmware/add-firmware-form';
import { FIRMWARE_BREADCRUMB } from '@/components/firmware/firmware-breadcrumb';
import { Card, PageHeader } from '@/components/ui/page-header';
import { requirePagePermission } from '@/lib/auth/session';
import { getFirmwareFormOptions } from '@/lib/services/firmware';

export const metadata: Metadata = { title: 'Add Firmware' };

export default async function AddFirmwarePage() {
  const actor = await requirePagePermission('firmware:create');
  const { products, maxBytes } = getFirmwareFormOptions({ actor });
  return (
    <>
      <PageHeader
        breadcrumb={FIRMWARE_BREADCRUMB}
        title="Add Firmware"
        description="The server computes the file's hash itself and stores it as the firmware's sign."
      />
      <Card className="max-w-3xl p-6 xl:max-w-6xl">
        <AddFirmwareForm products={products.map((p) => ({ id: p.id, name: p.name, productKey: p.productKey }))} maxBytes={maxBytes} />
      </Card>
    </>
  );
}
