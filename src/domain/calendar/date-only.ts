/**
 * Date-only values: a civil date in Vietnam with no time and no zone.
 *
 * Represented as a branded ISO string 'YYYY-MM-DD' so it is plain JSON, sorts correctly as a
 * string, and works as a Map/Set key. Arithmetic goes through the "epoch day" (days since
 * 1970-01-01), computed with Date.UTC so the process time zone never matters.
 */

export type DateOnly = string & { readonly __brand: 'DateOnly' };

/** 0 = Sunday … 6 = Saturday (same numbering as Date#getUTCDay). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface DateParts {
  y: number;
  m: number;
  d: number;
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Builds a DateOnly from parts; throws RangeError on an impossible date (e.g. 2026-02-30). */
export function makeDateOnly(y: number, m: number, d: number): DateOnly {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < 1 || y > 9999) {
    throw new RangeError(`invalid date parts ${y}-${m}-${d}`);
  }
  const t = new Date(Date.UTC(2000, m - 1, d));
  t.setUTCFullYear(y); // Date.UTC maps years 0–99 to 1900s; set the year explicitly
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) {
    throw new RangeError(`invalid date ${y}-${m}-${d}`);
  }
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` as DateOnly;
}

/** True when the value is a well-formed, existing 'YYYY-MM-DD' date. */
export function isDateOnly(value: unknown): value is DateOnly {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  try {
    makeDateOnly(Number(match[1]), Number(match[2]), Number(match[3]));
    return true;
  } catch {
    return false;
  }
}

export function dateOnlyParts(date: DateOnly): DateParts {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a date-only value: ${String(date)}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

// Deadlines walk day by day, so a large import turns the same few hundred days into text and
// back millions of times: the days of 1970–2099 are remembered once converted (at most 47,482).
const REMEMBERED_DAYS = 47_482;
const dayTexts: (DateOnly | undefined)[] = [];
const dayNumbers = new Map<string, number>();

/** Days since 1970-01-01 (negative before). */
export function toEpochDay(date: DateOnly): number {
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const { y, m, d } = dateOnlyParts(date);
  const t = new Date(Date.UTC(2000, m - 1, d));
  t.setUTCFullYear(y);
  const epochDay = Math.round(t.getTime() / MS_PER_DAY);
  // Only real dates are remembered, so the map holds at most one text per day.
  if (epochDay >= 0 && epochDay < REMEMBERED_DAYS && t.getUTCMonth() === m - 1 && t.getUTCDate() === d) dayNumbers.set(date, epochDay);
  return epochDay;
}

export function fromEpochDay(epochDay: number): DateOnly {
  const remembered = Number.isInteger(epochDay) && epochDay >= 0 && epochDay < REMEMBERED_DAYS;
  const known = remembered ? dayTexts[epochDay] : undefined;
  if (known !== undefined) return known;
  const t = new Date(epochDay * MS_PER_DAY);
  const text = makeDateOnly(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  if (remembered) dayTexts[epochDay] = text;
  return text;
}

export function addDays(date: DateOnly, days: number): DateOnly {
  return fromEpochDay(toEpochDay(date) + days);
}

/** b − a in days. */
export function diffDays(a: DateOnly, b: DateOnly): number {
  return toEpochDay(b) - toEpochDay(a);
}

export function weekdayOf(date: DateOnly): Weekday {
  // 1970-01-01 was a Thursday (4)
  return ((((toEpochDay(date) + 4) % 7) + 7) % 7) as Weekday;
}

export function compareDateOnly(a: DateOnly, b: DateOnly): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function yearOf(date: DateOnly): number {
  return dateOnlyParts(date).y;
}
