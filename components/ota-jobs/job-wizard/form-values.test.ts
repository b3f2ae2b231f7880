import { describe, expect, it } from 'vitest';
import { upgradeScopeSchema, upgradeStrategySchema } from '@/lib/validation/ota-job';
import { EMPTY_ATTRIBUTE_ROW, INITIAL_STRATEGY, initialScope, schemaErrors, splitKeys, splitValues, toScopeInput, toStrategyInput } from './form-values';

describe('job form values', () => {
  it('splits pasted device keys on lines, commas, semicolons and spaces; values only on lines and commas', () => {
    expect(splitKeys('inv-1\ninv-2, inv-3;inv-4  inv-5\n\n')).toEqual(['inv-1', 'inv-2', 'inv-3', 'inv-4', 'inv-5']);
    expect(splitValues('Building A, Building B\nsite-c,')).toEqual(['Building A', 'Building B', 'site-c']);
  });

  it('turns condition rows into the schema’s scope: value lists, or ranges with empty bounds left out', () => {
    const scope = {
      ...initialScope('attribute'),
      attributes: [
        { ...EMPTY_ATTRIBUTE_ROW, name: 'region', values: 'north, south' },
        { ...EMPTY_ATTRIBUTE_ROW, name: 'rev', mode: 'range' as const, min: '2', max: '' },
      ],
    };
    expect(upgradeScopeSchema.parse(toScopeInput(scope)).scope).toEqual({
      type: 'attribute',
      conditions: [
        { name: 'region', values: ['north', 'south'] },
        { name: 'rev', range: { min: 2, max: undefined } },
      ],
    });
    expect(schemaErrors(upgradeScopeSchema, toScopeInput({ ...scope, attributes: [EMPTY_ATTRIBUTE_ROW] }))).toEqual({
      'scope.conditions.0.name': ['Choose an attribute'],
      'scope.conditions.0.values': ['Enter at least one value'],
    });
    expect(toScopeInput({ ...initialScope('tag'), tags: [{ key: 'site', values: 'a,b' }] }).scope).toEqual({
      type: 'tag',
      conditions: [{ key: 'site', values: ['a', 'b'] }],
    });
  });

  it('sends the strategy defaults the schema expects, and no schedule unless a start or an end is typed', () => {
    const input = toStrategyInput(INITIAL_STRATEGY, 'Europe/Berlin');
    expect(input.schedule).toBeUndefined();
    expect(upgradeStrategySchema.parse(input)).toEqual({
      maxConcurrency: 300,
      timeoutMinutes: 120,
      retryEnabled: false,
      retryIntervalMinutes: 0,
      maxRetries: 1,
      schedule: undefined,
      repeatDaily: false,
      deviceRequestEnabled: false,
      startOnCreate: false,
    });
    const scheduled = toStrategyInput({ ...INITIAL_STRATEGY, scheduleStart: '2031-03-21T09:00' }, 'Europe/Berlin');
    expect(scheduled.schedule).toEqual({ start: '2031-03-21T09:00', end: '', timeZone: 'Europe/Berlin' });
    expect(schemaErrors(upgradeStrategySchema, scheduled)).toEqual({ 'schedule.end': ['Enter an end date and time'] });
    const chosenZone = toStrategyInput({ ...INITIAL_STRATEGY, scheduleStart: 'a', scheduleEnd: 'b', timeZone: 'Asia/Tokyo' }, 'UTC');
    expect(chosenZone.schedule?.timeZone).toBe('Asia/Tokyo');
  });
});
