import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { Card, PageHeader } from '@/components/ui/page-header';
import { requirePagePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'OTA Jobs' };

export default async function OtaJobsPage() {
  await requirePagePermission('ota:read');
  return (
    <>
      <PageHeader title="OTA Jobs" />
      <Card>
        <EmptyState title="No OTA jobs yet" />
      </Card>
    </>
  );
}
