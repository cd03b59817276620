/**
 * WorkingCalendar: answers "is this a working day for state bodies?" and counts working days.
 *
 * Precedence for a date: holiday > compensatory day > announced day off > make-up working day
 * > weekly rest day > ordinary working day.
 *
 * Counting semantics (one rule everywhere, so add and count are inverses):
 * - addWorkingDays(d, n), n ≥ 1: the n-th working day strictly after d (d itself never counts,
 *   whether or not it is a working day). n = 0: d if it is a working day, else the next one.
 *   n < 0: the |n|-th working day strictly before d.
 * - countWorkingDays(from, to): working days in the half-open interval (from, to], i.e.
 *   excluding `from`, including `to`; negative when to < from. So
 *   countWorkingDays(d, addWorkingDays(d, n)) === n for n ≥ 1.
 */
import type { WorkingCalendarData, WorkingCalendarYear } from './calendar-data.ts';
import { type DateOnly, type Weekday, addDays, compareDateOnly, weekdayOf, yearOf } from './date-only.ts';

export type DayKind =
  | 'working-day'
  | 'weekend'
  | 'holiday'
  | 'compensatory-day'
  | 'extra-day-off'
  | 'make-up-working-day';

export interface DayStatus {
  date: DateOnly;
  working: boolean;
  kind: DayKind;
  /** Name of the holiday or announcement, when there is one. */
  name?: string;
}

export interface WorkingCalendar {
  readonly weekendDays: readonly Weekday[];
  describeDay(date: DateOnly): DayStatus;
  isWorkingDay(date: DateOnly): boolean;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: DateOnly): DateOnly;
  /** The last working day strictly before `date`. */
  previousWorkingDay(date: DateOnly): DateOnly;
  addWorkingDays(date: DateOnly, n: number): DateOnly;
  countWorkingDays(from: DateOnly, to: DateOnly): number;
}

export interface CreateWorkingCalendarOptions {
  /**
   * Supplies a year missing from the data (e.g. derived from the rules). Without it, asking
   * about a year that has no data throws: a deadline silently ignoring a holiday is worse.
   */
  loadYear?: (year: number) => WorkingCalendarYear | undefined;
}

interface SpecialDay {
  kind: Exclude<DayKind, 'working-day' | 'weekend'>;
  name: string;
}

const PRECEDENCE: Record<SpecialDay['kind'], number> = {
  holiday: 4,
  'compensatory-day': 3,
  'extra-day-off': 2,
  'make-up-working-day': 1,
};

/** Longest run of non-working days tolerated before we call the data broken. */
const MAX_SCAN_DAYS = 400;

export function createWorkingCalendar(
  data: WorkingCalendarData,
  options: CreateWorkingCalendarOptions = {},
): WorkingCalendar {
  const weekend = new Set<Weekday>(data.weekendDays);
  if (weekend.size >= 7) throw new RangeError('a calendar needs at least one working weekday');
  const given = new Map<number, WorkingCalendarYear>();
  for (const year of data.years) {
    if (given.has(year.year)) throw new RangeError(`duplicate calendar data for ${year.year}`);
    given.set(year.year, year);
  }
  const special = new Map<DateOnly, SpecialDay>();
  const indexed = new Set<number>(); // years whose entries are in `special`
  const missing = new Set<number>(); // years known to have no data
  const ready = new Set<number>(); // years whose own and neighbours' entries are indexed

  function put(date: DateOnly, day: SpecialDay): void {
    const existing = special.get(date);
    if (!existing || PRECEDENCE[day.kind] > PRECEDENCE[existing.kind]) special.set(date, day);
  }

  function index(year: number): boolean {
    if (indexed.has(year)) return true;
    if (missing.has(year)) return false;
    const entry = given.get(year) ?? options.loadYear?.(year);
    if (!entry) {
      missing.add(year);
      return false;
    }
    indexed.add(year);
    for (const h of entry.holidays) put(h.date, { kind: 'holiday', name: h.name });
    for (const c of entry.compensatoryDays) put(c.date, { kind: 'compensatory-day', name: c.name });
    for (const d of entry.extraDaysOff) put(d.date, { kind: 'extra-day-off', name: d.name });
    for (const d of entry.makeUpWorkingDays) put(d.date, { kind: 'make-up-working-day', name: d.name });
    return true;
  }

  function ensureYear(year: number): void {
    if (ready.has(year)) return;
    if (!index(year)) throw new RangeError(`no working-calendar data for year ${year}`);
    // A swap or compensatory day may be announced in a neighbouring year's data.
    index(year - 1);
    index(year + 1);
    ready.add(year);
  }

  function describeDay(date: DateOnly): DayStatus {
    ensureYear(yearOf(date));
    const day = special.get(date);
    if (day) {
      return { date, working: day.kind === 'make-up-working-day', kind: day.kind, name: day.name };
    }
    if (weekend.has(weekdayOf(date))) return { date, working: false, kind: 'weekend' };
    return { date, working: true, kind: 'working-day' };
  }

  function isWorkingDay(date: DateOnly): boolean {
    return describeDay(date).working;
  }

  function step(date: DateOnly, direction: 1 | -1): DateOnly {
    let candidate = date;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      candidate = addDays(candidate, direction);
      if (isWorkingDay(candidate)) return candidate;
    }
    throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days of ${date}`);
  }

  function addWorkingDays(date: DateOnly, n: number): DateOnly {
    if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer, got ${n}`);
    if (n === 0) return isWorkingDay(date) ? date : step(date, 1);
    const direction = n > 0 ? 1 : -1;
    let current = date;
    for (let i = 0; i < Math.abs(n); i++) current = step(current, direction);
    return current;
  }

  function countWorkingDays(from: DateOnly, to: DateOnly): number {
    const order = compareDateOnly(from, to);
    if (order === 0) return 0;
    if (order > 0) return -countWorkingDays(to, from);
    let count = 0;
    for (let d = addDays(from, 1); compareDateOnly(d, to) <= 0; d = addDays(d, 1)) {
      if (isWorkingDay(d)) count++;
    }
    return count;
  }

  return {
    weekendDays: [...weekend],
    describeDay,
    isWorkingDay,
    nextWorkingDay: (date) => step(date, 1),
    previousWorkingDay: (date) => step(date, -1),
    addWorkingDays,
    countWorkingDays,
  };
}
