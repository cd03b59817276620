import { describe, expect, it } from 'vitest';
import { makeDateOnly } from './date-only.ts';
import { parseDateOnly } from './format.ts';
import {
  HOLIDAY_IDS,
  HOLIDAY_RULE_SETS,
  type HolidayRuleSet,
  expandHolidayRule,
  ruleSetInForce,
  statutoryHolidaysOfYear,
} from './holidays.ts';

const dates = (year: number): string[] => statutoryHolidaysOfYear(year).map((h) => h.date);

describe('statutory holidays (legal-facts §4.1)', () => {
  it('§4.1 Labour Code 2019 Art. 112: 11 days in 2025, by the default formula', () => {
    expect(dates(2025)).toEqual([
      '2025-01-01',
      '2025-01-28', // 29 tháng Chạp (last day of Giáp Thìn)
      '2025-01-29', // Tết Ất Tỵ
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-04-07', // Giỗ Tổ
      '2025-04-30',
      '2025-05-01',
      '2025-09-01', // 2/9 is a Tuesday: the adjacent day is Monday 1/9
      '2025-09-02',
    ]);
  });

  it('§4.1 Resolution 28/2026/QH16: 24/11 Ngày Văn hóa Việt Nam from 01/07/2026 makes 12 days', () => {
    const holidays = statutoryHolidaysOfYear(2026);
    expect(holidays).toHaveLength(12);
    expect(holidays.at(-1)).toEqual({ date: '2026-11-24', ruleId: HOLIDAY_IDS.culture, name: 'Ngày Văn hóa Việt Nam' });
    expect(dates(2025)).not.toContain('2025-11-24');
    expect(dates(2027)).toContain('2027-11-24');
  });

  it('§4.3: the default Tết and Quốc khánh formulas reproduce the announced 2026 days', () => {
    const holidays = statutoryHolidaysOfYear(2026);
    expect(holidays.filter((h) => h.ruleId === HOLIDAY_IDS.tet).map((h) => h.date)).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
    expect(holidays.filter((h) => h.ruleId === HOLIDAY_IDS.nationalDay).map((h) => h.date)).toEqual([
      '2026-09-01',
      '2026-09-02',
    ]);
    expect(holidays.find((h) => h.ruleId === HOLIDAY_IDS.hungKings)?.date).toBe('2026-04-26');
  });

  // The adjacent Quốc khánh day announced 2021–2026, one year per weekday of 2/9 [I].
  it.each([
    { year: 2021, adjacent: '2021-09-03' }, // Thu → Fri
    { year: 2022, adjacent: '2022-09-01' }, // Fri → Thu
    { year: 2023, adjacent: '2023-09-01' }, // Sat → Fri
    { year: 2024, adjacent: '2024-09-03' }, // Mon → Tue
    { year: 2025, adjacent: '2025-09-01' }, // Tue → Mon
    { year: 2026, adjacent: '2026-09-01' }, // Wed → Tue
  ])('§4.1 Quốc khánh $year: 2/9 plus $adjacent', ({ year, adjacent }) => {
    const nationalDay = statutoryHolidaysOfYear(year).filter((h) => h.ruleId === HOLIDAY_IDS.nationalDay);
    expect(nationalDay.map((h) => h.date).sort()).toEqual([`${year}-09-02`, adjacent].sort());
  });

  it('before Labour Code 2019 (from 2021) Quốc khánh was one day [U]', () => {
    expect(dates(2020).filter((d) => d.endsWith('-09-01') || d.endsWith('-09-03'))).toEqual([]);
    expect(dates(2020)).toContain('2020-09-02');
    expect(dates(2020)).toHaveLength(10);
  });

  it('announced dates replace the formula for that rule only', () => {
    const holidays = statutoryHolidaysOfYear(2024, {
      announcedDates: {
        [HOLIDAY_IDS.tet]: ['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14'].map(parseDateOnly),
      },
    });
    const tet = holidays.filter((h) => h.ruleId === HOLIDAY_IDS.tet).map((h) => h.date);
    expect(tet).toEqual(['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14']);
    expect(holidays.find((h) => h.ruleId === HOLIDAY_IDS.hungKings)?.date).toBe('2024-04-18');
  });

  it('each occurrence follows the rule set in force on its own date', () => {
    expect(ruleSetInForce(parseDateOnly('2026-06-30'))?.id).toBe('labour-code-2019');
    expect(ruleSetInForce(parseDateOnly('2026-07-01'))?.id).toBe('labour-code-2019-culture-day');
    expect(ruleSetInForce(parseDateOnly('1967-12-31'))).toBeUndefined();

    // A hypothetical set that adds a holiday from mid-year only counts its later occurrences.
    const base = HOLIDAY_RULE_SETS.find((s) => s.id === 'labour-code-2019');
    if (!base) throw new Error('missing rule set');
    const custom: HolidayRuleSet[] = [
      base,
      {
        ...base,
        id: 'test-mid-year',
        effectiveFrom: makeDateOnly(2030, 6, 1),
        rules: [...base.rules, { id: 'spring', name: 'Spring', kind: 'solar', month: 3, day: 1 }],
      },
    ];
    const ids2030 = statutoryHolidaysOfYear(2030, { ruleSets: custom }).map((h) => h.ruleId);
    expect(ids2030).not.toContain('spring'); // 01/03/2030 is before 01/06/2030
    expect(statutoryHolidaysOfYear(2031, { ruleSets: custom }).map((h) => h.ruleId)).toContain('spring');
  });

  it('expands lunar rules through the lunar calendar', () => {
    expect(expandHolidayRule({ id: 'x', name: 'x', kind: 'lunar', month: 3, day: 10 }, 2024)).toEqual(['2024-04-18']);
    expect(expandHolidayRule({ id: 'x', name: 'x', kind: 'lunar-new-year', firstOffset: 0, days: 3 }, 1985)).toEqual([
      '1985-01-21',
      '1985-01-22',
      '1985-01-23',
    ]);
  });
});
