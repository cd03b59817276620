/**
 * The processing clock around a supplement request (legal-facts §1.4). Two modes, chosen per
 * procedure:
 * - 'restart' (Decree 118/2025 pattern [P]: "thời hạn giải quyết được tính lại từ đầu sau khi
 *   nhận đủ hồ sơ"): the full processing time runs again from the receipt of the complete dossier.
 * - 'pause' (older practice, Decree 61/2018 [U]; implemented by real systems [I]): the time
 *   left when the request was issued resumes when the supplement arrives.
 * Pause keeps the remaining time in the same basis as the original deadline: whole working days
 * (day counting), working minutes (hours / elapsed-time counting) or calendar days.
 */
import type { DateOnly } from './date-only.ts';
import { diffDays } from './date-only.ts';
import {
  type ComputeDueAtInput,
  type DeadlineSettings,
  type DeadlineUnit,
  NO_CUTOFF,
  clockStartAt,
  computeDueAt,
  effectiveReceiptDate,
} from './deadline.ts';
import { vnDateOf } from './vn-time.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import { DEFAULT_OFFICE_HOURS, addWorkingMinutes, closingOf, workingMinutesBetween } from './working-time.ts';

export type SupplementMode = 'pause' | 'restart';

/** Remaining time frozen at the supplement request; plain data, safe to store as JSON (pausedAt as ISO). */
export type PausedClock =
  | { basis: 'working-days'; pausedAt: Date; remainingWorkingDays: number }
  | { basis: 'working-minutes'; pausedAt: Date; remainingWorkingMinutes: number }
  | { basis: 'calendar-days'; pausedAt: Date; remainingCalendarDays: number };

export interface PauseClockInput extends DeadlineSettings {
  dueAt: Date;
  /** When the supplement request was issued. */
  pausedAt: Date;
  unit: DeadlineUnit;
  calendar: WorkingCalendar;
}

/**
 * Freezes the remaining time at the supplement request. Time already overdue is not carried:
 * the remaining time is never negative (lateness is judged on the original due date).
 */
export function pauseClock(input: PauseClockInput): PausedClock {
  const { dueAt, pausedAt, unit, calendar } = input;
  const officeHours = input.officeHours ?? DEFAULT_OFFICE_HOURS;
  if (unit === 'calendar_days') {
    const remaining = diffDays(vnDateOf(pausedAt), vnDateOf(dueAt));
    return { basis: 'calendar-days', pausedAt, remainingCalendarDays: Math.max(0, remaining) };
  }
  if (unit === 'working_days' && (input.dayCounting ?? 'next-working-day') === 'next-working-day') {
    // Working days after the request day up to and including the due day.
    const remaining = calendar.countWorkingDays(vnDateOf(pausedAt), vnDateOf(dueAt));
    return { basis: 'working-days', pausedAt, remainingWorkingDays: Math.max(0, remaining) };
  }
  const remaining = workingMinutesBetween(pausedAt, dueAt, calendar, officeHours);
  return { basis: 'working-minutes', pausedAt, remainingWorkingMinutes: Math.max(0, remaining) };
}

export interface ResumeClockInput extends DeadlineSettings {
  paused: PausedClock;
  /** When the complete supplement was received. */
  resumedAt: Date;
  calendar: WorkingCalendar;
}

/** New due instant in pause mode: the frozen remaining time counted from the supplement's receipt. */
export function resumeClock(input: ResumeClockInput): Date {
  const { paused, resumedAt, calendar } = input;
  const officeHours = input.officeHours ?? DEFAULT_OFFICE_HOURS;
  const cutoff = input.cutoff ?? NO_CUTOFF;
  if (resumedAt.getTime() < paused.pausedAt.getTime()) throw new RangeError('resumedAt is before pausedAt');
  switch (paused.basis) {
    case 'working-days': {
      const receiptDay: DateOnly = effectiveReceiptDate(resumedAt, calendar, officeHours, cutoff);
      return closingOf(calendar.addWorkingDays(receiptDay, paused.remainingWorkingDays), officeHours);
    }
    case 'working-minutes': {
      const start = clockStartAt(resumedAt, calendar, officeHours, cutoff);
      return addWorkingMinutes(start, paused.remainingWorkingMinutes, calendar, officeHours);
    }
    case 'calendar-days':
      return computeDueAt({
        receivedAt: resumedAt,
        amount: paused.remainingCalendarDays,
        unit: 'calendar_days',
        calendar,
        officeHours,
        cutoff,
      });
  }
}

export type RestartClockInput = Omit<ComputeDueAtInput, 'receivedAt'> & {
  /** When the complete dossier was received. */
  completedAt: Date;
};

/** New due instant in restart mode (Decree 118/2025): the full processing time from the complete dossier. */
export function restartClock(input: RestartClockInput): Date {
  const { completedAt, ...rest } = input;
  return computeDueAt({ ...rest, receivedAt: completedAt });
}

export interface DueAtAfterSupplementInput extends Omit<ComputeDueAtInput, 'receivedAt'> {
  mode: SupplementMode;
  /** The due instant before the supplement request. */
  dueAt: Date;
  /** When the supplement request was issued. */
  requestedAt: Date;
  /** When the complete supplement was received. */
  completedAt: Date;
}

/** One entry point for services: the new due instant after a supplement, by the procedure's mode. */
export function dueAtAfterSupplement(input: DueAtAfterSupplementInput): Date {
  const { mode, dueAt, requestedAt, completedAt, ...settings } = input;
  if (completedAt.getTime() < requestedAt.getTime()) throw new RangeError('completedAt is before requestedAt');
  if (mode === 'restart') return restartClock({ ...settings, completedAt });
  const paused = pauseClock({ ...settings, dueAt, pausedAt: requestedAt });
  return resumeClock({ ...settings, paused, resumedAt: completedAt });
}
