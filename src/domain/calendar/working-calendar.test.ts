import { describe, expect, it } from 'vitest';
import { buildYearCalendar } from './build-year-calendar.ts';
import { CALENDAR_2026 } from './calendar-2026.ts';
import type { WorkingCalendarYear } from './calendar-data.ts';
import { addDays, weekdayOf } from './date-only.ts';
import { createDefaultWorkingCalendar, defaultCalendarYear } from './default-calendar.ts';
import { parseDateOnly } from './format.ts';
import { HOLIDAY_IDS } from './holidays.ts';
import { parseYearAnnouncement } from './parse-year-announcement.ts';
import { createWorkingCalendar } from './working-calendar.ts';

const d = parseDateOnly;
const calendar = createDefaultWorkingCalendar();

function nonWorkingWeekdays(year: number): string[] {
  const out: string[] = [];
  for (let date = d(`${year}-01-01`); date <= `${year}-12-31`; date = addDays(date, 1)) {
    const weekday = weekdayOf(date);
    if (weekday !== 0 && weekday !== 6 && !calendar.isWorkingDay(date)) out.push(date);
  }
  return out;
}

function workingWeekendDays(year: number): string[] {
  const out: string[] = [];
  for (let date = d(`${year}-01-01`); date <= `${year}-12-31`; date = addDays(date, 1)) {
    const weekday = weekdayOf(date);
    if ((weekday === 0 || weekday === 6) && calendar.isWorkingDay(date)) out.push(date);
  }
  return out;
}

describe('2026 calendar for state bodies (legal-facts §4.3)', () => {
  it('§4.3: weekdays off in 2026 are exactly the announced ones', () => {
    expect(nonWorkingWeekdays(2026)).toEqual([
      '2026-01-01', // Tết Dương lịch
      '2026-01-02', // swapped with Sat 10/01 (12729/VPCP-KGVX)
      '2026-02-16', // Tết: 29 tháng Chạp …
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20', // … to mùng 4 (9441/TB-BNV)
      '2026-04-27', // compensatory for Giỗ Tổ on Sun 26/04
      '2026-04-30',
      '2026-05-01', // no swap (3383/BNV-CVL)
      '2026-08-31', // swapped with Sat 22/08 (9441/TB-BNV)
      '2026-09-01',
      '2026-09-02', // Quốc khánh
      '2026-11-24', // Ngày Văn hóa Việt Nam (Resolution 28/2026/QH16)
    ]);
  });

  it('§4.3: the make-up Saturdays 10/01 and 22/08 are working days', () => {
    expect(workingWeekendDays(2026)).toEqual(['2026-01-10', '2026-08-22']);
  });

  it('§4.3: back to work on Mon 23/02 after Tết', () => {
    expect(calendar.nextWorkingDay(d('2026-02-13'))).toBe('2026-02-23');
    for (let date = d('2026-02-14'); date <= '2026-02-22'; date = addDays(date, 1)) {
      expect(calendar.isWorkingDay(date), date).toBe(false);
    }
  });

  it('describes why a day is off or worked', () => {
    expect(calendar.describeDay(d('2026-04-26'))).toEqual({
      date: '2026-04-26',
      working: false,
      kind: 'holiday',
      name: 'Giỗ Tổ Hùng Vương',
    });
    expect(calendar.describeDay(d('2026-04-27'))).toMatchObject({ working: false, kind: 'compensatory-day' });
    expect(calendar.describeDay(d('2026-01-02'))).toMatchObject({ working: false, kind: 'extra-day-off' });
    expect(calendar.describeDay(d('2026-01-10'))).toMatchObject({ working: true, kind: 'make-up-working-day' });
    expect(calendar.describeDay(d('2026-01-11'))).toEqual({ date: '2026-01-11', working: false, kind: 'weekend' });
    expect(calendar.describeDay(d('2026-01-12'))).toEqual({ date: '2026-01-12', working: true, kind: 'working-day' });
  });

  it('the 2026 announcement is plain JSON and passes validation unchanged', () => {
    const json: unknown = JSON.parse(JSON.stringify(CALENDAR_2026));
    expect(parseYearAnnouncement(json)).toEqual({ ok: true, value: CALENDAR_2026 });
  });

  it('§4.3: 2026 has 249 working days (261 weekdays − 14 weekdays off + 2 make-up Saturdays)', () => {
    expect(calendar.countWorkingDays(d('2025-12-31'), d('2026-12-31'))).toBe(249);
  });
});

describe('compensatory days (Labour Code 2019 Art. 111(3), legal-facts §4.1)', () => {
  // Default formula for years whose Tết was announced differently; only non-Tết days checked.
  it.each([
    { year: 2022, forDate: '2022-01-01', date: '2022-01-03' }, // Sat 1/1 → Mon 3/1
    { year: 2022, forDate: '2022-04-10', date: '2022-04-11' }, // Giỗ Tổ Sun → Mon
    { year: 2022, forDate: '2022-04-30', date: '2022-05-02' }, // Sat 30/4 → Mon 2/5
    { year: 2022, forDate: '2022-05-01', date: '2022-05-03' }, // Sun 1/5 → Tue 3/5 (Mon taken)
    { year: 2023, forDate: '2023-04-29', date: '2023-05-02' }, // Giỗ Tổ Sat; Mon 1/5 is a holiday
    { year: 2023, forDate: '2023-04-30', date: '2023-05-03' },
    { year: 2023, forDate: '2023-09-02', date: '2023-09-04' }, // Sat 2/9 → Mon 4/9
  ])('$forDate on a weekend → $date off', ({ year, forDate, date }) => {
    const days = buildYearCalendar(year).compensatoryDays;
    expect(days).toContainEqual(expect.objectContaining({ date, forDate }));
  });

  it('2026 has exactly one compensatory day, computed not announced', () => {
    expect(defaultCalendarYear(2026).compensatoryDays).toEqual([
      { date: '2026-04-27', forDate: '2026-04-26', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
    ]);
  });

  it('an announced list of compensatory days replaces the computed one', () => {
    const year = buildYearCalendar(2022, {
      announcement: { year: 2022, compensatoryDays: [{ date: d('2022-04-11'), forDate: d('2022-04-10') }] },
    });
    expect(year.compensatoryDays.map((c) => c.date)).toEqual(['2022-04-11']);
  });
});

describe('announcements override the rules', () => {
  it('a year entered at run time wins over the default formula', () => {
    const announcement = {
      year: 2027,
      sources: ['TB-TEST/2027'],
      holidayDates: { [HOLIDAY_IDS.tet]: ['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'] },
      swaps: [{ dayOff: '2027-02-11', workDay: '2027-02-20' }],
    };
    const parsed = parseYearAnnouncement(JSON.parse(JSON.stringify(announcement)));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const cal = createDefaultWorkingCalendar({ announcements: [parsed.value] });
    expect(cal.isWorkingDay(d('2027-02-04'))).toBe(false);
    expect(cal.isWorkingDay(d('2027-02-11'))).toBe(false);
    expect(cal.isWorkingDay(d('2027-02-20'))).toBe(true); // make-up Saturday
    expect(cal.isWorkingDay(d('2027-02-12'))).toBe(true);
    // default formula would have given Wed 10/2 and Thu 11/2 as compensatory days for the weekend
    expect(calendar.isWorkingDay(d('2027-02-11'))).toBe(false);
    expect(calendar.isWorkingDay(d('2027-02-04'))).toBe(true);
  });

  it('rejects malformed announcements with field paths', () => {
    const result = parseYearAnnouncement({
      year: 2027,
      swaps: [{ dayOff: '2027-02-13', workDay: '2027-02-15' }],
      holidayDates: { [HOLIDAY_IDS.tet]: ['2027-02-30'] },
      extraDaysOff: [{ date: '2031-01-01', name: 'x' }],
      foo: 1,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual(
      ['extraDaysOff[0].date', 'foo', 'holidayDates.tet-nguyen-dan[0]', 'swaps[0].dayOff', 'swaps[0].workDay'].sort(),
    );
    expect(parseYearAnnouncement({ year: 1900 }).ok).toBe(false);
    expect(parseYearAnnouncement('2026').ok).toBe(false);
  });
});

describe('working-day arithmetic semantics', () => {
  it('addWorkingDays counts strictly after the start day', () => {
    expect(calendar.addWorkingDays(d('2026-11-23'), 1)).toBe('2026-11-25'); // 24/11 is off
    expect(calendar.addWorkingDays(d('2026-11-21'), 1)).toBe('2026-11-23'); // from a Saturday
    expect(calendar.addWorkingDays(d('2026-01-09'), 1)).toBe('2026-01-10'); // make-up Saturday
    expect(calendar.addWorkingDays(d('2026-02-13'), 3)).toBe('2026-02-25');
    expect(calendar.addWorkingDays(d('2026-11-23'), 0)).toBe('2026-11-23');
    expect(calendar.addWorkingDays(d('2026-11-24'), 0)).toBe('2026-11-25');
    expect(calendar.addWorkingDays(d('2026-11-25'), -1)).toBe('2026-11-23');
    expect(() => calendar.addWorkingDays(d('2026-11-25'), 1.5)).toThrow(RangeError);
  });

  it('countWorkingDays counts (from, to]: excludes from, includes to', () => {
    expect(calendar.countWorkingDays(d('2026-11-23'), d('2026-11-25'))).toBe(1);
    expect(calendar.countWorkingDays(d('2026-11-23'), d('2026-11-23'))).toBe(0);
    expect(calendar.countWorkingDays(d('2026-02-13'), d('2026-02-23'))).toBe(1);
    expect(calendar.countWorkingDays(d('2026-11-25'), d('2026-11-23'))).toBe(-1);
  });

  it('add and count are inverses across holidays and year ends', () => {
    for (const start of ['2026-02-12', '2026-04-24', '2026-08-20', '2026-12-28', '2025-12-30']) {
      for (const n of [1, 2, 5, 10, 15, 30]) {
        const end = calendar.addWorkingDays(d(start), n);
        expect(calendar.countWorkingDays(d(start), end), `${start} + ${n}`).toBe(n);
      }
    }
  });

  it('crosses into the next year using that year’s rules (1/1/2027)', () => {
    expect(calendar.addWorkingDays(d('2026-12-31'), 1)).toBe('2027-01-04'); // Fri 1/1 off, weekend
  });

  it('a calendar from plain data refuses years it has no data for', () => {
    const year2026: WorkingCalendarYear = defaultCalendarYear(2026);
    const only2026 = createWorkingCalendar({ weekendDays: [6, 0], years: [year2026] });
    expect(only2026.isWorkingDay(d('2026-11-24'))).toBe(false);
    expect(() => only2026.isWorkingDay(d('2027-01-04'))).toThrow(RangeError);
    expect(() => createDefaultWorkingCalendar().isWorkingDay(d('2101-01-03'))).toThrow(RangeError);
  });

  it('entries from a neighbouring year’s data are honoured (cross-year swap)', () => {
    const y2026 = defaultCalendarYear(2026);
    const y2027: WorkingCalendarYear = {
      ...defaultCalendarYear(2027),
      extraDaysOff: [{ date: d('2026-12-31'), name: 'Nghỉ hoán đổi' }],
      makeUpWorkingDays: [{ date: d('2027-01-09'), name: 'Làm bù' }],
    };
    const cal = createWorkingCalendar({ weekendDays: [6, 0], years: [y2026, y2027] });
    expect(cal.isWorkingDay(d('2026-12-31'))).toBe(false);
    expect(cal.isWorkingDay(d('2027-01-09'))).toBe(true);
  });

  it('a holiday wins over a make-up working day on the same date', () => {
    const year = { ...defaultCalendarYear(2026), makeUpWorkingDays: [{ date: d('2026-04-26'), name: 'x' }] };
    const cal = createWorkingCalendar({ weekendDays: [6, 0], years: [year] });
    expect(cal.describeDay(d('2026-04-26')).kind).toBe('holiday');
  });
});
