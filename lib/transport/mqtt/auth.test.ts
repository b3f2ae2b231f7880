import { describe, expect, it } from 'vitest';
import { buildDeviceCredentials, parseClientId, parseUsername, passwordMatches, signDevicePassword } from './auth';

// Digests computed outside this code (coreutils sha256sum / md5sum / sha1sum) of
// "clientIdinv-0001deviceKeyinv-0001productKeysmart-invertertimestamp1732681234567.891s3cr3t-device-secret".
const EXAMPLE = {
  productKey: 'smart-inverter',
  deviceKey: 'inv-0001',
  deviceSecret: 's3cr3t-device-secret',
  timestamp: '1732681234567.891',
};

describe('EnOS secure mode 2 password', () => {
  it('is the lowercase SHA-256 of the sorted keys and values plus the secret', () => {
    expect(signDevicePassword({ ...EXAMPLE, signMethod: 'hmacsha256' })).toBe(
      'a5d265fd6b9312472697a76c683c00d24e4ba3cfb96ba54c529b2bfcffe2187f',
    );
  });

  it('supports hmacmd5 (lowercase) and hmacsha1 (uppercase)', () => {
    expect(signDevicePassword({ ...EXAMPLE, signMethod: 'hmacmd5' })).toBe('275ac87d455be79f30df2a754b595d43');
    expect(signDevicePassword({ ...EXAMPLE, signMethod: 'hmacsha1' })).toBe('E2BAA084A3BB62AFDD9BEA34DBD6D32E55E25A3D');
  });

  it('builds the CONNECT credentials of a device', () => {
    expect(buildDeviceCredentials({ ...EXAMPLE })).toEqual({
      clientId: 'inv-0001|securemode=2,signmethod=hmacsha256,timestamp=1732681234567.891|',
      username: 'inv-0001&smart-inverter',
      password: 'a5d265fd6b9312472697a76c683c00d24e4ba3cfb96ba54c529b2bfcffe2187f',
    });
  });

  it('compares passwords regardless of hex case, and rejects others', () => {
    expect(passwordMatches('E2BAA084a3bb62afdd9bea34dbd6d32e55e25a3d', 'E2BAA084A3BB62AFDD9BEA34DBD6D32E55E25A3D')).toBe(true);
    expect(passwordMatches('e2baa084a3bb62afdd9bea34dbd6d32e55e25a3e', 'E2BAA084A3BB62AFDD9BEA34DBD6D32E55E25A3D')).toBe(false);
    expect(passwordMatches('short', 'E2BAA084A3BB62AFDD9BEA34DBD6D32E55E25A3D')).toBe(false);
  });
});

describe('client id and username', () => {
  it('reads deviceKey, sign method and the opaque timestamp', () => {
    expect(parseClientId('dk-1|securemode=2,signmethod=hmacsha1,timestamp=1732681234567|')).toEqual({
      deviceKey: 'dk-1',
      signMethod: 'hmacsha1',
      timestamp: '1732681234567',
    });
    expect(parseClientId('dk-1|timestamp=17.5,signmethod=HMACMD5,securemode=2|')).toEqual({
      deviceKey: 'dk-1',
      signMethod: 'hmacmd5',
      timestamp: '17.5',
    });
  });

  it.each([
    'dk-1',
    'dk-1|securemode=2,signmethod=hmacsha256,timestamp=1',
    '|securemode=2,signmethod=hmacsha256,timestamp=1|',
    'dk-1|securemode=3,signmethod=hmacsha256,timestamp=1|',
    'dk-1|securemode=2,signmethod=sha512,timestamp=1|',
    'dk-1|securemode=2,signmethod=hmacsha256|',
    'dk-1|securemode=2,signmethod=hmacsha256,timestamp=|',
    'dk-1|securemode=2,garbage,timestamp=1|',
  ])('refuses the malformed client id %s', (clientId) => {
    expect(parseClientId(clientId)).toBeNull();
  });

  it('takes the productKey after `{deviceKey}&`', () => {
    expect(parseUsername('dk-1&pk-1', 'dk-1')).toEqual({ productKey: 'pk-1' });
    expect(parseUsername('dk-2&pk-1', 'dk-1')).toBeNull();
    expect(parseUsername('dk-1&', 'dk-1')).toBeNull();
    expect(parseUsername('dk-1', 'dk-1')).toBeNull();
  });
});
