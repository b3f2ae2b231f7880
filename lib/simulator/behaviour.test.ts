import { describe, expect, it } from 'vitest';
import { DEFAULT_BEHAVIOUR, dropDelay, matchesDeviceKey, parseFixedOutcomes, pickOutcome, seededRng } from './behaviour';

describe('fixed fates by device key', () => {
  const behaviour = { ...DEFAULT_BEHAVIOUR, fixedOutcomes: parseFixedOutcomes('hold-*=silent, hold-7*=flash, hold-77=reject') };
  const fate = (deviceKey: string) => pickOutcome(seededRng(1, deviceKey), deviceKey, behaviour);

  it('match the key itself first, then the longest prefix pattern', () => {
    expect(fate('hold-77')).toBe('reject');
    expect(fate('hold-78')).toBe('flash');
    expect(fate('hold-1')).toBe('silent');
    expect(fate('bms-0001')).toBe('success');
  });

  it('read "*" only as the end of a prefix', () => {
    expect(matchesDeviceKey('ask-*', 'ask-1')).toBe(true);
    expect(matchesDeviceKey('ask-*', 'task-1')).toBe(false);
    expect(matchesDeviceKey('*', 'anything')).toBe(true);
    expect(matchesDeviceKey('ask-1', 'ask-10')).toBe(false);
  });
});

describe('drops during an upgrade', () => {
  const behaviour = { ...DEFAULT_BEHAVIOUR, dropShare: 0.3, reconnectAfterMs: { min: 1000, max: 3000 } };
  const keys = Array.from({ length: 1000 }, (_, i) => `inv-${i}`);
  const drops = (seed: number, pushId = '12:1') => keys.map((k) => dropDelay(seed, k, pushId, behaviour));

  it('hit the configured share of upgrades, each away for a time in the reconnect range', () => {
    const away = drops(1).filter((d) => d !== null);
    expect(away.length).toBeGreaterThan(250);
    expect(away.length).toBeLessThan(350);
    expect(away.every((d) => d >= 1000 && d <= 3000)).toBe(true);
  });

  it('are the same for the same seed and push, and differ for another seed or push', () => {
    expect(drops(1)).toEqual(drops(1));
    expect(drops(2)).not.toEqual(drops(1));
    expect(drops(1, '12:2')).not.toEqual(drops(1));
  });

  it('never happen at share 0', () => {
    expect(keys.every((k) => dropDelay(1, k, '12:1', DEFAULT_BEHAVIOUR) === null)).toBe(true);
  });
});
