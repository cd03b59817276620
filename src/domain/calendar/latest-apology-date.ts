/**
 * Late dossiers (legal-facts §1.5 [S]/[P]): the apology with a proposed new date (form 04) must be
 * sent "ít nhất 01 ngày trước ngày hết hạn". We read the day as a working day, since the letter
 * is issued by an agency: the latest date is the last working day strictly before the due day.
 */
import type { DateOnly } from './date-only.ts';
import { vnDateOf } from './vn-time.ts';
import type { WorkingCalendar } from './working-calendar.ts';

export function latestApologyDate(dueAt: Date, calendar: WorkingCalendar): DateOnly {
  return calendar.previousWorkingDay(vnDateOf(dueAt));
}
