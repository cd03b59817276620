/**
 * Working time inside office hours: the clock that "working hours" deadlines and the pause
 * mode of supplement requests run on. Office hours are configuration: no national daily
 * schedule was found (legal-facts §4.2 [U]); 8 office hours make one working day (§1.3 [I]).
 */
import { type DateOnly, addDays, compareDateOnly } from './date-only.ts';
import { parseTimeOfDay, vnDateOf, vnInstant, vnMinuteOfDay } from './vn-time.ts';
import type { WorkingCalendar } from './working-calendar.ts';

export interface OfficeSession {
  /** 'HH:mm', Vietnamese time */
  start: string;
  /** 'HH:mm', Vietnamese time, after start */
  end: string;
}

/** The same sessions apply on every working day (make-up Saturdays included). */
export interface OfficeHours {
  sessions: OfficeSession[];
}

/** Project default: 07:30–11:30 and 13:00–17:00 (8 hours). */
export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  sessions: [
    { start: '07:30', end: '11:30' },
    { start: '13:00', end: '17:00' },
  ],
};

/** The default of the provincial one-stop system studied in legal-facts §1.3 [I]: 07:00–11:30, 13:30–17:00. */
export const PROVINCIAL_SYSTEM_OFFICE_HOURS: OfficeHours = {
  sessions: [
    { start: '07:00', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
};

export interface ParsedOfficeHours {
  /** [start, end) in minutes after midnight, sorted, non-overlapping */
  intervals: readonly (readonly [number, number])[];
  minutesPerDay: number;
  opening: number;
  closing: number;
}

const cache = new WeakMap<OfficeHours, ParsedOfficeHours>();

export function parseOfficeHours(officeHours: OfficeHours): ParsedOfficeHours {
  const cached = cache.get(officeHours);
  if (cached) return cached;
  const intervals = officeHours.sessions.map((s) => [parseTimeOfDay(s.start), parseTimeOfDay(s.end)] as const);
  if (intervals.length === 0) throw new RangeError('office hours need at least one session');
  let previousEnd = -1;
  for (const [start, end] of intervals) {
    if (end <= start) throw new RangeError('an office session must end after it starts');
    if (start < previousEnd) throw new RangeError('office sessions must be sorted and must not overlap');
    previousEnd = end;
  }
  const first = intervals[0];
  const last = intervals[intervals.length - 1];
  if (!first || !last) throw new RangeError('office hours need at least one session');
  const parsed: ParsedOfficeHours = {
    intervals,
    minutesPerDay: intervals.reduce((sum, [start, end]) => sum + (end - start), 0),
    opening: first[0],
    closing: last[1],
  };
  cache.set(officeHours, parsed);
  return parsed;
}

/** Office minutes in one working day (480 for both shipped schedules). */
export function workingMinutesPerDay(officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): number {
  return parseOfficeHours(officeHours).minutesPerDay;
}

/** Opening instant (start of the first session) of a date. */
export function openingOf(date: DateOnly, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  return vnInstant(date, parseOfficeHours(officeHours).opening);
}

/** Closing instant (end of the last session) of a date. */
export function closingOf(date: DateOnly, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  return vnInstant(date, parseOfficeHours(officeHours).closing);
}

/**
 * The first instant ≥ `instant` that lies inside office hours of a working day: the instant
 * itself during a session, the next session's start during a break or before opening, the next
 * working day's opening after closing or on a day off.
 */
export function startOfWorkingTime(
  instant: Date,
  calendar: WorkingCalendar,
  officeHours: OfficeHours = DEFAULT_OFFICE_HOURS,
): Date {
  const { intervals, opening } = parseOfficeHours(officeHours);
  const date = vnDateOf(instant);
  if (calendar.isWorkingDay(date)) {
    const minute = vnMinuteOfDay(instant);
    for (const [start, end] of intervals) {
      if (minute < start) return vnInstant(date, start);
      if (minute < end) return instant;
    }
  }
  return vnInstant(calendar.nextWorkingDay(date), opening);
}

/**
 * Adds working minutes to an instant (first moved to the start of working time). A result that
 * lands exactly on the end of a session stays there (17:00, not next morning).
 */
export function addWorkingMinutes(
  start: Date,
  minutes: number,
  calendar: WorkingCalendar,
  officeHours: OfficeHours = DEFAULT_OFFICE_HOURS,
): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`working minutes must be ≥ 0, got ${minutes}`);
  const { intervals, opening } = parseOfficeHours(officeHours);
  const begin = startOfWorkingTime(start, calendar, officeHours);
  if (minutes === 0) return begin;
  let remaining = minutes;
  let date = vnDateOf(begin);
  let minute = vnMinuteOfDay(begin);
  for (;;) {
    for (const [sessionStart, sessionEnd] of intervals) {
      if (sessionEnd <= minute) continue;
      const from = Math.max(sessionStart, minute);
      const available = sessionEnd - from;
      if (remaining <= available) return vnInstant(date, from + remaining);
      remaining -= available;
    }
    date = calendar.nextWorkingDay(date);
    minute = opening;
  }
}

/** Working minutes in [from, to); negative when to is before from. */
export function workingMinutesBetween(
  from: Date,
  to: Date,
  calendar: WorkingCalendar,
  officeHours: OfficeHours = DEFAULT_OFFICE_HOURS,
): number {
  if (to.getTime() < from.getTime()) return -workingMinutesBetween(to, from, calendar, officeHours);
  const { intervals } = parseOfficeHours(officeHours);
  const firstDate = vnDateOf(from);
  const lastDate = vnDateOf(to);
  let total = 0;
  for (let date = firstDate; compareDateOnly(date, lastDate) <= 0; date = addDays(date, 1)) {
    if (!calendar.isWorkingDay(date)) continue;
    const dayFrom = date === firstDate ? vnMinuteOfDay(from) : 0;
    const dayTo = date === lastDate ? vnMinuteOfDay(to) : 1440;
    for (const [start, end] of intervals) {
      const overlap = Math.min(end, dayTo) - Math.max(start, dayFrom);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}
