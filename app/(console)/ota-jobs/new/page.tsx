import type { Metadata } from 'next';
import { JobWizard } from '@/components/ota-jobs/job-wizard/job-wizard';
import { Card, PageHeader } from '@/components/ui/page-header';
import { requirePagePermission } from '@/lib/auth/session';
import { getJobWizardOptions } from '@/lib/services/job-wizard';
import { first } from '@/lib/ui/pagination';
import { createOtaJobAction } from './actions';
import { jobFormLookups } from './lookups';

export const metadata: Metadata = { title: 'New Job' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** "New Job" (OTA Jobs) and "Create New Job" (firmware details, `?firmwareId=` preselects the firmware). */
export default async function NewOtaJobPage({ searchParams }: Props) {
  const actor = await requirePagePermission('ota:create');
  const options = getJobWizardOptions({ actor });
  const { firmware } = options;
  const wanted = Number(first((await searchParams).firmwareId));
  const preselected = firmware.find((f) => f.id === wanted) ?? null;
  const cancelHref = preselected ? `/firmware/${preselected.id}` : '/ota-jobs';
  return (
    <>
      <PageHeader
        breadcrumb={{ href: '/ota-jobs', label: 'OTA Jobs' }}
        title="New Job"
        description="Choose a firmware, the devices to upgrade and how the upgrade is rolled out."
      />
      <Card className="max-w-5xl p-6">
        <JobWizard
          firmware={firmware}
          choices={{ attributeNames: options.attributeNames, tagKeys: options.tagKeys, assetTrees: options.assetTrees }}
          initialFirmwareId={preselected?.id ?? null}
          lookups={jobFormLookups}
          createJob={createOtaJobAction}
          cancelHref={cancelHref}
        />
      </Card>
    </>
  );
}
