/**
 * Statutory public holidays as data: rule sets versioned by effective date, expanded per year.
 *
 * Why data: the set changes by law (11 → 12 days from 01/07/2026) and the exact Tết and
 * Quốc khánh days are announced every year (Labour Code 2019 Art. 112(3)); an announced year
 * overrides the default formula through `announcedDates` (see year-calendar.ts).
 *
 * Sources (tags as in shared/domain/legal-facts.md §4.1):
 * - Labour Code 2019 (45/2019/QH14) Art. 112(1) [P], in force 01/01/2021.
 * - Ngày Văn hóa Việt Nam 24/11, paid day off from 01/07/2026, Resolution 28/2026/QH16 [S].
 * - Earlier sets (Labour Code 1994 and its 2007 amendment, Labour Code 2012) are [U]: from memory,
 *   not in the research file; they only matter for data dated before 2021 and can be replaced.
 */
import { type DateOnly, addDays, compareDateOnly, makeDateOnly, weekdayOf } from './date-only.ts';
import { lunarNewYear, lunarToSolar } from './lunar.ts';

/** Confidence tag of a rule set, as used in legal-facts.md. */
export type Confidence = 'P' | 'S' | 'I' | 'U';

interface HolidayRuleBase {
  /** Stable id; announcements override a year's dates by this id. */
  id: string;
  name: string;
}

/** A fixed Gregorian date, e.g. 30/4. */
export interface SolarHolidayRule extends HolidayRuleBase {
  kind: 'solar';
  month: number;
  day: number;
}

/** A fixed lunar date in a non-leap month, e.g. Giỗ Tổ 10/3. */
export interface LunarHolidayRule extends HolidayRuleBase {
  kind: 'lunar';
  month: number;
  day: number;
}

/** Consecutive days around Tết: `days` days starting `firstOffset` days from lunar 1/1. */
export interface LunarNewYearRule extends HolidayRuleBase {
  kind: 'lunar-new-year';
  firstOffset: number;
  days: number;
}

/**
 * A solar date plus one adjacent day (before or after) chosen by the weekday of the date:
 * `adjacentOffsetByWeekday[w]` is −1 or +1 for weekday w (0 = Sunday).
 */
export interface SolarWithAdjacentRule extends HolidayRuleBase {
  kind: 'solar-with-adjacent';
  month: number;
  day: number;
  adjacentOffsetByWeekday: readonly [number, number, number, number, number, number, number];
}

export type HolidayRule = SolarHolidayRule | LunarHolidayRule | LunarNewYearRule | SolarWithAdjacentRule;

export interface HolidayRuleSet {
  id: string;
  /** First date the set applies to; it applies until the next set's effectiveFrom. */
  effectiveFrom: DateOnly;
  source: string;
  confidence: Confidence;
  /** Labour Code 2019 Art. 111(3): a holiday on a weekly rest day is compensated on the next working day. */
  compensateWeekendHolidays: boolean;
  rules: readonly HolidayRule[];
}

export interface HolidayOccurrence {
  date: DateOnly;
  ruleId: string;
  name: string;
}

export const HOLIDAY_IDS = {
  newYear: 'tet-duong-lich',
  tet: 'tet-nguyen-dan',
  hungKings: 'gio-to-hung-vuong',
  reunification: 'ngay-chien-thang',
  labour: 'quoc-te-lao-dong',
  nationalDay: 'quoc-khanh',
  culture: 'ngay-van-hoa-viet-nam',
} as const;

const NEW_YEAR: SolarHolidayRule = { id: HOLIDAY_IDS.newYear, name: 'Tết Dương lịch', kind: 'solar', month: 1, day: 1 };
const REUNIFICATION: SolarHolidayRule = {
  id: HOLIDAY_IDS.reunification,
  name: 'Ngày Chiến thắng',
  kind: 'solar',
  month: 4,
  day: 30,
};
const LABOUR: SolarHolidayRule = { id: HOLIDAY_IDS.labour, name: 'Ngày Quốc tế lao động', kind: 'solar', month: 5, day: 1 };
const HUNG_KINGS: LunarHolidayRule = {
  id: HOLIDAY_IDS.hungKings,
  name: 'Giỗ Tổ Hùng Vương',
  kind: 'lunar',
  month: 3,
  day: 10,
};
const NATIONAL_DAY_ONE: SolarHolidayRule = { id: HOLIDAY_IDS.nationalDay, name: 'Quốc khánh', kind: 'solar', month: 9, day: 2 };
/**
 * 2/9 plus one adjacent day. Which one is announced yearly; the default picks the side that
 * joins a weekend, as announced 2021–2026 [I]: Mon→3/9, Tue→1/9, Wed→1/9 (2026), Thu→3/9,
 * Fri→1/9, Sat→1/9, Sun→3/9.
 */
const NATIONAL_DAY_TWO: SolarWithAdjacentRule = {
  id: HOLIDAY_IDS.nationalDay,
  name: 'Quốc khánh',
  kind: 'solar-with-adjacent',
  month: 9,
  day: 2,
  adjacentOffsetByWeekday: [1, 1, -1, -1, 1, -1, -1],
};
/** Default: the last day of the old lunar year and mùng 1–4 (the 2026 choice, 9441/TB-BNV). */
const TET_FIVE: LunarNewYearRule = {
  id: HOLIDAY_IDS.tet,
  name: 'Tết Nguyên đán',
  kind: 'lunar-new-year',
  firstOffset: -1,
  days: 5,
};
const TET_FOUR: LunarNewYearRule = { ...TET_FIVE, days: 4 };
const CULTURE_DAY: SolarHolidayRule = {
  id: HOLIDAY_IDS.culture,
  name: 'Ngày Văn hóa Việt Nam',
  kind: 'solar',
  month: 11,
  day: 24,
};

/** The shipped rule sets, oldest first. */
export const HOLIDAY_RULE_SETS: readonly HolidayRuleSet[] = [
  {
    id: 'labour-code-1994',
    // Labour Code 1994 took effect 01/01/1995; applied back to 1968 as an assumption (not researched).
    effectiveFrom: makeDateOnly(1968, 1, 1),
    source: 'Bộ luật Lao động 1994 Điều 73 (8 ngày)',
    confidence: 'U',
    compensateWeekendHolidays: true,
    rules: [NEW_YEAR, TET_FOUR, REUNIFICATION, LABOUR, NATIONAL_DAY_ONE],
  },
  {
    id: 'labour-code-1994-amended-2007',
    effectiveFrom: makeDateOnly(2007, 1, 1),
    source: 'Luật sửa đổi Điều 73 BLLĐ 2007: thêm Giỗ Tổ Hùng Vương (9 ngày)',
    confidence: 'U',
    compensateWeekendHolidays: true,
    rules: [NEW_YEAR, TET_FOUR, HUNG_KINGS, REUNIFICATION, LABOUR, NATIONAL_DAY_ONE],
  },
  {
    id: 'labour-code-2012',
    effectiveFrom: makeDateOnly(2013, 5, 1),
    source: 'Bộ luật Lao động 2012 Điều 115 (10 ngày)',
    confidence: 'U',
    compensateWeekendHolidays: true,
    rules: [NEW_YEAR, TET_FIVE, HUNG_KINGS, REUNIFICATION, LABOUR, NATIONAL_DAY_ONE],
  },
  {
    id: 'labour-code-2019',
    effectiveFrom: makeDateOnly(2021, 1, 1),
    source: 'Bộ luật Lao động 2019 (45/2019/QH14) Điều 112(1), Điều 111(3) (11 ngày)',
    confidence: 'P',
    compensateWeekendHolidays: true,
    rules: [NEW_YEAR, TET_FIVE, HUNG_KINGS, REUNIFICATION, LABOUR, NATIONAL_DAY_TWO],
  },
  {
    id: 'labour-code-2019-culture-day',
    effectiveFrom: makeDateOnly(2026, 7, 1),
    source: 'BLLĐ 2019 Điều 112 + Nghị quyết 28/2026/QH16: Ngày Văn hóa Việt Nam 24/11 (12 ngày)',
    confidence: 'S',
    compensateWeekendHolidays: true,
    rules: [NEW_YEAR, TET_FIVE, HUNG_KINGS, REUNIFICATION, LABOUR, NATIONAL_DAY_TWO, CULTURE_DAY],
  },
];

/** Solar dates a rule gives in Gregorian year `year` (the formula, before any announcement). */
export function expandHolidayRule(rule: HolidayRule, year: number): DateOnly[] {
  switch (rule.kind) {
    case 'solar':
      return [makeDateOnly(year, rule.month, rule.day)];
    case 'lunar': {
      // Lunar month 3 of lunar year `year` always falls in Gregorian `year`.
      const date = lunarToSolar({ day: rule.day, month: rule.month, year, leap: false });
      return date === null ? [] : [date];
    }
    case 'lunar-new-year': {
      // Tết (21/01–20/02) and the days around it always fall in the same Gregorian year.
      const tet = lunarNewYear(year);
      return Array.from({ length: rule.days }, (_, i) => addDays(tet, rule.firstOffset + i));
    }
    case 'solar-with-adjacent': {
      const date = makeDateOnly(year, rule.month, rule.day);
      const offset = rule.adjacentOffsetByWeekday[weekdayOf(date)] ?? 1;
      const adjacent = addDays(date, offset);
      return offset < 0 ? [adjacent, date] : [date, adjacent];
    }
  }
}

/** The rule set in force on a date (the latest with effectiveFrom ≤ date), or undefined. */
export function ruleSetInForce(date: DateOnly, ruleSets: readonly HolidayRuleSet[] = HOLIDAY_RULE_SETS): HolidayRuleSet | undefined {
  let found: HolidayRuleSet | undefined;
  for (const set of ruleSets) {
    if (compareDateOnly(set.effectiveFrom, date) <= 0 && (!found || compareDateOnly(found.effectiveFrom, set.effectiveFrom) < 0)) {
      found = set;
    }
  }
  return found;
}

export interface StatutoryHolidaysOptions {
  ruleSets?: readonly HolidayRuleSet[];
  /** Announced dates per rule id for this year; replaces the formula's dates for that rule. */
  announcedDates?: Readonly<Record<string, readonly DateOnly[]>>;
}

/**
 * Statutory holidays falling in Gregorian `year`, sorted by date. Each occurrence comes from the
 * rule set in force on that date, so a year that straddles a change (2026: 24/11 added from
 * 01/07) gets the right mix. Announced dates replace the formula for their rule id.
 */
export function statutoryHolidaysOfYear(year: number, options: StatutoryHolidaysOptions = {}): HolidayOccurrence[] {
  const ruleSets = options.ruleSets ?? HOLIDAY_RULE_SETS;
  const announced = options.announcedDates ?? {};
  const byDate = new Map<DateOnly, HolidayOccurrence>();
  const names = new Map<string, string>();

  for (const set of ruleSets) {
    for (const rule of set.rules) {
      names.set(rule.id, rule.name);
      if (Object.hasOwn(announced, rule.id)) continue;
      for (const date of expandHolidayRule(rule, year)) {
        if (ruleSetInForce(date, ruleSets) !== set) continue;
        if (!byDate.has(date)) byDate.set(date, { date, ruleId: rule.id, name: rule.name });
      }
    }
  }
  for (const [ruleId, dates] of Object.entries(announced)) {
    for (const date of dates ?? []) {
      if (!byDate.has(date)) byDate.set(date, { date, ruleId, name: names.get(ruleId) ?? ruleId });
    }
  }
  return [...byDate.values()].sort((a, b) => compareDateOnly(a.date, b.date));
}
