/**
 * Processing deadlines (legal-facts §1.3).
 *
 * - Unit per procedure: working days, working hours or calendar days.
 * - Effective receipt day: the day the dossier counts as received. A dossier received on a day
 *   off, after closing, or at/after the procedure's cut-off counts as received on the next
 *   working day (the provincial system [I]; the interconnected-procedure decree "last hour of
 *   office hours → next working day" [P]; Hanoi/Đồng Tháp "after 15:00 → next day" [S]).
 *   The cut-off is per-procedure configuration: no national cut-off was found.
 * - Working days ('next-working-day', default): day 1 is the first working day after the
 *   effective receipt day (the receipt day itself is not counted); due at closing time of day N.
 *   N = 0 (same-day procedures) is due at closing of the effective receipt day.
 * - Working days ('working-time'): N × (office minutes per day) of elapsed office time from the
 *   moment of receipt, as the provincial system does with 8 hours = 1 day [I].
 * - Working hours: elapsed office time from the moment of receipt.
 * - Calendar days: day 1 is the day after the effective receipt day; if day N is not a working
 *   day the result moves to the next working day [I]; due at closing time.
 */
import type { DateOnly } from './date-only.ts';
import { addDays } from './date-only.ts';
import { parseTimeOfDay, vnDateOf, vnInstant, vnMinuteOfDay } from './vn-time.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import {
  DEFAULT_OFFICE_HOURS,
  type OfficeHours,
  addWorkingMinutes,
  closingOf,
  parseOfficeHours,
  startOfWorkingTime,
} from './working-time.ts';

export type DeadlineUnit = 'working_days' | 'working_hours' | 'calendar_days';

/** How a working-day duration is counted; see the module comment. */
export type WorkingDayCounting = 'next-working-day' | 'working-time';

/** Late-in-the-day receipt rule; a receipt at or after the cut-off counts from the next working day. */
export type ReceiptCutoff =
  | { kind: 'none' }
  /** Vietnamese wall-clock time, e.g. '15:00'. */
  | { kind: 'time'; at: string }
  /** Within the last N office hours of the day, e.g. 1 (interconnected online procedures). */
  | { kind: 'last-working-hours'; hours: number };

export const NO_CUTOFF: ReceiptCutoff = { kind: 'none' };

export interface DeadlineSettings {
  officeHours?: OfficeHours;
  cutoff?: ReceiptCutoff;
  dayCounting?: WorkingDayCounting;
}

export interface ComputeDueAtInput extends DeadlineSettings {
  receivedAt: Date;
  amount: number;
  unit: DeadlineUnit;
  calendar: WorkingCalendar;
}

function isAtOrAfterCutoff(minute: number, cutoff: ReceiptCutoff, officeHours: OfficeHours): boolean {
  const { intervals, closing } = parseOfficeHours(officeHours);
  if (minute >= closing) return true;
  switch (cutoff.kind) {
    case 'none':
      return false;
    case 'time':
      return minute >= parseTimeOfDay(cutoff.at);
    case 'last-working-hours': {
      if (!Number.isFinite(cutoff.hours) || cutoff.hours < 0) throw new RangeError('cut-off hours must be ≥ 0');
      let remaining = 0;
      for (const [start, end] of intervals) remaining += Math.max(0, end - Math.max(start, minute));
      return remaining <= cutoff.hours * 60;
    }
  }
}

/**
 * The working day on which a dossier counts as received: the receipt date if it is a working
 * day and the receipt is before closing and before the cut-off; otherwise the next working day.
 */
export function effectiveReceiptDate(
  receivedAt: Date,
  calendar: WorkingCalendar,
  officeHours: OfficeHours = DEFAULT_OFFICE_HOURS,
  cutoff: ReceiptCutoff = NO_CUTOFF,
): DateOnly {
  const date = vnDateOf(receivedAt);
  if (!calendar.isWorkingDay(date)) return calendar.nextWorkingDay(date);
  if (isAtOrAfterCutoff(vnMinuteOfDay(receivedAt), cutoff, officeHours)) return calendar.nextWorkingDay(date);
  return date;
}

/** When the processing clock starts: the receipt moment moved into office time, or the next working day's opening after the cut-off. */
export function clockStartAt(
  receivedAt: Date,
  calendar: WorkingCalendar,
  officeHours: OfficeHours = DEFAULT_OFFICE_HOURS,
  cutoff: ReceiptCutoff = NO_CUTOFF,
): Date {
  const effective = effectiveReceiptDate(receivedAt, calendar, officeHours, cutoff);
  if (effective !== vnDateOf(receivedAt)) {
    return vnInstant(effective, parseOfficeHours(officeHours).opening);
  }
  return startOfWorkingTime(receivedAt, calendar, officeHours);
}

function assertAmount(amount: number, integer: boolean): void {
  if (!Number.isFinite(amount) || amount < 0 || (integer && !Number.isInteger(amount))) {
    throw new RangeError(`deadline amount must be a ${integer ? 'whole ' : ''}number ≥ 0, got ${amount}`);
  }
}

/** The due instant of a dossier (the appointment time printed on the receipt slip). */
export function computeDueAt(input: ComputeDueAtInput): Date {
  const { receivedAt, amount, unit, calendar } = input;
  const officeHours = input.officeHours ?? DEFAULT_OFFICE_HOURS;
  const cutoff = input.cutoff ?? NO_CUTOFF;
  const dayCounting = input.dayCounting ?? 'next-working-day';
  if (!Number.isFinite(receivedAt.getTime())) throw new RangeError('invalid receivedAt');

  switch (unit) {
    case 'working_hours': {
      assertAmount(amount, false);
      const start = clockStartAt(receivedAt, calendar, officeHours, cutoff);
      return addWorkingMinutes(start, amount * 60, calendar, officeHours);
    }
    case 'working_days': {
      if (dayCounting === 'working-time') {
        assertAmount(amount, false);
        const start = clockStartAt(receivedAt, calendar, officeHours, cutoff);
        return addWorkingMinutes(start, amount * parseOfficeHours(officeHours).minutesPerDay, calendar, officeHours);
      }
      assertAmount(amount, true);
      const receiptDay = effectiveReceiptDate(receivedAt, calendar, officeHours, cutoff);
      return closingOf(calendar.addWorkingDays(receiptDay, amount), officeHours);
    }
    case 'calendar_days': {
      assertAmount(amount, true);
      const receiptDay = effectiveReceiptDate(receivedAt, calendar, officeHours, cutoff);
      const lastDay = addDays(receiptDay, amount);
      return closingOf(calendar.addWorkingDays(lastDay, 0), officeHours);
    }
  }
}
