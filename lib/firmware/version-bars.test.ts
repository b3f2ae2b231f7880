import { describe, expect, it } from 'vitest';
import { NOT_REPORTED_LABEL, versionBars } from './version-bars';

describe('versionBars', () => {
  it('orders versions naturally and puts devices that never reported last', () => {
    const bars = versionBars(
      [
        { version: '1.10.0', devices: 2 },
        { version: null, devices: 4 },
        { version: '1.2.0', devices: 7 },
        { version: '1.9.3', devices: 1 },
      ],
      '1.2.0',
    );
    expect(bars).toEqual([
      { version: '1.2.0', devices: 7 },
      { version: '1.9.3', devices: 1 },
      { version: '1.10.0', devices: 2 },
      { version: NOT_REPORTED_LABEL, devices: 4 },
    ]);
  });

  it("always shows the firmware's own version, with 0 devices when none runs it yet", () => {
    expect(versionBars([{ version: '2.0', devices: 3 }, { version: '3.0', devices: 1 }], '2.5')).toEqual([
      { version: '2.0', devices: 3 },
      { version: '2.5', devices: 0 },
      { version: '3.0', devices: 1 },
    ]);
  });

  it('shows only the own version for a product without devices, and no "Not reported" bar when every device reported', () => {
    expect(versionBars([], '1.0.0')).toEqual([{ version: '1.0.0', devices: 0 }]);
    expect(versionBars([{ version: '1.0.0', devices: 5 }], '1.0.0').map((b) => b.version)).toEqual(['1.0.0']);
  });
});
