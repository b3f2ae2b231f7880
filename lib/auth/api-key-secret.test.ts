import { describe, expect, it } from 'vitest';
import { apiKeySecretMatches, generateApiKey, parseApiKey } from './api-key-secret';

describe('API key secrets', () => {
  it('generate a key whose secret matches only its own stored hash', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).toMatch(/^ota_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(a.prefix).not.toBe(b.prefix);
    const parsed = parseApiKey(a.key)!;
    expect(parsed.prefix).toBe(a.prefix);
    expect(apiKeySecretMatches(parsed.secret, a.secretHash)).toBe(true);
    expect(apiKeySecretMatches(parsed.secret, b.secretHash)).toBe(false);
    expect(a.secretHash).not.toContain(parsed.secret);
  });

  it('refuse anything that is not a whole key', () => {
    const { key } = generateApiKey();
    for (const bad of ['', 'ota_', key.slice(0, -1), `${key}x`, key.replace('ota_', 'otb_'), `Bearer ${key}`]) {
      expect(parseApiKey(bad)).toBeNull();
    }
  });
});
