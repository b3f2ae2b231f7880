import { describe, expect, it } from 'vitest';
import { parseDeviceImport } from './device-import';

describe('parseDeviceImport', () => {
  it('reads CSV with attr: and tag: columns, numbers as numbers, quoted commas kept', () => {
    const { rows, errors } = parseDeviceImport(
      'productKey,deviceKey,name,firmwareVersion,attr:hardwareRevision,attr:region,tag:site\n' +
        'smart-meter,mtr-9001,"Meter, north",3.0.1,3,north,site-a\n' +
        'smart-meter,mtr-9002,Meter two,,,,\n',
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        productKey: 'smart-meter',
        deviceKey: 'mtr-9001',
        name: 'Meter, north',
        firmwareVersion: '3.0.1',
        attributes: { hardwareRevision: 3, region: 'north' },
        tags: { site: 'site-a' },
      },
      { productKey: 'smart-meter', deviceKey: 'mtr-9002', name: 'Meter two', attributes: {}, tags: {} },
    ]);
  });

  it('reads a JSON array', () => {
    const { rows, errors } = parseDeviceImport(
      JSON.stringify([{ productKey: 'p', deviceKey: 'd-1', name: 'D', attributes: { hardwareRevision: 2 }, tags: { env: 'prod' } }]),
    );
    expect(errors).toEqual([]);
    expect(rows[0].attributes).toEqual({ hardwareRevision: 2 });
  });

  it('reports each bad row by number and keeps none of them', () => {
    const { rows, errors } = parseDeviceImport('productKey,deviceKey,name\np,bad/key,X\np,ok-1,\n');
    expect(rows).toEqual([]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^Row 1: /);
    expect(errors[1]).toBe('Row 2: name is required');
  });

  it('says so when the text is empty or unreadable', () => {
    expect(parseDeviceImport('   ').errors).toEqual(['Paste or choose a CSV or JSON file.']);
    expect(parseDeviceImport('[{"productKey": ').errors[0]).toMatch(/^The file could not be read/);
  });
});
