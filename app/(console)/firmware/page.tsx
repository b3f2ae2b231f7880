import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { Card, PageHeader } from '@/components/ui/page-header';
import { requirePagePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Firmware Management' };

export default async function FirmwarePage() {
  await requirePagePermission('firmware:read');
  return (
    <>
      <PageHeader title="Firmware Management" />
      <Card>
        <EmptyState title="No firmware yet" />
      </Card>
    </>
  );
}
