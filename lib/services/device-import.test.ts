import { describe, expect, it } from 'vitest';
import { getDeviceByKey, listDeviceAttributes, listDeviceTags } from '@/db/queries/devices';
import { loadActor } from '@/lib/auth/load-actor';
import { withDemoDb } from '@/db/testing/demo-db';
import { AppError } from '@/lib/errors';
import { importDevices } from './device-import';

const temp = withDemoDb();

const developer = () => loadActor(temp.db, 'developer@demo.local', 'Demo Energy');

function fieldErrorsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.fieldErrors?.file ?? [e.message];
    throw e;
  }
  return [];
}

describe('importDevices', () => {
  it('creates every device with attributes, tags and a generated secret', () => {
    const result = importDevices({
      actor: developer(),
      text: 'productKey,deviceKey,name,attr:hardwareRevision,tag:site\nsmart-meter,imp-0001,Imported 1,4,site-z\nsmart-meter,imp-0002,Imported 2,,\n',
    });
    expect(result).toEqual({ imported: 2 });
    const device = getDeviceByKey(temp.db, developer().ouId, 'imp-0001')!;
    expect(device.deviceSecret).toMatch(/^[0-9a-f]{32}$/);
    expect(device.firmwareVersion).toBeNull();
    expect(listDeviceAttributes(temp.db, device.ouId, device.id)).toEqual([expect.objectContaining({ name: 'hardwareRevision', valueNum: 4 })]);
    expect(listDeviceTags(temp.db, device.ouId, device.id)).toEqual([expect.objectContaining({ key: 'site', value: 'site-z' })]);
  });

  it('imports nothing when any row is bad, and names each bad row', () => {
    const errors = fieldErrorsOf(() =>
      importDevices({
        actor: developer(),
        text: 'productKey,deviceKey,name\nsmart-meter,imp-0100,Fine\nno-such-product,imp-0101,X\nsmart-meter,inv-0001,Taken\nsmart-meter,imp-0100,Twice\n',
      }),
    );
    expect(errors).toEqual([
      'Row 2: no product with productKey "no-such-product"',
      'Row 3: deviceKey "inv-0001" already exists',
      'Row 4: deviceKey "imp-0100" appears twice in the file',
    ]);
    expect(getDeviceByKey(temp.db, developer().ouId, 'imp-0100')).toBeUndefined();
  });

  it('keeps OUs apart: a product key of another OU is unknown, and the same device key may exist in both', () => {
    const northwind = loadActor(temp.db, 'admin@northwind.local', 'Northwind Grid');
    expect(fieldErrorsOf(() => importDevices({ actor: northwind, text: 'productKey,deviceKey,name\nsmart-meter,x-1,X\n' }))).toEqual([
      'Row 1: no product with productKey "smart-meter"',
    ]);
    expect(importDevices({ actor: northwind, text: 'productKey,deviceKey,name\nfeeder-relay,inv-0001,Relay\n' })).toEqual({ imported: 1 });
  });

  it('is refused to Viewers', () => {
    const viewer = loadActor(temp.db, 'viewer@demo.local', 'Demo Energy');
    expect(() => importDevices({ actor: viewer, text: 'productKey,deviceKey,name\nsmart-meter,v-1,V\n' })).toThrow('You do not have permission to do this.');
  });
});
