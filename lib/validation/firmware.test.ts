import { describe, expect, it } from 'vitest';
import { zodFieldErrors } from '@/lib/errors';
import { createFirmwareSchema, type CreateFirmwareFormValues } from './firmware';

const valid: CreateFirmwareFormValues = {
  name: 'Inverter main',
  version: '1.3.0',
  productId: '1',
  signMethod: 'sha256',
  description: '',
  verificationRequired: true,
  maxVerifyDevices: '5',
  minVerifySuccesses: '1',
  tags: [],
  expectedHash: '',
  fileName: 'inverter-1.3.0.bin',
};

function errorsOf(values: Partial<CreateFirmwareFormValues> | Record<string, unknown>) {
  const r = createFirmwareSchema.safeParse({ ...valid, ...values });
  return r.success ? {} : zodFieldErrors(r.error.issues);
}

describe('createFirmwareSchema', () => {
  it('accepts the form values of the browser and the string fields of a multipart body alike', () => {
    const fromForm = createFirmwareSchema.parse(valid);
    const fromMultipart = createFirmwareSchema.parse({
      ...valid,
      verificationRequired: 'true',
      tags: JSON.stringify([{ key: 'site', value: 'north' }]),
    });
    expect(fromForm).toMatchObject({ productId: 1, verificationRequired: true, maxVerifyDevices: 5, minVerifySuccesses: 1 });
    expect(fromMultipart.tags).toEqual([{ key: 'site', value: 'north' }]);
    expect(createFirmwareSchema.parse({ ...valid, productId: '' }).productId).toBeNull();
  });

  it("gives a script's upload that leaves out the optional fields the form's defaults", () => {
    const minimal = { name: 'Script FW', version: '1.2.3', signMethod: 'md5', verificationRequired: 'false', fileName: 'a.bin' };
    expect(createFirmwareSchema.parse(minimal)).toMatchObject({
      productId: null,
      description: '',
      maxVerifyDevices: 5,
      minVerifySuccesses: 1,
      tags: [],
      expectedHash: '',
    });
  });

  it('names each broken field, all at once', () => {
    const errors = errorsOf({
      name: 'abc',
      version: ' ',
      description: 'x'.repeat(101),
      fileName: 'firmware.exe',
      maxVerifyDevices: '3',
      minVerifySuccesses: '4',
    });
    expect(errors.name).toEqual(['Firmware Name must be 4–32 characters']);
    expect(errors.version).toEqual(['Enter a version']);
    expect(errors.description).toEqual(['Description must be at most 100 characters']);
    expect(errors.fileName).toEqual(['Choose a .bin .tar .gz .zip .img .hex file']);
    expect(errors.minVerifySuccesses).toEqual(['Min Successes to Verify cannot exceed Max Devices for Verification (3)']);
  });

  it('keeps the name within 4–32 characters and the verification counts within 1–5', () => {
    expect(errorsOf({ name: 'abcd' })).toEqual({});
    expect(errorsOf({ name: 'x'.repeat(32) })).toEqual({});
    expect(errorsOf({ name: 'x'.repeat(33) }).name).toBeDefined();
    expect(errorsOf({ maxVerifyDevices: '6' }).maxVerifyDevices).toEqual([
      'Max Devices for Verification must be a whole number from 1 to 5',
    ]);
    expect(errorsOf({ minVerifySuccesses: '0' }).minVerifySuccesses).toBeDefined();
  });

  it('checks an expected hash against the length of the chosen algorithm', () => {
    expect(errorsOf({ expectedHash: 'A'.repeat(64) })).toEqual({});
    expect(errorsOf({ signMethod: 'md5', expectedHash: 'a'.repeat(64) }).expectedHash).toEqual([
      'An MD5 digest has 32 hex characters',
    ]);
    expect(errorsOf({ expectedHash: 'a'.repeat(32) }).expectedHash).toEqual(['A SHA256 digest has 64 hex characters']);
    expect(errorsOf({ expectedHash: 'xyz' }).expectedHash).toEqual(['Enter the digest in hexadecimal (0-9, a-f)']);
  });

  it('refuses a tag key used twice and empty tag parts', () => {
    const errors = errorsOf({
      tags: [
        { key: 'site', value: 'a' },
        { key: 'site', value: 'b' },
        { key: '', value: '' },
      ],
    });
    expect(errors['tags.1.key']).toEqual(['This key is already used']);
    expect(errors['tags.2.key']).toEqual(['Enter a tag key']);
    expect(errors['tags.2.value']).toEqual(['Enter a tag value']);
  });

  it('asks for a file when none was chosen', () => {
    expect(errorsOf({ fileName: '' }).fileName).toEqual(['Choose a firmware file']);
  });
});
