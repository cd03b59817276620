/**
 * Plain, JSON-serialisable shapes of calendar data. Administrators enter a year's announcement
 * at run time (stored as JSON); a WorkingCalendar is built from WorkingCalendarData.
 */
import type { DateOnly, Weekday } from './date-only.ts';

/** One announced swap: a weekday becomes a day off, a weekend day (usually a Saturday) is worked instead. */
export interface DaySwap {
  dayOff: DateOnly;
  workDay: DateOnly;
  note?: string;
}

/**
 * What the competent authority announced for one year (e.g. 9441/TB-BNV for 2026). Every field
 * is optional: whatever is not announced comes from the default rules.
 */
export interface YearAnnouncement {
  year: number;
  /** Notice numbers, e.g. ['9441/TB-BNV']. */
  sources?: string[];
  /** Announced holiday dates by holiday rule id (see HOLIDAY_IDS); replaces the formula for that rule. */
  holidayDates?: Record<string, DateOnly[]>;
  /** Announced compensatory days; when present, replaces the computed ones for the year. */
  compensatoryDays?: { date: DateOnly; forDate: DateOnly }[];
  swaps?: DaySwap[];
  /** Other announced days off (not part of a swap). */
  extraDaysOff?: { date: DateOnly; name: string }[];
  /** Other announced working days on a weekend (not part of a swap). */
  extraWorkingDays?: { date: DateOnly; name: string }[];
}

export interface CalendarHoliday {
  date: DateOnly;
  name: string;
  ruleId: string;
}

export interface CalendarCompensatoryDay {
  date: DateOnly;
  /** The holiday that fell on a weekly rest day. */
  forDate: DateOnly;
  name: string;
}

export interface CalendarNamedDay {
  date: DateOnly;
  name: string;
}

/** The resolved days of one year. Dates are indexed by their own value, so an entry may lie in a neighbouring year. */
export interface WorkingCalendarYear {
  year: number;
  holidays: CalendarHoliday[];
  compensatoryDays: CalendarCompensatoryDay[];
  /** Announced days off on weekdays (swap days and others). */
  extraDaysOff: CalendarNamedDay[];
  /** Announced working days on weekend days (make-up Saturdays). */
  makeUpWorkingDays: CalendarNamedDay[];
  sources: string[];
}

export interface WorkingCalendarData {
  /** Weekly rest days; state bodies: Saturday and Sunday (Decision 188/1999/QĐ-TTg). */
  weekendDays: Weekday[];
  years: WorkingCalendarYear[];
}

export const STATE_BODY_WEEKEND: readonly Weekday[] = [6, 0];

/** Years for which default data can be derived (lunar calendar at UTC+7 is used from 1968). */
export const FIRST_SUPPORTED_YEAR = 1968;
export const LAST_SUPPORTED_YEAR = 2100;
