import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  diffDays,
  fromEpochDay,
  isDateOnly,
  makeDateOnly,
  toEpochDay,
  weekdayOf,
} from './date-only.ts';
import { formatDateTimeVn, formatDateVn, parseDateOnly, toIsoUtc, toIsoVn } from './format.ts';
import { parseTimeOfDay, vnDateOf, vnInstant, vnMinuteOfDay } from './vn-time.ts';

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('date-only values', () => {
  it.each([
    ['2026-02-17', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['26-01-01', false],
    ['2026-01-01T00:00', false],
  ])('isDateOnly(%s) = %s', (value, expected) => {
    expect(isDateOnly(value)).toBe(expected);
  });

  it('parseDateOnly accepts YYYY-MM-DD and rejects anything else', () => {
    expect(parseDateOnly('2026-11-24')).toBe('2026-11-24');
    expect(() => parseDateOnly('24/11/2026')).toThrow(RangeError);
    expect(() => parseDateOnly('2026-02-30')).toThrow(RangeError);
  });

  it.each([
    ['2026-01-01', 4], // Thursday (legal-facts §4.3: "Thu 01/01")
    ['2026-01-10', 6], // Saturday (make-up working day)
    ['2026-04-26', 0], // Sunday (Giỗ Tổ)
    ['2026-11-24', 2], // Tuesday (Ngày Văn hóa Việt Nam)
    ['1968-01-29', 1],
  ])('weekdayOf(%s) = %i', (date, weekday) => {
    expect(weekdayOf(parseDateOnly(date))).toBe(weekday);
  });

  it('epoch-day arithmetic crosses months, leap days and years', () => {
    expect(toEpochDay(parseDateOnly('1970-01-01'))).toBe(0);
    expect(fromEpochDay(-1)).toBe('1969-12-31');
    expect(addDays(parseDateOnly('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(parseDateOnly('2026-12-31'), 1)).toBe('2027-01-01');
    expect(diffDays(parseDateOnly('2026-01-01'), parseDateOnly('2027-01-01'))).toBe(365);
    expect(makeDateOnly(2100, 12, 31)).toBe('2100-12-31');
    expect(() => makeDateOnly(2100, 2, 29)).toThrow(RangeError); // 2100 is not a leap year
  });
});

describe('Vietnamese time (UTC+7)', () => {
  it('an instant late in the UTC day is already the next day in Vietnam', () => {
    const instant = new Date('2026-11-23T17:30:00Z'); // 00:30 on 24/11 in Vietnam
    expect(vnDateOf(instant)).toBe('2026-11-24');
    expect(vnMinuteOfDay(instant)).toBe(30);
    expect(vnInstant(parseDateOnly('2026-11-24'), 30).toISOString()).toBe('2026-11-23T17:30:00.000Z');
  });

  it('parses HH:mm', () => {
    expect(parseTimeOfDay('07:30')).toBe(450);
    expect(parseTimeOfDay('24:00')).toBe(1440);
    expect(() => parseTimeOfDay('7:30')).toThrow(RangeError);
    expect(() => parseTimeOfDay('25:00')).toThrow(RangeError);
  });
});

describe('formatting', () => {
  const dueAt = new Date('2026-11-25T10:00:00Z'); // 17:00 in Vietnam

  it('toIsoVn writes the +07:00 offset', () => {
    expect(toIsoVn(dueAt)).toBe('2026-11-25T17:00:00+07:00');
    expect(toIsoVn(new Date('2026-12-31T17:00:00.250Z'))).toBe('2027-01-01T00:00:00.250+07:00');
    expect(new Date(toIsoVn(dueAt)).getTime()).toBe(dueAt.getTime());
  });

  it('formatDateVn and formatDateTimeVn use dd/MM/yyyy and a 24-hour clock', () => {
    expect(formatDateVn(dueAt)).toBe('25/11/2026');
    expect(formatDateVn(parseDateOnly('2026-01-02'))).toBe('02/01/2026');
    expect(formatDateTimeVn(dueAt)).toBe('25/11/2026 17:00');
    expect(formatDateTimeVn(new Date('2026-01-01T17:05:00Z'))).toBe('02/01/2026 00:05');
  });

  it('does not depend on the process time zone', () => {
    const results: string[] = [];
    for (const tz of ['UTC', 'America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      results.push(`${toIsoVn(dueAt)} ${formatDateTimeVn(dueAt)} ${vnDateOf(new Date('2026-11-23T17:30:00Z'))}`);
    }
    expect(new Set(results)).toEqual(new Set(['2026-11-25T17:00:00+07:00 25/11/2026 17:00 2026-11-24']));
  });

  it('rejects invalid dates', () => {
    expect(() => toIsoVn(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('toIsoUtc', () => {
  it('writes what toISOString writes, inside and outside the remembered years', () => {
    const instants = [0, -1, 86_399_999, 86_400_000, Date.UTC(2026, 1, 28, 23, 59, 59, 999), Date.UTC(2028, 1, 29, 12), Date.UTC(2099, 11, 31, 23, 59, 59, 999), Date.UTC(2100, 0, 1), Date.UTC(1969, 11, 31, 7), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1), Date.UTC(12000, 0, 1)];
    let x = 20_261_123;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
      instants.push(Math.floor((x / 2 ** 31) * 4_200_000_000_000));
    }
    for (const ms of instants) expect(toIsoUtc(new Date(ms))).toBe(new Date(ms).toISOString());
  });

  it('refuses an invalid date as toISOString does', () => {
    expect(() => toIsoUtc(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('remembered days convert both ways as before', () => {
    for (const day of [0, 1, 20_513, 20_514, 47_481, 47_482, -1]) {
      expect(toEpochDay(fromEpochDay(day))).toBe(day);
      expect(toEpochDay(fromEpochDay(day))).toBe(day);
    }
  });
});
