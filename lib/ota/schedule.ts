import { DateTime, IANAZone } from 'luxon';

/**
 * The "Schedule" of a job (SPEC 4.4): wall-clock start and end in an IANA time zone, optionally repeated every day.
 * Wall-clock times become instants DST-correctly, so a window is always "while the clock on the wall reads between
 * start and end": on a spring-forward day a time inside the skipped hour means the moment the clocks jump (a window
 * wholly inside it is empty that day); on a fall-back day a start means its first occurrence and an end its last.
 */

const LOCAL_FORMAT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const WALL_FORMAT = "yyyy-MM-dd'T'HH:mm";
const MINUTE = 60_000;

type WallClock = { year: number; month: number; day: number; hour: number; minute: number };
/** Which instant an ambiguous wall-clock time (fall back) means: a window opens at the first, closes at the last. */
type Occurrence = 'first' | 'last';

const wall = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat(WALL_FORMAT);

function wallClockToEpoch(t: WallClock, zone: string, occurrence: Occurrence): number {
  const wanted = DateTime.fromObject(t, { zone: 'UTC' }).toFormat(WALL_FORMAT);
  const guess = DateTime.fromObject(t, { zone }).toMillis();
  if (wall(guess, zone) !== wanted) {
    // Skipped by a spring-forward gap (luxon moved it forward by the gap): find the minute the clocks jump.
    let lo = guess - 3 * 60 * MINUTE;
    let hi = guess;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (wall(mid, zone) >= wanted) hi = mid;
      else lo = mid;
    }
    return hi;
  }
  // Fall back repeats an hour (half an hour in a few zones): pick the first or last instant showing this time.
  const same = [-60, -30, 0, 30, 60].map((m) => guess + m * MINUTE).filter((ms) => wall(ms, zone) === wanted);
  return occurrence === 'first' ? Math.min(...same) : Math.max(...same);
}

/** Whether `zone` names an IANA time zone. */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** Converts a wall-clock time 'YYYY-MM-DDTHH:mm' in `zone` to epoch ms; null when either is malformed. */
export function localToEpoch(local: string, zone: string, occurrence: Occurrence = 'first'): number | null {
  const m = LOCAL_FORMAT.exec(local);
  if (!m || !isValidTimeZone(zone)) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  if (!DateTime.fromObject({ year, month, day, hour, minute }, { zone: 'UTC' }).isValid) return null;
  return wallClockToEpoch({ year, month, day, hour, minute }, zone, occurrence);
}

/** The wall-clock time 'YYYY-MM-DDTHH:mm' of an instant in `zone`. */
export function epochToLocal(ms: number, zone: string): string {
  return wall(ms, zone);
}

/** The stored schedule of a job; no start and no end means "always". */
export type JobSchedule = { start: number | null; end: number | null; timeZone: string; repeatDaily: boolean };

export type WindowState =
  | { kind: 'open'; closesAt: number | null }
  | { kind: 'waiting'; opensAt: number }
  /** A one-off window whose end has passed: the job will never push again. */
  | { kind: 'ended' };

/** The daily window on the calendar date of `day` (in the schedule's zone), as instants. */
function dailyWindow(day: DateTime, startOfDay: DateTime, endOfDay: DateTime): { opens: number; closes: number } {
  const on = (t: DateTime): WallClock => ({ year: day.year, month: day.month, day: day.day, hour: t.hour, minute: t.minute });
  const zone = day.zoneName ?? 'UTC';
  return { opens: wallClockToEpoch(on(startOfDay), zone, 'first'), closes: wallClockToEpoch(on(endOfDay), zone, 'last') };
}

/** Where `now` falls in a job's schedule: pushing allowed, waiting for the next opening, or over for good. */
export function windowAt(schedule: JobSchedule, now: number): WindowState {
  const { start, end } = schedule;
  if (start !== null && now < start) return { kind: 'waiting', opensAt: start };
  if (!schedule.repeatDaily || start === null || end === null) {
    if (end !== null && now >= end) return { kind: 'ended' };
    return { kind: 'open', closesAt: end };
  }
  // Repeat Every Day: the wall-clock times of start and end, every day from the start's date on.
  const startOfDay = DateTime.fromMillis(start, { zone: schedule.timeZone });
  const endOfDay = DateTime.fromMillis(end, { zone: schedule.timeZone });
  const today = DateTime.fromMillis(now, { zone: schedule.timeZone }).startOf('day');
  // A window wholly inside a spring-forward gap is empty (closes <= opens): that day has none.
  const usable = (w: { opens: number; closes: number }) => w.closes > w.opens;
  const todays = dailyWindow(today, startOfDay, endOfDay);
  if (usable(todays) && now < todays.closes) {
    return now >= todays.opens ? { kind: 'open', closesAt: todays.closes } : { kind: 'waiting', opensAt: todays.opens };
  }
  // Two daylight-saving days are never adjacent, so the day after a collapsed one has a window.
  const tomorrows = dailyWindow(today.plus({ days: 1 }), startOfDay, endOfDay);
  const next = usable(tomorrows) ? tomorrows : dailyWindow(today.plus({ days: 2 }), startOfDay, endOfDay);
  return { kind: 'waiting', opensAt: next.opens };
}

export type ScheduleInput = { start: string; end: string; timeZone: string };
export type ScheduleIssue = { path: string; message: string };

export const SCHEDULE_MESSAGES = {
  badTimeZone: 'Choose a valid time zone',
  badStart: 'Enter a start date and time',
  badEnd: 'Enter an end date and time',
  endNotAfterStart: 'The end must be after the start',
  endInPast: 'The end must be in the future',
  repeatNeedsSameDate: 'Repeat Every Day needs the start and end on the same date',
} as const;

/** Checks a schedule as entered (everything but "end in the past", which needs the time of the request). */
export function checkSchedule(schedule: ScheduleInput, repeatDaily: boolean): ScheduleIssue[] {
  if (!isValidTimeZone(schedule.timeZone)) return [{ path: 'schedule.timeZone', message: SCHEDULE_MESSAGES.badTimeZone }];
  const start = localToEpoch(schedule.start, schedule.timeZone);
  const end = localToEpoch(schedule.end, schedule.timeZone, 'last');
  const issues: ScheduleIssue[] = [];
  if (start === null) issues.push({ path: 'schedule.start', message: SCHEDULE_MESSAGES.badStart });
  if (end === null) issues.push({ path: 'schedule.end', message: SCHEDULE_MESSAGES.badEnd });
  if (start === null || end === null) return issues;
  if (end <= start) issues.push({ path: 'schedule.end', message: SCHEDULE_MESSAGES.endNotAfterStart });
  // Same date and end after start also means the daily window never crosses midnight.
  if (repeatDaily && schedule.start.slice(0, 10) !== schedule.end.slice(0, 10)) {
    issues.push({ path: 'repeatDaily', message: SCHEDULE_MESSAGES.repeatNeedsSameDate });
  }
  return issues;
}

/** "An end in the past is refused" (SPEC 4.4), checked at the time of the request. */
export function checkScheduleNotPast(schedule: ScheduleInput, now: number): ScheduleIssue[] {
  const end = localToEpoch(schedule.end, schedule.timeZone, 'last');
  return end !== null && end <= now ? [{ path: 'schedule.end', message: SCHEDULE_MESSAGES.endInPast }] : [];
}
