import { DEFAULT_OFFICE_HOURS, type WorkingCalendar, closingOf, vnDateOf } from '../calendar/index.ts';

/** The handler's own deadline: one working day before the legal date, kept for approval and return. */
export function handlingStepDue(legalDueAt: Date | null, at: Date, calendar: WorkingCalendar): Date | null {
  if (!legalDueAt) return null;
  const reserved = closingOf(calendar.previousWorkingDay(vnDateOf(legalDueAt)), DEFAULT_OFFICE_HOURS);
  return reserved > at ? reserved : legalDueAt;
}
