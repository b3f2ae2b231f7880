import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

const base = { NEXTAUTH_SECRET: 'a-secret-of-enough-length' };

describe('parseEnv', () => {
  it('applies the documented defaults', () => {
    const env = parseEnv(base);
    expect(env.dataDir).toBe(path.resolve('.data'));
    expect(env.databaseFile).toBe(path.join(path.resolve('.data'), 'ota.sqlite'));
    expect(env.MQTT_PORT).toBe(1883);
    expect(env.MQTT_HOST).toBe('127.0.0.1');
    expect(env.TRANSPORT).toBe('mqtt');
    expect(env.SCHEDULER_TICK_MS).toBe(1000);
    expect(env.FIRMWARE_MAX_BYTES).toBe(1024 ** 3);
    expect(env.PUBLIC_BASE_URL).toBe('http://localhost:3000');
    expect(env.DOWNLOAD_URL_SECRET).toBe(base.NEXTAUTH_SECRET);
  });

  it('names every bad variable in one error', () => {
    let message = '';
    try {
      parseEnv({ MQTT_PORT: 'seventy', TRANSPORT: 'carrier-pigeon', SCHEDULER_ENABLED: 'maybe' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Invalid environment configuration/);
    for (const name of ['NEXTAUTH_SECRET', 'MQTT_PORT', 'TRANSPORT', 'SCHEDULER_ENABLED']) expect(message).toContain(name);
  });

  it('accepts fixed device fates for the simulated fleet and refuses a malformed list', () => {
    expect(parseEnv({ ...base, SIMULATED_FAILURES: 'mtr-0101=flash, mtr-0103=silent' }).SIMULATED_FAILURES).toBe('mtr-0101=flash, mtr-0103=silent');
    expect(() => parseEnv({ ...base, SIMULATED_FAILURES: 'mtr-0101=explode' })).toThrow('SIMULATED_FAILURES');
  });

  it('uses PUBLIC_BASE_URL for device download links when set, without a trailing slash', () => {
    expect(parseEnv({ ...base, PUBLIC_BASE_URL: 'https://ota.example.com/' }).PUBLIC_BASE_URL).toBe('https://ota.example.com');
  });
});
