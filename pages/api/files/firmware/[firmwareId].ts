import type { NextApiRequest, NextApiResponse } from 'next';
import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { serveDeviceDownload } from '@/lib/firmware/device-download';
import { sendWebResponse, toWebRequest } from '@/lib/firmware/node-http';

// A Pages API route on purpose: App Router route handlers cannot send Content-Length, and devices need it (SPEC 6.3).
// The logic lives in lib/firmware/device-download.ts; this file only adapts Node's request and response.
export const config = { api: { bodyParser: false, responseLimit: false } };

export default async function deviceDownload(req: NextApiRequest, res: NextApiResponse) {
  const env = getEnv();
  const response = await serveDeviceDownload(toWebRequest(req), { db: getDb(), secret: env.DOWNLOAD_URL_SECRET, dataDir: env.dataDir });
  await sendWebResponse(response, res, req.method);
}
