import { describe, expect, it } from 'vitest';
import { countDevicesAtOrBelow, devicesLabel } from './asset-tree';

describe('countDevicesAtOrBelow', () => {
  it('counts every device at or below a node, whatever the order of the list', () => {
    const counts = countDevicesAtOrBelow([
      { id: 5, parentId: 3, kind: 'device' },
      { id: 1, parentId: null, kind: 'asset' },
      { id: 2, parentId: 1, kind: 'device' },
      { id: 3, parentId: 1, kind: 'asset' },
      { id: 4, parentId: 3, kind: 'device' },
      { id: 6, parentId: 2, kind: 'device' },
      { id: 7, parentId: 1, kind: 'asset' },
    ]);
    expect(Object.fromEntries(counts)).toEqual({ 1: 4, 2: 2, 3: 2, 4: 1, 5: 1, 6: 1, 7: 0 });
  });
});

describe('devicesLabel', () => {
  it('says device or devices', () => {
    expect(devicesLabel(1)).toBe('1 device');
    expect(devicesLabel(0)).toBe('0 devices');
    expect(devicesLabel(1200)).toBe('1,200 devices');
  });
});
