import { getEnv } from '@/lib/env';
import { buildDownloadUrl } from './download-url';

/**
 * The `fileUrl` of an upgrade offer to one device (SPEC 6.3): signed for that device and valid for
 * DOWNLOAD_URL_TTL_SECONDS from `now`, under PUBLIC_BASE_URL.
 */
export function buildFirmwareOfferUrl({ firmwareId, deviceKey, now }: { firmwareId: number; deviceKey: string; now: number }): string {
  const env = getEnv();
  return buildDownloadUrl(env.PUBLIC_BASE_URL, env.DOWNLOAD_URL_SECRET, {
    firmwareId,
    deviceKey,
    expiresAt: now + env.DOWNLOAD_URL_TTL_SECONDS * 1000,
  });
}
