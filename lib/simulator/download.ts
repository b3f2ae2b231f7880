import crypto from 'node:crypto';
import type { FirmwareOffer } from '@/lib/transport/types';

export type DownloadCheck = 'ok' | 'download_failed' | 'bad_sign';

export type DownloadOptions = {
  /** Requests tried in all, resuming with `Range` after a broken transfer. */
  attempts?: number;
};

/** Downloads a pushed file as a device does (resuming with Range), then checks its digest against `sign`. */
export async function downloadAndVerify(
  offer: Pick<FirmwareOffer, 'fileUrl' | 'sign' | 'signMethod' | 'fileSize'>,
  options: DownloadOptions = {},
): Promise<DownloadCheck> {
  let hash = crypto.createHash(offer.signMethod);
  let received = 0;
  let complete = false;
  for (let attempt = 0; attempt < (options.attempts ?? 3) && !complete; attempt++) {
    try {
      const headers: Record<string, string> = received > 0 ? { Range: `bytes=${received}-` } : {};
      const res = await fetch(offer.fileUrl, { headers });
      if (res.status === 200 && received > 0) {
        // The server ignored the range: start over.
        hash = crypto.createHash(offer.signMethod);
        received = 0;
      } else if (res.status !== 200 && res.status !== 206) {
        await res.body?.cancel();
        // Expired or forged links and missing files do not get better by asking again.
        if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) return 'download_failed';
        continue;
      }
      if (!res.body) continue;
      const reader = res.body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        hash.update(chunk.value);
        received += chunk.value.length;
      }
      complete = !offer.fileSize || received >= offer.fileSize;
    } catch {
      // A broken connection: the next attempt resumes where this one stopped.
    }
  }
  if (!complete) return 'download_failed';
  if (offer.fileSize && received !== offer.fileSize) return 'bad_sign';
  return hash.digest('hex') === offer.sign.toLowerCase() ? 'ok' : 'bad_sign';
}
