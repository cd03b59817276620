/**
 * Auto-close of an incomplete online dossier (legal-facts §1.4 [P]): if the applicant does not
 * complete the dossier within 15 working days of the supplement notice (or the sector law's
 * period), the dossier is closed on the system.
 */
import { type DateOnly, addDays } from './date-only.ts';
import { vnDateOf, vnInstant } from './vn-time.ts';
import type { WorkingCalendar } from './working-calendar.ts';

export const INCOMPLETE_DOSSIER_WORKING_DAYS = 15;

export interface IncompleteDossierClose {
  /** The last day on which the applicant may still complete the dossier. */
  lastDayToComplete: DateOnly;
  /** The instant from which the dossier may be closed: midnight (UTC+7) ending lastDayToComplete. */
  closeAt: Date;
}

/**
 * Day 1 is the first working day after the notice day (the notice day is not counted, as for
 * processing deadlines); the applicant has the whole of the last day, since online submission
 * is not limited to office hours.
 */
export function incompleteDossierClose(input: {
  noticeAt: Date;
  calendar: WorkingCalendar;
  workingDays?: number;
}): IncompleteDossierClose {
  const workingDays = input.workingDays ?? INCOMPLETE_DOSSIER_WORKING_DAYS;
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError('workingDays must be a whole number ≥ 1');
  const lastDayToComplete = input.calendar.addWorkingDays(vnDateOf(input.noticeAt), workingDays);
  return { lastDayToComplete, closeAt: vnInstant(addDays(lastDayToComplete, 1), 0) };
}
