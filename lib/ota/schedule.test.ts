import { describe, expect, it } from 'vitest';
import { checkSchedule, checkScheduleNotPast, epochToLocal, localToEpoch, windowAt, type JobSchedule } from './schedule';

const NY = 'America/New_York';
const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('localToEpoch', () => {
  it('converts wall-clock time in a zone, DST-aware', () => {
    expect(localToEpoch('2025-03-08T01:00', NY)).toBe(utc('2025-03-08T06:00'));
    expect(localToEpoch('2025-03-10T01:00', NY)).toBe(utc('2025-03-10T05:00'));
    expect(epochToLocal(utc('2025-03-10T05:00'), NY)).toBe('2025-03-10T01:00');
  });
  it('reads a time inside the spring-forward gap as the moment the clocks jump', () => {
    expect(localToEpoch('2025-03-09T02:30', NY)).toBe(utc('2025-03-09T07:00'));
  });
  it('reads an ambiguous fall-back time as its first or last occurrence', () => {
    expect(localToEpoch('2025-11-02T01:30', NY, 'first')).toBe(utc('2025-11-02T05:30'));
    expect(localToEpoch('2025-11-02T01:30', NY, 'last')).toBe(utc('2025-11-02T06:30'));
  });
  it('refuses malformed times and unknown zones', () => {
    expect(localToEpoch('2025-3-8T01:00', NY)).toBeNull();
    expect(localToEpoch('2025-13-08T01:00', NY)).toBeNull();
    expect(localToEpoch('2025-03-08T01:00', 'Mars/Olympus')).toBeNull();
  });
});

describe('windowAt, one-off window', () => {
  const schedule: JobSchedule = { start: 1000, end: 5000, timeZone: 'UTC', repeatDaily: false };
  it('waits before the start, is open until the end (exclusive), then has ended', () => {
    expect(windowAt(schedule, 999)).toEqual({ kind: 'waiting', opensAt: 1000 });
    expect(windowAt(schedule, 1000)).toEqual({ kind: 'open', closesAt: 5000 });
    expect(windowAt(schedule, 4999).kind).toBe('open');
    expect(windowAt(schedule, 5000)).toEqual({ kind: 'ended' });
  });
  it('is always open without a schedule', () => {
    expect(windowAt({ start: null, end: null, timeZone: 'UTC', repeatDaily: false }, 0)).toEqual({ kind: 'open', closesAt: null });
  });
});

describe('windowAt, Repeat Every Day across a DST change', () => {
  // 01:00–04:00 New York time every day from March 7th; clocks spring forward at 02:00 on March 9th.
  const schedule: JobSchedule = {
    start: localToEpoch('2025-03-07T01:00', NY)!,
    end: localToEpoch('2025-03-07T04:00', NY)!,
    timeZone: NY,
    repeatDaily: true,
  };
  it('opens and closes at the same wall-clock times every day', () => {
    for (const [day, opensUtc, closesUtc] of [
      ['2025-03-08', '2025-03-08T06:00', '2025-03-08T09:00'],
      // The DST day: 01:00 EST to 04:00 EDT is two real hours.
      ['2025-03-09', '2025-03-09T06:00', '2025-03-09T08:00'],
      ['2025-03-10', '2025-03-10T05:00', '2025-03-10T08:00'],
      // Fall back on November 2nd: 01:00 EDT to 04:00 EST is four real hours.
      ['2025-11-02', '2025-11-02T05:00', '2025-11-02T09:00'],
      ['2025-11-03', '2025-11-03T06:00', '2025-11-03T09:00'],
    ]) {
      const opens = utc(opensUtc);
      const closes = utc(closesUtc);
      expect(windowAt(schedule, opens - 1), day).toEqual({ kind: 'waiting', opensAt: opens });
      expect(windowAt(schedule, opens), day).toEqual({ kind: 'open', closesAt: closes });
      expect(windowAt(schedule, closes - 1).kind, day).toBe('open');
      expect(windowAt(schedule, closes).kind, day).toBe('waiting');
    }
  });
  it('after the day’s window, waits for the next day’s opening', () => {
    expect(windowAt(schedule, utc('2025-03-09T12:00'))).toEqual({ kind: 'waiting', opensAt: utc('2025-03-10T05:00') });
  });
  it('waits for the first day before the start date', () => {
    expect(windowAt(schedule, utc('2025-03-06T07:00'))).toEqual({ kind: 'waiting', opensAt: schedule.start });
  });
  it('skips a day whose window falls wholly inside the skipped hour', () => {
    const gap: JobSchedule = {
      start: localToEpoch('2025-03-08T02:10', NY)!,
      end: localToEpoch('2025-03-08T02:50', NY)!,
      timeZone: NY,
      repeatDaily: true,
    };
    const afterMarch8 = utc('2025-03-08T12:00');
    expect(windowAt(gap, afterMarch8)).toEqual({ kind: 'waiting', opensAt: localToEpoch('2025-03-10T02:10', NY) });
    expect(windowAt(gap, utc('2025-03-09T07:20')).kind).toBe('waiting');
  });
});

describe('checkSchedule', () => {
  const base = { start: '2030-01-01T09:00', end: '2030-01-01T17:00', timeZone: 'Europe/Berlin' };
  it('accepts a valid window, with or without Repeat Every Day', () => {
    expect(checkSchedule(base, false)).toEqual([]);
    expect(checkSchedule(base, true)).toEqual([]);
  });
  it('refuses an end not after the start', () => {
    expect(checkSchedule({ ...base, end: '2030-01-01T09:00' }, false)).toEqual([
      { path: 'schedule.end', message: 'The end must be after the start' },
    ]);
  });
  it('refuses Repeat Every Day on different dates (a window over midnight)', () => {
    expect(checkSchedule({ ...base, start: '2030-01-01T22:00', end: '2030-01-02T02:00' }, true)).toEqual([
      { path: 'repeatDaily', message: 'Repeat Every Day needs the start and end on the same date' },
    ]);
  });
  it('refuses an unknown zone', () => {
    expect(checkSchedule({ ...base, timeZone: 'Nowhere/Land' }, false)[0].path).toBe('schedule.timeZone');
  });
  it('refuses an end in the past', () => {
    const now = localToEpoch('2030-01-01T18:00', 'Europe/Berlin')!;
    expect(checkScheduleNotPast(base, now)).toEqual([{ path: 'schedule.end', message: 'The end must be in the future' }]);
    expect(checkScheduleNotPast(base, now - 2 * 3600_000)).toEqual([]);
  });
});
