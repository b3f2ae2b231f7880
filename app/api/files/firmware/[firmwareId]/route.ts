import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { serveDeviceDownload } from '@/lib/firmware/device-download';

// Devices download with a signed URL instead of a session; the logic lives in lib/firmware/device-download.ts.
function serve(request: Request): Promise<Response> {
  const env = getEnv();
  return serveDeviceDownload(request, { db: getDb(), secret: env.DOWNLOAD_URL_SECRET, dataDir: env.dataDir });
}

export const GET = serve;
export const HEAD = serve;
