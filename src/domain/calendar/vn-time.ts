/**
 * Instants ↔ Vietnamese civil time. Asia/Ho_Chi_Minh is UTC+7 with no DST (since 1975), so the
 * conversion is a fixed shift of epoch milliseconds: never use the process time zone.
 */
import { type DateOnly, fromEpochDay, toEpochDay } from './date-only.ts';

export const VN_OFFSET_MINUTES = 7 * 60;
const VN_OFFSET_MS = VN_OFFSET_MINUTES * 60_000;
const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

/** Minutes after midnight, 0–1439 (a time of day in Vietnam). */
export type MinuteOfDay = number;

function assertValidInstant(instant: Date): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid Date');
  return ms;
}

/** The Vietnamese calendar date on which the instant falls. */
export function vnDateOf(instant: Date): DateOnly {
  const shifted = assertValidInstant(instant) + VN_OFFSET_MS;
  return fromEpochDay(Math.floor(shifted / MS_PER_DAY));
}

/** Vietnamese wall-clock time of the instant, in fractional minutes after midnight. */
export function vnMinuteOfDay(instant: Date): number {
  const shifted = assertValidInstant(instant) + VN_OFFSET_MS;
  const msOfDay = shifted - Math.floor(shifted / MS_PER_DAY) * MS_PER_DAY;
  return msOfDay / MS_PER_MINUTE;
}

/** The instant at the given Vietnamese wall-clock minute of the given date (minute may be 1440 = next midnight). */
export function vnInstant(date: DateOnly, minuteOfDay: number): Date {
  // Rounded: minutes may be fractional (seconds of a receipt time) and must not lose a millisecond.
  return new Date(toEpochDay(date) * MS_PER_DAY + Math.round(minuteOfDay * MS_PER_MINUTE) - VN_OFFSET_MS);
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Parses 'HH:mm' (24-hour) into minutes after midnight; '24:00' is accepted as end of day. */
export function parseTimeOfDay(value: string): MinuteOfDay {
  if (value === '24:00') return 1440;
  const match = HH_MM.exec(value);
  if (!match) throw new RangeError(`invalid time of day '${value}', expected HH:mm`);
  return Number(match[1]) * 60 + Number(match[2]);
}
