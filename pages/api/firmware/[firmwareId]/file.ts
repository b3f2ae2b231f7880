import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { getAuthOptions } from '@/lib/auth/options';
import { CURRENT_OU_COOKIE, sessionContextFor } from '@/lib/auth/session-context';
import { sendWebResponse, toWebRequest } from '@/lib/firmware/node-http';
import { serveUserDownload } from '@/lib/firmware/user-download';

// A Pages API route for the same reason as the device download: only here does Content-Length reach the browser,
// which shows the download's size and progress. The logic lives in lib/firmware/user-download.ts.
export const config = { api: { bodyParser: false, responseLimit: false } };

export default async function userDownload(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, getAuthOptions());
  const ctx = sessionContextFor(session?.user?.id, Number(req.cookies[CURRENT_OU_COOKIE]));
  const response = await serveUserDownload(toWebRequest(req), ctx?.actor ?? null, String(req.query.firmwareId));
  await sendWebResponse(response, res, req.method);
}
