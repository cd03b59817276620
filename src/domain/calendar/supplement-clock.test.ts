import { describe, expect, it } from 'vitest';
import { createDefaultWorkingCalendar } from './default-calendar.ts';
import { computeDueAt } from './deadline.ts';
import { toIsoVn } from './format.ts';
import { dueAtAfterSupplement, pauseClock, restartClock, resumeClock } from './supplement-clock.ts';

const calendar = createDefaultWorkingCalendar();
const vn = (text: string): Date => new Date(`${text.replace(' ', 'T')}:00+07:00`);

describe('supplement clock (legal-facts §1.4)', () => {
  // Received Mon 16/11/2026 09:00, 5 working days → 17, 18, 19, 20, 23 → due Mon 23/11 17:00.
  const receivedAt = vn('2026-11-16 09:00');
  const dueAt = computeDueAt({ receivedAt, amount: 5, unit: 'working_days', calendar });

  it('the example dossier is due Mon 23/11 17:00', () => {
    expect(toIsoVn(dueAt)).toBe('2026-11-23T17:00:00+07:00');
  });

  it('§1.4 restart (Decree 118/2025): the full 5 days run again from the complete dossier', () => {
    const due = restartClock({ completedAt: vn('2026-11-25 14:00'), amount: 5, unit: 'working_days', calendar });
    // 26, 27, 30/11, 1, 2/12
    expect(toIsoVn(due)).toBe('2026-12-02T17:00:00+07:00');
  });

  it('§1.4 pause (older rule): the 3 working days left at the request resume after the supplement', () => {
    const paused = pauseClock({ dueAt, pausedAt: vn('2026-11-18 10:00'), unit: 'working_days', calendar });
    expect(paused).toMatchObject({ basis: 'working-days', remainingWorkingDays: 3 }); // 19, 20, 23
    const due = resumeClock({ paused, resumedAt: vn('2026-11-25 14:00'), calendar });
    // 24/11 is off; 26, 27, 30/11
    expect(toIsoVn(due)).toBe('2026-11-30T17:00:00+07:00');
  });

  it('§1.4 dueAtAfterSupplement picks the mode per procedure', () => {
    const common = {
      dueAt,
      requestedAt: vn('2026-11-18 10:00'),
      completedAt: vn('2026-11-25 14:00'),
      amount: 5,
      unit: 'working_days' as const,
      calendar,
    };
    expect(toIsoVn(dueAtAfterSupplement({ ...common, mode: 'pause' }))).toBe('2026-11-30T17:00:00+07:00');
    expect(toIsoVn(dueAtAfterSupplement({ ...common, mode: 'restart' }))).toBe('2026-12-02T17:00:00+07:00');
    expect(() =>
      dueAtAfterSupplement({ ...common, mode: 'pause', completedAt: vn('2026-11-17 10:00') }),
    ).toThrow(RangeError);
  });

  it('§1.4 pause of a working-hours deadline keeps the remaining office minutes', () => {
    // 16 working hours from Mon 23/11 08:00 → Thu 26/11 08:00 (24/11 is off)
    const hoursDue = computeDueAt({ receivedAt: vn('2026-11-23 08:00'), amount: 16, unit: 'working_hours', calendar });
    expect(toIsoVn(hoursDue)).toBe('2026-11-26T08:00:00+07:00');
    const paused = pauseClock({ dueAt: hoursDue, pausedAt: vn('2026-11-23 14:00'), unit: 'working_hours', calendar });
    expect(paused).toMatchObject({ basis: 'working-minutes', remainingWorkingMinutes: 180 + 480 + 30 });
    // resume Fri 27/11 16:00: 60 min that day, 480 on Mon 30/11, 150 on Tue 01/12 → 10:00
    expect(toIsoVn(resumeClock({ paused, resumedAt: vn('2026-11-27 16:00'), calendar }))).toBe(
      '2026-12-01T10:00:00+07:00',
    );
  });

  it('§1.4 pause of a calendar-day deadline keeps the remaining calendar days', () => {
    const calendarDue = computeDueAt({ receivedAt: vn('2026-11-02 09:00'), amount: 10, unit: 'calendar_days', calendar });
    expect(toIsoVn(calendarDue)).toBe('2026-11-12T17:00:00+07:00');
    const paused = pauseClock({ dueAt: calendarDue, pausedAt: vn('2026-11-05 09:00'), unit: 'calendar_days', calendar });
    expect(paused).toMatchObject({ basis: 'calendar-days', remainingCalendarDays: 7 });
    // 20/11 + 7 = Fri 27/11
    expect(toIsoVn(resumeClock({ paused, resumedAt: vn('2026-11-20 10:00'), calendar }))).toBe(
      '2026-11-27T17:00:00+07:00',
    );
  });

  it('an overdue dossier carries no negative time into the pause', () => {
    const paused = pauseClock({ dueAt, pausedAt: vn('2026-11-25 09:00'), unit: 'working_days', calendar });
    expect(paused).toMatchObject({ remainingWorkingDays: 0 });
    expect(toIsoVn(resumeClock({ paused, resumedAt: vn('2026-11-27 10:00'), calendar }))).toBe(
      '2026-11-27T17:00:00+07:00',
    );
    expect(() => resumeClock({ paused, resumedAt: vn('2026-11-24 10:00'), calendar })).toThrow(RangeError);
  });
});
