import { describe, expect, it } from 'vitest';
import { zodFieldErrors } from '@/lib/errors';
import { basicInformationSchema, createOtaJobSchema, deviceJobSchema, upgradeScopeSchema, upgradeStrategySchema } from './ota-job';

const valid = { name: 'Roll out 2.0', firmwareId: 7, method: 'snapshot', scope: { type: 'all' } };
const errorsOf = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, v: unknown) => {
  const r = schema.safeParse(v);
  return r.success ? {} : zodFieldErrors(r.error!.issues);
};

describe('createOtaJobSchema', () => {
  it('fills the strategy defaults', () => {
    const parsed = createOtaJobSchema.parse(valid);
    expect(parsed).toMatchObject({
      maxConcurrency: 300,
      timeoutMinutes: 120,
      retryEnabled: false,
      fromVersions: [],
      repeatDaily: false,
      deviceRequestEnabled: false,
      startOnCreate: false,
    });
  });
  it('puts each basic-information message on its field', () => {
    expect(errorsOf(basicInformationSchema, { ...valid, name: ' ' })).toEqual({ name: ['Enter a job name'] });
    expect(errorsOf(basicInformationSchema, { ...valid, name: 'x'.repeat(65) })).toEqual({ name: ['At most 64 characters'] });
    expect(errorsOf(basicInformationSchema, { ...valid, firmwareId: undefined })).toEqual({ firmwareId: ['Choose a firmware'] });
    expect(errorsOf(basicInformationSchema, { ...valid, firmwareId: '' })).toEqual({ firmwareId: ['Choose a firmware'] });
  });
  it('checks strategy ranges', () => {
    expect(errorsOf(upgradeStrategySchema, { maxConcurrency: 0 })).toEqual({ maxConcurrency: ['Enter a number from 1 to 100000'] });
    expect(errorsOf(upgradeStrategySchema, { maxConcurrency: 100_001 })).toEqual({ maxConcurrency: ['Enter a number from 1 to 100000'] });
    expect(errorsOf(upgradeStrategySchema, { timeoutMinutes: 4 })).toEqual({ timeoutMinutes: ['Enter a timeout from 5 minutes to 48 hours'] });
    expect(errorsOf(upgradeStrategySchema, { timeoutMinutes: 2881 })).toEqual({ timeoutMinutes: ['Enter a timeout from 5 minutes to 48 hours'] });
    expect(upgradeStrategySchema.parse({ timeoutMinutes: 2880, retryIntervalMinutes: 1440, maxRetries: 5 })).toMatchObject({
      timeoutMinutes: 2880,
      retryIntervalMinutes: 1440,
      maxRetries: 5,
    });
    expect(errorsOf(upgradeStrategySchema, { maxRetries: 3 })).toEqual({ maxRetries: ['Choose 1, 2 or 5 attempts'] });
  });
  it('checks the schedule on the fields the UI shows', () => {
    const schedule = { start: '2030-05-01T09:00', end: '2030-05-01T08:00', timeZone: 'Europe/Berlin' };
    expect(errorsOf(upgradeStrategySchema, { schedule })).toEqual({ 'schedule.end': ['The end must be after the start'] });
    expect(
      errorsOf(upgradeStrategySchema, { schedule: { ...schedule, end: '2030-05-02T10:00' }, repeatDaily: true }),
    ).toEqual({ repeatDaily: ['Repeat Every Day needs the start and end on the same date'] });
  });
  it('checks the scope', () => {
    const trees = Array.from({ length: 6 }, (_, i) => ({ treeId: i + 1, nodeIds: [i + 10] }));
    expect(errorsOf(upgradeScopeSchema, { scope: { type: 'asset_tree', trees } })).toEqual({
      'scope.trees': ['Choose at most 5 asset trees'],
    });
    expect(errorsOf(upgradeScopeSchema, { scope: { type: 'devices', deviceKeys: [' ', ''] } })).toEqual({
      'scope.deviceKeys': ['Choose at least one device'],
    });
    expect(upgradeScopeSchema.parse({ scope: { type: 'devices', deviceKeys: ['a', ' a ', 'b'] } }).scope).toEqual({
      type: 'devices',
      deviceKeys: ['a', 'b'],
    });
    expect(
      upgradeScopeSchema.parse({ scope: { type: 'attribute', conditions: [{ name: 'rev', range: { min: 2 } }] } }).scope,
    ).toEqual({ type: 'attribute', conditions: [{ name: 'rev', range: { min: 2 } }] });
    expect(errorsOf(upgradeScopeSchema, { scope: { type: 'attribute', conditions: [{ name: 'rev', range: { min: 3, max: 2 } }] } })).toEqual({
      'scope.conditions.0.range.max': ['The maximum must not be less than the minimum'],
    });
  });
});

describe('deviceJobSchema', () => {
  it('takes chosen devices only, with the strategy defaults and checks', () => {
    const input = { firmwareId: 3, scope: { type: 'devices', deviceKeys: ['a', 'b', 'a'] } };
    expect(deviceJobSchema.parse(input)).toMatchObject({ scope: { type: 'devices', deviceKeys: ['a', 'b'] }, timeoutMinutes: 120, startOnCreate: false });
    expect(errorsOf(deviceJobSchema, { ...input, scope: { type: 'all' } })['scope.type']).toEqual(['Choose devices (Target Devices)']);
    expect(errorsOf(deviceJobSchema, { ...input, timeoutMinutes: 2 })).toEqual({ timeoutMinutes: ['Enter a timeout from 5 minutes to 48 hours'] });
    const schedule = { start: '2030-05-01T09:00', end: '2030-05-02T08:00', timeZone: 'UTC' };
    expect(errorsOf(deviceJobSchema, { ...input, schedule, repeatDaily: true })).toEqual({
      repeatDaily: ['Repeat Every Day needs the start and end on the same date'],
    });
  });
});
