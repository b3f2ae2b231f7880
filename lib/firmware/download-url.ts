import crypto from 'node:crypto';

/**
 * Signed firmware download URLs (SPEC 6.3): an HMAC over firmware id, device key, upgrade task and expiry, so a
 * device can fetch exactly its file for one task and a limited time without a session. Pure: the secret and base
 * URL are passed in.
 */

export type DownloadClaim = { firmwareId: number; deviceKey: string; taskId: number; expiresAt: number };

function signature(secret: string, claim: DownloadClaim): string {
  return crypto
    .createHmac('sha256', secret)
    .update(`${claim.firmwareId}\n${claim.deviceKey}\n${claim.taskId}\n${claim.expiresAt}`)
    .digest('base64url');
}

/** Builds `{baseUrl}/api/files/firmware/{id}?device=…&task=…&expires=…&sig=…`. */
export function buildDownloadUrl(baseUrl: string, secret: string, claim: DownloadClaim): string {
  const qs = new URLSearchParams({
    device: claim.deviceKey,
    task: String(claim.taskId),
    expires: String(claim.expiresAt),
    sig: signature(secret, claim),
  });
  return `${baseUrl.replace(/\/+$/, '')}/api/files/firmware/${claim.firmwareId}?${qs.toString()}`;
}

export type VerifyResult = { ok: true; claim: DownloadClaim } | { ok: false; reason: 'expired' | 'invalid' };

/** Checks a download request's signature (in constant time) and expiry. */
export function verifyDownload(
  secret: string,
  params: { firmwareId: number; device: string | null; task: string | null; expires: string | null; sig: string | null },
  now: number,
): VerifyResult {
  const expiresAt = Number(params.expires);
  const taskId = /^[1-9]\d*$/.test(params.task ?? '') ? Number(params.task) : NaN;
  if (!params.device || !params.sig || !Number.isSafeInteger(taskId) || !Number.isSafeInteger(expiresAt)) {
    return { ok: false, reason: 'invalid' };
  }
  const claim = { firmwareId: params.firmwareId, deviceKey: params.device, taskId, expiresAt };
  const expected = Buffer.from(signature(secret, claim));
  const given = Buffer.from(params.sig);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  if (expiresAt < now) return { ok: false, reason: 'expired' };
  return { ok: true, claim };
}
