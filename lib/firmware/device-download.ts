import type { DbOrTx } from '@/db/client';
import { getFirmwareFileForDevice } from '@/db/queries/firmware';
import { verifyDownload } from './download-url';
import { storedFilePath } from './file-store';
import { fileResponse } from './file-response';

export type DeviceDownloadDeps = { db: DbOrTx; secret: string; dataDir: string; now?: () => number };

const FIRMWARE_PATH = /\/api\/files\/firmware\/([^/]+)\/?$/;

/**
 * The device side of SPEC 6.3 `fileUrl`: `GET|HEAD /api/files/firmware/{id}?device=&expires=&sig=`. Framework-free
 * (a web Request in, a web Response out), so the Next route and a plain Node server in tests share it. A tampered
 * or expired signature answers 403; an unknown firmware, a device outside its OU or a missing file 404.
 */
export async function serveDeviceDownload(request: Request, deps: DeviceDownloadDeps): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', { status: 405, headers: { Allow: 'GET, HEAD' } });
  }
  const url = new URL(request.url);
  const rawId = FIRMWARE_PATH.exec(url.pathname)?.[1] ?? '';
  const firmwareId = /^\d+$/.test(rawId) ? Number(rawId) : NaN;
  if (!Number.isSafeInteger(firmwareId) || firmwareId <= 0) return new Response('Not found', { status: 404 });

  const verdict = verifyDownload(
    deps.secret,
    {
      firmwareId,
      device: url.searchParams.get('device'),
      expires: url.searchParams.get('expires'),
      sig: url.searchParams.get('sig'),
    },
    (deps.now ?? Date.now)(),
  );
  if (!verdict.ok) {
    const text = verdict.reason === 'expired' ? 'This download link has expired' : 'This download link is not valid';
    return new Response(text, { status: 403 });
  }

  const file = getFirmwareFileForDevice(deps.db, firmwareId, verdict.claim.deviceKey);
  if (!file) return new Response('Not found', { status: 404 });
  return fileResponse(request, {
    path: storedFilePath(deps.dataDir, file.ouId, file.sha256),
    fileName: file.fileName,
    etag: `"${file.sha256}"`,
  });
}
