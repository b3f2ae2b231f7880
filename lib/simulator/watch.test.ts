import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@/lib/transport/testing';
import { watchNewDevices } from './watch';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('watchNewDevices', () => {
  it('hands over each device created after the last id seen, once, and asks again after a failed look', async () => {
    const table = [{ deviceId: 3 }, { deviceId: 4 }];
    const asked: number[] = [];
    const found: number[][] = [];
    const errors: unknown[] = [];
    let failNext = false;
    stop = watchNewDevices({
      everyMs: 10,
      afterId: 3,
      list: (afterId) => {
        asked.push(afterId);
        if (failNext) {
          failNext = false;
          throw new Error('database is locked');
        }
        return table.filter((d) => d.deviceId > afterId).slice(0, 2);
      },
      onDevices: (rows) => found.push(rows.map((r) => r.deviceId)),
      onError: (e) => errors.push(e),
    }).stop;
    await waitFor(() => found.length === 1);
    failNext = true;
    table.push({ deviceId: 5 }, { deviceId: 6 }, { deviceId: 7 });
    await waitFor(() => found.length === 3);
    expect(found).toEqual([[4], [5, 6], [7]]);
    expect(errors).toHaveLength(1);
    expect(asked.slice(0, 3)).toEqual([3, 4, 4]);
  });
});
