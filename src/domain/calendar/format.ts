/**
 * Display and interchange formats in Vietnamese time (UTC+7): dd/MM/yyyy, 24-hour clock,
 * ISO-8601 with an explicit +07:00 offset. Independent of the process time zone.
 */
import { type DateOnly, dateOnlyParts, fromEpochDay, isDateOnly } from './date-only.ts';
import { VN_OFFSET_MINUTES } from './vn-time.ts';

const VN_OFFSET_MS = VN_OFFSET_MINUTES * 60_000;

interface VnWallClock {
  y: number;
  m: number;
  d: number;
  hh: number;
  mm: number;
  ss: number;
  ms: number;
}

function wallClock(instant: Date): VnWallClock {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid Date');
  const t = new Date(ms + VN_OFFSET_MS);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    hh: t.getUTCHours(),
    mm: t.getUTCMinutes(),
    ss: t.getUTCSeconds(),
    ms: t.getUTCMilliseconds(),
  };
}

const p2 = (n: number): string => String(n).padStart(2, '0');
const p4 = (n: number): string => String(n).padStart(4, '0');

/** '2026-11-25T17:00:00+07:00' (milliseconds shown only when non-zero). */
export function toIsoVn(instant: Date): string {
  const w = wallClock(instant);
  const fraction = w.ms === 0 ? '' : `.${String(w.ms).padStart(3, '0')}`;
  return `${p4(w.y)}-${p2(w.m)}-${p2(w.d)}T${p2(w.hh)}:${p2(w.mm)}:${p2(w.ss)}${fraction}+07:00`;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

// 10000-01-01 as an epoch day: from there on toISOString writes six-digit years.
const FIRST_DAY_PAST_9999 = 2_932_897;

/**
 * Exactly what Date#toISOString gives ('2026-03-02T01:15:00.000Z', UTC), several times faster
 * (the date's text comes from fromEpochDay, which remembers it): a bulk import writes millions of
 * instants. Instants before 1970 or after 9999, and invalid dates (RangeError), go to
 * toISOString itself.
 */
export function toIsoUtc(instant: Date): string {
  const ms = instant.getTime();
  const day = Math.floor(ms / 86_400_000);
  if (!(day >= 0 && day < FIRST_DAY_PAST_9999)) return instant.toISOString();
  let rest = ms - day * 86_400_000;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${fromEpochDay(day)}T${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[rest - seconds * 1000]}Z`;
}

/** 'dd/MM/yyyy' of an instant (its Vietnamese date) or of a date-only value. */
export function formatDateVn(value: Date | DateOnly): string {
  const { y, m, d } = value instanceof Date ? wallClock(value) : dateOnlyParts(value);
  return `${p2(d)}/${p2(m)}/${p4(y)}`;
}

/** 'dd/MM/yyyy HH:mm', 24-hour, Vietnamese time. */
export function formatDateTimeVn(instant: Date): string {
  const w = wallClock(instant);
  return `${p2(w.d)}/${p2(w.m)}/${p4(w.y)} ${p2(w.hh)}:${p2(w.mm)}`;
}

/** Parses 'YYYY-MM-DD' into a DateOnly; throws RangeError on malformed or impossible dates. */
export function parseDateOnly(value: string): DateOnly {
  if (!isDateOnly(value)) throw new RangeError(`invalid date '${value}', expected YYYY-MM-DD`);
  return value;
}
