import type {
  CalendarCompensatoryDay,
  CalendarHoliday,
  CalendarNamedDay,
  WorkingCalendarYear,
  YearAnnouncement,
} from './calendar-data.ts';
import { STATE_BODY_WEEKEND } from './calendar-data.ts';
import { type DateOnly, type Weekday, addDays, compareDateOnly, weekdayOf } from './date-only.ts';
import { HOLIDAY_RULE_SETS, type HolidayRuleSet, ruleSetInForce, statutoryHolidaysOfYear } from './holidays.ts';

export interface BuildYearCalendarOptions {
  ruleSets?: readonly HolidayRuleSet[];
  /** The year's announcement; must be for the same year. */
  announcement?: YearAnnouncement;
  weekendDays?: readonly Weekday[];
}

const byDate = <T extends { date: DateOnly }>(a: T, b: T): number => compareDateOnly(a.date, b.date);

/**
 * Resolves one year's days off and make-up days: statutory holidays from the rule set in force
 * (announced dates replacing the formula), compensatory days for holidays on a weekly rest day
 * (Labour Code 2019 Art. 111(3): "nghỉ bù vào ngày làm việc kế tiếp"), then announced swaps.
 */
export function buildYearCalendar(year: number, options: BuildYearCalendarOptions = {}): WorkingCalendarYear {
  const ruleSets = options.ruleSets ?? HOLIDAY_RULE_SETS;
  const weekend = new Set<Weekday>(options.weekendDays ?? STATE_BODY_WEEKEND);
  const announcement = options.announcement;
  if (announcement && announcement.year !== year) {
    throw new RangeError(`announcement is for ${announcement.year}, not ${year}`);
  }

  const holidays: CalendarHoliday[] = statutoryHolidaysOfYear(year, {
    ruleSets,
    ...(announcement?.holidayDates ? { announcedDates: announcement.holidayDates } : {}),
  });
  const holidayNames = new Map(holidays.map((h) => [h.date, h.name]));

  const extraDaysOff: CalendarNamedDay[] = [];
  const makeUpWorkingDays: CalendarNamedDay[] = [];
  for (const swap of announcement?.swaps ?? []) {
    const note = swap.note ?? '';
    extraDaysOff.push({ date: swap.dayOff, name: note || `Nghỉ hoán đổi (làm bù ${swap.workDay})` });
    makeUpWorkingDays.push({ date: swap.workDay, name: note || `Làm bù cho ngày ${swap.dayOff}` });
  }
  for (const day of announcement?.extraDaysOff ?? []) extraDaysOff.push({ date: day.date, name: day.name });
  for (const day of announcement?.extraWorkingDays ?? []) makeUpWorkingDays.push({ date: day.date, name: day.name });

  let compensatoryDays: CalendarCompensatoryDay[];
  if (announcement?.compensatoryDays) {
    compensatoryDays = announcement.compensatoryDays.map((c) => ({
      date: c.date,
      forDate: c.forDate,
      name: `Nghỉ bù ${holidayNames.get(c.forDate) ?? ''}`.trim(),
    }));
  } else {
    const taken = new Set<DateOnly>([...holidays.map((h) => h.date), ...extraDaysOff.map((d) => d.date)]);
    compensatoryDays = [];
    for (const holiday of holidays) {
      if (!weekend.has(weekdayOf(holiday.date))) continue;
      if (!ruleSetInForce(holiday.date, ruleSets)?.compensateWeekendHolidays) continue;
      // Next day that is neither a weekly rest day nor already off.
      let candidate = addDays(holiday.date, 1);
      while (weekend.has(weekdayOf(candidate)) || taken.has(candidate)) candidate = addDays(candidate, 1);
      taken.add(candidate);
      compensatoryDays.push({ date: candidate, forDate: holiday.date, name: `Nghỉ bù ${holiday.name}` });
    }
  }

  return {
    year,
    holidays,
    compensatoryDays: compensatoryDays.sort(byDate),
    extraDaysOff: extraDaysOff.sort(byDate),
    makeUpWorkingDays: makeUpWorkingDays.sort(byDate),
    sources: [...(announcement?.sources ?? [])],
  };
}
