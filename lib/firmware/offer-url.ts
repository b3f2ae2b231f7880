import type { Env } from '@/lib/env';
import type { OfferUrlConfig } from '@/lib/services/ota-push';

/** Where the signed `fileUrl`s of upgrade offers point (PUBLIC_BASE_URL) and how long they stay valid. */
export function offerUrlConfig(env: Pick<Env, 'PUBLIC_BASE_URL' | 'DOWNLOAD_URL_SECRET' | 'DOWNLOAD_URL_TTL_SECONDS'>): OfferUrlConfig {
  return { baseUrl: env.PUBLIC_BASE_URL, secret: env.DOWNLOAD_URL_SECRET, ttlSeconds: env.DOWNLOAD_URL_TTL_SECONDS };
}
