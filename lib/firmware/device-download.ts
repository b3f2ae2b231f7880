import type { DbOrTx } from '@/db/client';
import { getFirmwareFileForDevice } from '@/db/queries/firmware';
import { acceptsDeviceReport } from '@/lib/ota/device-events';
import { verifyDownload } from './download-url';
import { storedFilePath } from './file-store';
import { fileResponse } from './file-response';

export type DeviceDownloadDeps = { db: DbOrTx; secret: string; dataDir: string; now?: () => number };

const FIRMWARE_PATH = /\/api\/files\/firmware\/([^/]+)\/?$/;

/**
 * The device side of SPEC 6.3 `fileUrl`: `GET|HEAD /api/files/firmware/{id}?device=&task=&expires=&sig=`. Framework-free
 * (a web Request in, a web Response out), so the Next route and a plain Node server in tests share it. A tampered
 * or expired signature answers 403, and so does a link whose upgrade task is no longer under way (canceled, failed,
 * done); an unknown firmware, a device outside its OU or a missing file 404.
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
      task: url.searchParams.get('task'),
      expires: url.searchParams.get('expires'),
      sig: url.searchParams.get('sig'),
    },
    (deps.now ?? Date.now)(),
  );
  if (!verdict.ok) {
    const text = verdict.reason === 'expired' ? 'This download link has expired' : 'This download link is not valid';
    return new Response(text, { status: 403 });
  }

  const { deviceKey, taskId } = verdict.claim;
  const file = getFirmwareFileForDevice(deps.db, firmwareId, deviceKey, taskId);
  if (!file) return new Response('Not found', { status: 404 });
  if (!file.taskState) return new Response('This download link does not belong to an upgrade task of this device', { status: 403 });
  // A device that asked through Device Request holds a Pushed task; a pending push may be delivered right now.
  if (!acceptsDeviceReport(file.taskState)) {
    return new Response('The upgrade task of this download link is no longer active', { status: 403 });
  }
  return fileResponse(request, {
    path: storedFilePath(deps.dataDir, file.ouId, file.sha256),
    fileName: file.fileName,
    etag: `"${file.sha256}"`,
  });
}
