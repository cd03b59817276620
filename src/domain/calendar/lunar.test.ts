import { describe, expect, it } from 'vitest';
import { addDays, fromEpochDay, makeDateOnly, toEpochDay } from './date-only.ts';
import { jdFromDate, jdToDate, leapMonthOf, lunarNewYear, lunarToSolar, solarToLunar } from './lunar.ts';
import { parseDateOnly } from './format.ts';

/**
 * Tết (1/1 lunar) as 'MM-DD' and the year's leap month ('/n') for 1968–2100, decoded from
 * Hồ Ngọc Đức's published precomputed year tables (TK20/TK21/TK22 of amlich-hnd.js), which were
 * produced independently of this port. The well-known recent years agree with the official
 * Vietnamese calendars printed each year.
 */
const HND_TET_TABLE = [
  /* 1968 */ '01-29/7 02-16 02-06 01-27/5 02-15 02-03 01-23/4 02-11 01-31/8 02-18',
  /* 1978 */ '02-07 01-28/6 02-16 02-05 01-25/4 02-13 02-02 01-21/2 02-09 01-29/7',
  /* 1988 */ '02-17 02-06 01-27/5 02-15 02-04 01-23/3 02-10 01-31/8 02-19 02-07',
  /* 1998 */ '01-28/5 02-16 02-05 01-24/4 02-12 02-01 01-22/2 02-09 01-29/7 02-17',
  /* 2008 */ '02-07 01-26/5 02-14 02-03 01-23/4 02-10 01-31/9 02-19 02-08 01-28/6',
  /* 2018 */ '02-16 02-05 01-25/4 02-12 02-01 01-22/2 02-10 01-29/6 02-17 02-06',
  /* 2028 */ '01-26/5 02-13 02-02 01-23/3 02-11 01-31/11 02-19 02-08 01-28/6 02-15',
  /* 2038 */ '02-04 01-24/5 02-12 02-01 01-22/2 02-10 01-30/7 02-17 02-06 01-26/5',
  /* 2048 */ '02-14 02-02 01-23/3 02-11 02-01/8 02-18 02-08 01-28/6 02-15 02-04',
  /* 2058 */ '01-24/4 02-12 02-02 01-21/3 02-09 01-29/7 02-17 02-05 01-26/5 02-14',
  /* 2068 */ '02-03 01-23/4 02-11 01-31/8 02-19 02-07 01-27/6 02-15 02-05 01-24/4',
  /* 2078 */ '02-12 02-02 01-22/3 02-09 01-29/7 02-17 02-06 01-26/5 02-14 02-03',
  /* 2088 */ '01-24/4 02-10 01-30/8 02-18 02-07 01-27/6 02-15 02-05 01-25/4 02-12',
  /* 2098 */ '02-01 01-21/2 02-09',
]
  .join(' ')
  .split(' ')
  .map((entry, i) => {
    const [monthDay = '', leap] = entry.split('/');
    const year = 1968 + i;
    return { year, tet: `${year}-${monthDay}`, leap: leap === undefined ? null : Number(leap) };
  });

describe('lunar calendar (Hồ Ngọc Đức algorithm, UTC+7)', () => {
  it('the reference table covers 1968–2100', () => {
    expect(HND_TET_TABLE).toHaveLength(133);
    expect(HND_TET_TABLE.at(-1)?.year).toBe(2100);
  });

  // Dates everyone in Vietnam knows, including the years where Vietnam (UTC+7) and China (UTC+8)
  // celebrate on different days; the Chinese date is checked by computing at UTC+8.
  it.each([
    { year: 1968, vn: '1968-01-29', cn: '1968-01-30', note: 'Tết Mậu Thân' },
    { year: 1985, vn: '1985-01-21', cn: '1985-02-20', note: 'a whole month apart (leap month differs)' },
    { year: 2007, vn: '2007-02-17', cn: '2007-02-18', note: 'new moon 23:14 UTC+7' },
    { year: 2024, vn: '2024-02-10', cn: '2024-02-10', note: 'same' },
    { year: 2025, vn: '2025-01-29', cn: '2025-01-29', note: 'same' },
    { year: 2026, vn: '2026-02-17', cn: '2026-02-17', note: 'Bính Ngọ, legal-facts §4.3' },
  ])('Tết $year is $vn in Vietnam ($note)', ({ year, vn, cn }) => {
    expect(lunarNewYear(year)).toBe(vn);
    expect(lunarToSolar({ day: 1, month: 1, year, leap: false }, 8)).toBe(cn);
  });

  it.each(HND_TET_TABLE)('Tết $year = $tet, leap month $leap (HND year tables)', ({ year, tet, leap }) => {
    expect(lunarNewYear(year)).toBe(tet);
    expect(leapMonthOf(year)).toBe(leap);
  });

  it.each([
    { year: 2016, date: '2016-04-16' },
    { year: 2017, date: '2017-04-06' },
    { year: 2018, date: '2018-04-25' },
    { year: 2019, date: '2019-04-14' },
    { year: 2020, date: '2020-04-02' },
    { year: 2021, date: '2021-04-21' },
    { year: 2022, date: '2022-04-10' },
    { year: 2023, date: '2023-04-29' },
    { year: 2024, date: '2024-04-18' },
    { year: 2025, date: '2025-04-07' },
    { year: 2026, date: '2026-04-26' },
  ])('Giỗ Tổ Hùng Vương (10/3 lunar) $year = $date', ({ year, date }) => {
    expect(lunarToSolar({ day: 10, month: 3, year, leap: false })).toBe(date);
    expect(solarToLunar(parseDateOnly(date))).toEqual({ day: 10, month: 3, year, leap: false });
  });

  it('§4.3: Tết 2026 off-days run from 29 tháng Chạp Ất Tỵ to mùng 4 Bính Ngọ', () => {
    expect(solarToLunar(parseDateOnly('2026-02-16'))).toEqual({ day: 29, month: 12, year: 2025, leap: false });
    expect(solarToLunar(parseDateOnly('2026-02-20'))).toEqual({ day: 4, month: 1, year: 2026, leap: false });
  });

  it('converts dates in leap months both ways', () => {
    // 2023 has a leap 2nd month: 1/2 nhuận = 2023-03-22
    expect(solarToLunar(parseDateOnly('2023-03-22'))).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(lunarToSolar({ day: 1, month: 2, year: 2023, leap: true })).toBe('2023-03-22');
    expect(lunarToSolar({ day: 1, month: 2, year: 2023, leap: false })).toBe('2023-02-20');
    // 2033: leap 11th month (the "2033 problem"), belongs to lunar year 2033
    expect(leapMonthOf(2033)).toBe(11);
    const leap11 = lunarToSolar({ day: 1, month: 11, year: 2033, leap: true });
    expect(leap11).not.toBeNull();
    expect(solarToLunar(leap11 ?? parseDateOnly('1970-01-01'))).toEqual({ day: 1, month: 11, year: 2033, leap: true });
  });

  it('rejects lunar dates that do not exist', () => {
    expect(lunarToSolar({ day: 1, month: 5, year: 2026, leap: true })).toBeNull(); // 2026 has no leap month
    expect(lunarToSolar({ day: 1, month: 3, year: 2023, leap: true })).toBeNull(); // 2023's leap month is 2
    expect(lunarToSolar({ day: 31, month: 1, year: 2026, leap: false })).toBeNull();
    expect(lunarToSolar({ day: 1, month: 13, year: 2026, leap: false })).toBeNull();
    // tháng Chạp Ất Tỵ has 29 days (Tết 2026 follows 29 Chạp), so 30/12/2025 does not exist
    expect(lunarToSolar({ day: 30, month: 12, year: 2025, leap: false })).toBeNull();
    expect(lunarToSolar({ day: 29, month: 12, year: 2025, leap: false })).toBe('2026-02-16');
  });

  it('round-trips every day 1968–2100 (solar → lunar → solar)', () => {
    const first = toEpochDay(makeDateOnly(1968, 1, 1));
    const last = toEpochDay(makeDateOnly(2100, 12, 31));
    const failures: string[] = [];
    for (let e = first; e <= last; e++) {
      const date = fromEpochDay(e);
      const lunar = solarToLunar(date);
      if (lunarToSolar(lunar) !== date) failures.push(date);
    }
    expect(failures).toEqual([]);
  });

  it('structure: Tết between 21/01 and 20/02, months of 29–30 days, 12 or 13 months a year', () => {
    for (let year = 1968; year <= 2100; year++) {
      const tet = lunarNewYear(year);
      expect(tet >= `${year}-01-21` && tet <= `${year}-02-20`, `Tết ${year} = ${tet}`).toBe(true);
      const nextTet = lunarNewYear(year + 1);
      const length = toEpochDay(nextTet) - toEpochDay(tet);
      const months = leapMonthOf(year) === null ? 12 : 13;
      expect(length, `lunar year ${year}`).toBeGreaterThanOrEqual(months * 29);
      expect(length, `lunar year ${year}`).toBeLessThanOrEqual(months * 30);
      // the day before Tết is the last day (29 or 30) of tháng Chạp of the previous lunar year
      const eve = solarToLunar(addDays(tet, -1));
      expect(eve.month).toBe(12);
      expect(eve.year).toBe(year - 1);
      expect([29, 30]).toContain(eve.day);
    }
  });

  it('Julian day numbers match known values and invert', () => {
    expect(jdFromDate(1, 1, 2000)).toBe(2451545);
    expect(jdFromDate(1, 1, 1970)).toBe(2440588);
    expect(jdToDate(2451545)).toEqual({ y: 2000, m: 1, d: 1 });
    expect(jdToDate(jdFromDate(24, 11, 2026))).toEqual({ y: 2026, m: 11, d: 24 });
  });
});
