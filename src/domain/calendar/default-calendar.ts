import { buildYearCalendar } from './build-year-calendar.ts';
import { CALENDAR_2026 } from './calendar-2026.ts';
import {
  FIRST_SUPPORTED_YEAR,
  LAST_SUPPORTED_YEAR,
  STATE_BODY_WEEKEND,
  type WorkingCalendarYear,
  type YearAnnouncement,
} from './calendar-data.ts';
import type { Weekday } from './date-only.ts';
import { HOLIDAY_RULE_SETS, type HolidayRuleSet } from './holidays.ts';
import { type WorkingCalendar, createWorkingCalendar } from './working-calendar.ts';

/** Announcements shipped with the code; later years are entered by administrators. */
export const SHIPPED_ANNOUNCEMENTS: readonly YearAnnouncement[] = [CALENDAR_2026];

export interface DefaultCalendarOptions {
  /** Announcements to apply; entries here win over the shipped ones for the same year. */
  announcements?: readonly YearAnnouncement[];
  ruleSets?: readonly HolidayRuleSet[];
  weekendDays?: readonly Weekday[];
}

function announcementFor(year: number, announcements: readonly YearAnnouncement[] | undefined): YearAnnouncement | undefined {
  const own = announcements?.find((a) => a.year === year);
  return own ?? SHIPPED_ANNOUNCEMENTS.find((a) => a.year === year);
}

/**
 * The calendar data of any year 1968–2100: the rules in force plus the year's announcement
 * (shipped, or given by the caller). Throws RangeError outside the supported range.
 */
export function defaultCalendarYear(year: number, options: DefaultCalendarOptions = {}): WorkingCalendarYear {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new RangeError(`calendar year ${year} outside ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}`);
  }
  const announcement = announcementFor(year, options.announcements);
  return buildYearCalendar(year, {
    ...(options.ruleSets ? { ruleSets: options.ruleSets } : { ruleSets: HOLIDAY_RULE_SETS }),
    ...(announcement ? { announcement } : {}),
    ...(options.weekendDays ? { weekendDays: options.weekendDays } : {}),
  });
}

/** A WorkingCalendar that derives each year 1968–2100 on first use (memoised, still pure). */
export function createDefaultWorkingCalendar(options: DefaultCalendarOptions = {}): WorkingCalendar {
  return createWorkingCalendar(
    { weekendDays: [...(options.weekendDays ?? STATE_BODY_WEEKEND)], years: [] },
    {
      loadYear: (year) =>
        year >= FIRST_SUPPORTED_YEAR && year <= LAST_SUPPORTED_YEAR ? defaultCalendarYear(year, options) : undefined,
    },
  );
}
