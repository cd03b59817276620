/**
 * Calendar domain: Vietnamese lunar calendar, statutory holidays, the working calendar of
 * state bodies and processing-deadline arithmetic. Pure: no I/O, no clock, no process time zone.
 */
export {
  type DateOnly,
  type DateParts,
  type Weekday,
  addDays,
  compareDateOnly,
  dateOnlyParts,
  diffDays,
  fromEpochDay,
  isDateOnly,
  makeDateOnly,
  toEpochDay,
  weekdayOf,
  yearOf,
} from './date-only.ts';
export { type MinuteOfDay, VN_OFFSET_MINUTES, parseTimeOfDay, vnDateOf, vnInstant, vnMinuteOfDay } from './vn-time.ts';
export { formatDateTimeVn, formatDateVn, parseDateOnly, toIsoUtc, toIsoVn } from './format.ts';
export {
  type LunarDate,
  VN_TIME_ZONE_HOURS,
  getLeapMonthOffset,
  getLunarMonth11,
  getNewMoonDay,
  getSunLongitude,
  jdFromDate,
  jdToDate,
  leapMonthOf,
  lunarNewYear,
  lunarToSolar,
  solarToLunar,
} from './lunar.ts';
export {
  type Confidence,
  HOLIDAY_IDS,
  HOLIDAY_RULE_SETS,
  type HolidayOccurrence,
  type HolidayRule,
  type HolidayRuleSet,
  type LunarHolidayRule,
  type LunarNewYearRule,
  type SolarHolidayRule,
  type SolarWithAdjacentRule,
  type StatutoryHolidaysOptions,
  expandHolidayRule,
  ruleSetInForce,
  statutoryHolidaysOfYear,
} from './holidays.ts';
export {
  type CalendarCompensatoryDay,
  type CalendarHoliday,
  type CalendarNamedDay,
  type DaySwap,
  FIRST_SUPPORTED_YEAR,
  LAST_SUPPORTED_YEAR,
  STATE_BODY_WEEKEND,
  type WorkingCalendarData,
  type WorkingCalendarYear,
  type YearAnnouncement,
} from './calendar-data.ts';
export { type BuildYearCalendarOptions, buildYearCalendar } from './build-year-calendar.ts';
export { CALENDAR_2026 } from './calendar-2026.ts';
export {
  type DefaultCalendarOptions,
  SHIPPED_ANNOUNCEMENTS,
  createDefaultWorkingCalendar,
  defaultCalendarYear,
} from './default-calendar.ts';
export {
  type AnnouncementIssue,
  type ParseYearAnnouncementResult,
  parseYearAnnouncement,
} from './parse-year-announcement.ts';
export {
  type CreateWorkingCalendarOptions,
  type DayKind,
  type DayStatus,
  type WorkingCalendar,
  createWorkingCalendar,
} from './working-calendar.ts';
export {
  DEFAULT_OFFICE_HOURS,
  type OfficeHours,
  type OfficeSession,
  PROVINCIAL_SYSTEM_OFFICE_HOURS,
  addWorkingMinutes,
  closingOf,
  openingOf,
  startOfWorkingTime,
  workingMinutesBetween,
  workingMinutesPerDay,
} from './working-time.ts';
export {
  type ComputeDueAtInput,
  type DeadlineSettings,
  type DeadlineUnit,
  NO_CUTOFF,
  type ReceiptCutoff,
  type WorkingDayCounting,
  clockStartAt,
  computeDueAt,
  effectiveReceiptDate,
} from './deadline.ts';
export {
  type DueAtAfterSupplementInput,
  type PauseClockInput,
  type PausedClock,
  type RestartClockInput,
  type ResumeClockInput,
  type SupplementMode,
  dueAtAfterSupplement,
  pauseClock,
  restartClock,
  resumeClock,
} from './supplement-clock.ts';
export {
  INCOMPLETE_DOSSIER_WORKING_DAYS,
  type IncompleteDossierClose,
  incompleteDossierClose,
} from './incomplete-dossier-close.ts';
export { latestApologyDate } from './latest-apology-date.ts';
