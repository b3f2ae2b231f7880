import { describe, expect, it } from 'vitest';
import { DEFAULT_BEHAVIOUR, matchesDeviceKey, parseFixedOutcomes, pickOutcome, seededRng } from './behaviour';

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
