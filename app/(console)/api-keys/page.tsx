import type { Metadata } from 'next';
import { ApiKeysTable } from '@/components/api-keys/api-keys-table';
import { CreateApiKeyButton } from '@/components/api-keys/create-api-key-button';
import { Card, PageHeader } from '@/components/ui/page-header';
import { requirePagePermission } from '@/lib/auth/session';
import { listApiKeys } from '@/lib/services/api-keys';

export const metadata: Metadata = { title: 'API Keys' };

export default async function ApiKeysPage() {
  const actor = await requirePagePermission('apikeys:manage');
  const keys = listApiKeys({ actor });
  return (
    <>
      <PageHeader
        title="API Keys"
        description={
          <>
            Keys let scripts use the Automation API of {actor.ouName} with a Developer or Viewer role. Send one as{' '}
            <code className="rounded bg-slate-100 px-1 text-xs">Authorization: Bearer &lt;key&gt;</code>; the endpoints are described in the{' '}
            <a href="/api/v1/openapi.json" target="_blank" rel="noreferrer" className="text-brand-600 hover:underline">
              OpenAPI document
            </a>
            .
          </>
        }
        actions={<CreateApiKeyButton />}
      />
      <Card>
        <ApiKeysTable keys={keys} />
      </Card>
    </>
  );
}
