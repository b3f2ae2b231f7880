import crypto from 'node:crypto';

/**
 * API keys look like `ota_<prefix>_<secret>`: the prefix (12 hex characters) finds the row and is shown in the
 * console; the secret (32 random bytes, base64url) is stored only as its SHA-256.
 *
 * Why SHA-256 and not scrypt like passwords: a slow hash protects guessable secrets, but these have 256 bits of
 * entropy, so no brute force can reach them, while scrypt would add ~100 ms to every API call.
 */

const KEY_PATTERN = /^ota_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export type NewApiKeySecret = { key: string; prefix: string; secretHash: string };

export function hashApiKeySecret(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

export function generateApiKey(): NewApiKeySecret {
  const prefix = crypto.randomBytes(6).toString('hex');
  const secret = crypto.randomBytes(32).toString('base64url');
  return { key: `ota_${prefix}_${secret}`, prefix, secretHash: hashApiKeySecret(secret) };
}

/** The prefix and secret of a well-formed key, or null. */
export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const m = KEY_PATTERN.exec(key);
  return m ? { prefix: m[1], secret: m[2] } : null;
}

/** Compares a presented secret with the stored hash in constant time. */
export function apiKeySecretMatches(secret: string, secretHash: string): boolean {
  const expected = Buffer.from(secretHash, 'hex');
  const actual = Buffer.from(hashApiKeySecret(secret), 'hex');
  return expected.length === actual.length && crypto.timingSafeEqual(actual, expected);
}
