import type { Metadata } from 'next';
import { ApiKeysTable } from '@/components/api-keys/api-keys-table';
import { CreateApiKeyButton } from '@/components/api-keys/create-api-key-button';
import { Card, PageHeader } from '@/components/ui/page-header';
import { requirePagePermission } from '@/lib/auth/session';
import { listApiKeys } from '@/lib/services/api-keys';
import { createApiKeyAction, revokeApiKeyAction } from './actions';

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
            Scripts use these keys for the Automation API of {actor.ouName}, as a Developer or a Viewer. See the{' '}
            <a href="/api/v1/openapi.json" target="_blank" rel="noreferrer" className="text-brand-600 hover:underline">
              OpenAPI document
            </a>
            .
          </>
        }
        actions={<CreateApiKeyButton createApiKey={createApiKeyAction} />}
      />
      <Card>
        <ApiKeysTable keys={keys} revokeApiKey={revokeApiKeyAction} />
      </Card>
    </>
  );
}
