import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDb } from '../testing/temp-db';
import type { Db } from '../client';
import { ous } from '../schema';
import { insertDeviceWithDetails } from './devices';
import { insertProduct } from './fleet';
import { getLastFleetDeviceId, listFleetDevices } from './simulator';

let temp: ReturnType<typeof createTempDb>;
let db: Db;

beforeEach(() => {
  temp = createTempDb();
  db = temp.db;
  const now = 1;
  for (const [ou, pks] of [
    ['Alpha', ['meter', 'relay']],
    ['Beta', ['meter']],
  ] as const) {
    const ouId = db.insert(ous).values({ name: ou, createdAt: now }).returning().get().id;
    for (const pk of pks) {
      const product = insertProduct(db, { ouId, productKey: pk, name: pk, createdAt: now });
      for (const n of [1, 2]) {
        insertDeviceWithDetails(db, {
          ouId,
          productId: product.id,
          deviceKey: `${pk}-${n}`,
          name: `${pk} ${n}`,
          deviceSecret: `${ou}-${pk}-${n}`,
          firmwareVersion: n === 1 ? '1.0.0' : null,
          now,
        });
      }
    }
  }
});
afterEach(() => temp.cleanup());

describe('listFleetDevices', () => {
  it('lists devices with product key, secret and version in id order', () => {
    const rows = listFleetDevices(db);
    expect(rows.map((r) => `${r.deviceKey}:${r.ouId}`)).toEqual([
      'meter-1:1',
      'meter-2:1',
      'relay-1:1',
      'relay-2:1',
      'meter-1:2',
      'meter-2:2',
    ]);
    expect(rows[0]).toMatchObject({ productKey: 'meter', deviceSecret: 'Alpha-meter-1', firmwareVersion: '1.0.0' });
    expect(rows[1].firmwareVersion).toBeNull();
  });

  it('filters by OU name and product key, and limits', () => {
    expect(listFleetDevices(db, { ouName: 'Beta' }).map((r) => r.deviceSecret)).toEqual(['Beta-meter-1', 'Beta-meter-2']);
    expect(listFleetDevices(db, { productKey: 'meter' })).toHaveLength(4);
    expect(listFleetDevices(db, { productKey: 'meter', limit: 3 })).toHaveLength(3);
  });

  it('reads only devices created after an id, and knows the last id of a filter', () => {
    const all = listFleetDevices(db);
    expect(getLastFleetDeviceId(db)).toBe(all.at(-1)!.deviceId);
    const lastOfAlpha = getLastFleetDeviceId(db, { ouName: 'Alpha' });
    expect(lastOfAlpha).toBe(all.find((r) => r.deviceKey === 'relay-2' && r.ouId === 1)!.deviceId);
    expect(listFleetDevices(db, { afterId: lastOfAlpha }).map((r) => r.deviceSecret)).toEqual(['Beta-meter-1', 'Beta-meter-2']);
    expect(listFleetDevices(db, { ouName: 'Alpha', afterId: lastOfAlpha })).toEqual([]);
    expect(getLastFleetDeviceId(db, { ouName: 'Gamma' })).toBe(0);
  });
});
