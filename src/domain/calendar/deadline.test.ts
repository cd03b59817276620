import { afterEach, describe, expect, it } from 'vitest';
import { createDefaultWorkingCalendar } from './default-calendar.ts';
import { type ComputeDueAtInput, type ReceiptCutoff, clockStartAt, computeDueAt, effectiveReceiptDate } from './deadline.ts';
import { toIsoVn } from './format.ts';
import { latestApologyDate } from './latest-apology-date.ts';
import { incompleteDossierClose } from './incomplete-dossier-close.ts';
import {
  PROVINCIAL_SYSTEM_OFFICE_HOURS,
  addWorkingMinutes,
  workingMinutesBetween,
  workingMinutesPerDay,
} from './working-time.ts';

const calendar = createDefaultWorkingCalendar();
/** An instant written in Vietnamese time, e.g. vn('2026-11-23 10:00'). */
const vn = (text: string): Date => new Date(`${text.replace(' ', 'T')}:00+07:00`);

type Case = {
  name: string;
  receivedAt: string;
  amount: number;
  unit: ComputeDueAtInput['unit'];
  cutoff?: ReceiptCutoff;
  dayCounting?: ComputeDueAtInput['dayCounting'];
  due: string;
};

describe('computeDueAt (legal-facts §1.3, 2026 calendar §4.3)', () => {
  const cases: Case[] = [
    // working days, counted from the working day after receipt, due at closing time
    { name: '§1.3 1 day over Ngày Văn hóa 24/11', receivedAt: '2026-11-23 10:00', amount: 1, unit: 'working_days', due: '2026-11-25T17:00:00+07:00' },
    { name: '§1.3 3 days over Tết (back Mon 23/02)', receivedAt: '2026-02-13 09:00', amount: 3, unit: 'working_days', due: '2026-02-25T17:00:00+07:00' },
    { name: '§1.3 make-up Saturday 10/01 counts', receivedAt: '2026-01-09 10:00', amount: 1, unit: 'working_days', due: '2026-01-10T17:00:00+07:00' },
    { name: '§1.3 Giỗ Tổ Sunday + compensatory Monday', receivedAt: '2026-04-24 08:00', amount: 2, unit: 'working_days', due: '2026-04-29T17:00:00+07:00' },
    { name: '§1.3 15 days over 30/4–1/5', receivedAt: '2026-04-20 08:00', amount: 15, unit: 'working_days', due: '2026-05-14T17:00:00+07:00' },
    { name: '§1.3 receipt before opening counts that day', receivedAt: '2026-11-23 06:00', amount: 1, unit: 'working_days', due: '2026-11-25T17:00:00+07:00' },
    { name: '§1.3 receipt after closing counts from the next working day', receivedAt: '2026-11-20 17:30', amount: 1, unit: 'working_days', due: '2026-11-25T17:00:00+07:00' },
    { name: '§1.3 Saturday online receipt counts as Monday', receivedAt: '2026-11-28 09:00', amount: 1, unit: 'working_days', due: '2026-12-01T17:00:00+07:00' },
    { name: '§1.3 after closing Fri 21/08 → make-up Sat 22/08', receivedAt: '2026-08-21 18:00', amount: 2, unit: 'working_days', due: '2026-08-25T17:00:00+07:00' },
    { name: '§1.3 same-day procedure', receivedAt: '2026-11-23 14:00', amount: 0, unit: 'working_days', due: '2026-11-23T17:00:00+07:00' },
    // cut-offs: Hanoi 15:00 [S]; "last hour of office hours" [P]
    { name: '§1.3 Hanoi cut-off 15:00: 14:59 is same day', receivedAt: '2026-11-23 14:59', amount: 0, unit: 'working_days', cutoff: { kind: 'time', at: '15:00' }, due: '2026-11-23T17:00:00+07:00' },
    { name: '§1.3 Hanoi cut-off 15:00: 15:00 is next working day', receivedAt: '2026-11-23 15:00', amount: 0, unit: 'working_days', cutoff: { kind: 'time', at: '15:00' }, due: '2026-11-25T17:00:00+07:00' },
    { name: '§1.3 last office hour: 15:59 counts that day', receivedAt: '2026-11-20 15:59', amount: 1, unit: 'working_days', cutoff: { kind: 'last-working-hours', hours: 1 }, due: '2026-11-23T17:00:00+07:00' },
    { name: '§1.3 last office hour: 16:00 counts from next working day', receivedAt: '2026-11-20 16:00', amount: 1, unit: 'working_days', cutoff: { kind: 'last-working-hours', hours: 1 }, due: '2026-11-25T17:00:00+07:00' },
    { name: '§1.3 last office hour on working hours: clock starts next opening', receivedAt: '2026-11-20 16:30', amount: 2, unit: 'working_hours', cutoff: { kind: 'last-working-hours', hours: 1 }, due: '2026-11-23T09:30:00+07:00' },
    // working hours (elapsed office time)
    { name: '§1.3 8 working hours over 30/4–1/5 and the weekend', receivedAt: '2026-04-29 14:00', amount: 8, unit: 'working_hours', due: '2026-05-04T14:00:00+07:00' },
    { name: '§1.3 2 working hours across lunch', receivedAt: '2026-11-23 11:00', amount: 2, unit: 'working_hours', due: '2026-11-23T14:30:00+07:00' },
    { name: '§1.3 receipt at lunch starts at 13:00', receivedAt: '2026-11-23 12:00', amount: 1, unit: 'working_hours', due: '2026-11-23T14:00:00+07:00' },
    { name: '§1.3 receipt before opening starts at 07:30', receivedAt: '2026-11-23 06:00', amount: 1, unit: 'working_hours', due: '2026-11-23T08:30:00+07:00' },
    { name: '§1.3 ending exactly at closing stays at 17:00', receivedAt: '2026-11-23 13:00', amount: 4, unit: 'working_hours', due: '2026-11-23T17:00:00+07:00' },
    { name: '§1.3 half an hour', receivedAt: '2026-11-23 09:10', amount: 0.5, unit: 'working_hours', due: '2026-11-23T09:40:00+07:00' },
    // working days as elapsed office time (provincial system, 8 h = 1 day) [I]
    { name: '§1.3 1 day as 8 working hours over 24/11', receivedAt: '2026-11-23 10:00', amount: 1, unit: 'working_days', dayCounting: 'working-time', due: '2026-11-25T10:00:00+07:00' },
    { name: '§1.3 half a working day', receivedAt: '2026-11-23 10:00', amount: 0.5, unit: 'working_days', dayCounting: 'working-time', due: '2026-11-23T15:30:00+07:00' },
    // calendar days: day N moved off non-working days [I]
    { name: '§1.3 2 calendar days landing on Giỗ Tổ Sunday → Tue 28/04', receivedAt: '2026-04-24 09:00', amount: 2, unit: 'calendar_days', due: '2026-04-28T17:00:00+07:00' },
    { name: '§1.3 10 calendar days', receivedAt: '2026-11-02 09:00', amount: 10, unit: 'calendar_days', due: '2026-11-12T17:00:00+07:00' },
    { name: '§1.3 30 calendar days over the new year', receivedAt: '2026-12-02 09:00', amount: 30, unit: 'calendar_days', due: '2027-01-04T17:00:00+07:00' },
  ];

  it.each(cases)('$name', ({ receivedAt, amount, unit, cutoff, dayCounting, due }) => {
    const input: ComputeDueAtInput = { receivedAt: vn(receivedAt), amount, unit, calendar };
    if (cutoff) input.cutoff = cutoff;
    if (dayCounting) input.dayCounting = dayCounting;
    expect(toIsoVn(computeDueAt(input))).toBe(due);
  });

  it('§4.2 office hours are configuration: the provincial 07:00–11:30 / 13:30–17:00 schedule', () => {
    expect(workingMinutesPerDay(PROVINCIAL_SYSTEM_OFFICE_HOURS)).toBe(480);
    const due = computeDueAt({
      receivedAt: vn('2026-11-23 12:00'),
      amount: 1,
      unit: 'working_hours',
      calendar,
      officeHours: PROVINCIAL_SYSTEM_OFFICE_HOURS,
    });
    expect(toIsoVn(due)).toBe('2026-11-23T14:30:00+07:00');
    const dayDue = computeDueAt({
      receivedAt: vn('2026-11-23 09:00'),
      amount: 1,
      unit: 'working_days',
      calendar,
      officeHours: PROVINCIAL_SYSTEM_OFFICE_HOURS,
    });
    expect(toIsoVn(dayDue)).toBe('2026-11-25T17:00:00+07:00');
  });

  it('rejects amounts that make no sense', () => {
    const base = { receivedAt: vn('2026-11-23 10:00'), calendar };
    expect(() => computeDueAt({ ...base, amount: -1, unit: 'working_days' })).toThrow(RangeError);
    expect(() => computeDueAt({ ...base, amount: 1.5, unit: 'working_days' })).toThrow(RangeError);
    expect(() => computeDueAt({ ...base, amount: 1.5, unit: 'calendar_days' })).toThrow(RangeError);
    expect(() => computeDueAt({ ...base, amount: Number.NaN, unit: 'working_hours' })).toThrow(RangeError);
    expect(() => computeDueAt({ ...base, receivedAt: new Date(Number.NaN), amount: 1, unit: 'working_hours' })).toThrow(
      RangeError,
    );
  });

  it('the effective receipt day and clock start follow the same rule', () => {
    expect(effectiveReceiptDate(vn('2026-11-23 16:59'), calendar)).toBe('2026-11-23');
    expect(effectiveReceiptDate(vn('2026-11-23 17:00'), calendar)).toBe('2026-11-25');
    expect(toIsoVn(clockStartAt(vn('2026-11-23 17:00'), calendar))).toBe('2026-11-25T07:30:00+07:00');
    expect(toIsoVn(clockStartAt(vn('2026-11-23 11:30'), calendar))).toBe('2026-11-23T13:00:00+07:00');
  });
});

describe('working time helpers', () => {
  it('§1.3 online dossier: the officer is alerted within 2 working hours, notice within 8', () => {
    const portalReceivedAt = vn('2026-11-23 16:00');
    expect(toIsoVn(addWorkingMinutes(portalReceivedAt, 120, calendar))).toBe('2026-11-25T08:30:00+07:00');
    expect(toIsoVn(addWorkingMinutes(portalReceivedAt, 480, calendar))).toBe('2026-11-25T16:00:00+07:00');
  });

  it('measures working minutes between instants, skipping breaks and days off', () => {
    expect(workingMinutesBetween(vn('2026-11-23 10:00'), vn('2026-11-25 10:00'), calendar)).toBe(480);
    expect(workingMinutesBetween(vn('2026-11-25 10:00'), vn('2026-11-23 10:00'), calendar)).toBe(-480);
    expect(workingMinutesBetween(vn('2026-11-23 11:00'), vn('2026-11-23 14:00'), calendar)).toBe(90);
    expect(workingMinutesBetween(vn('2026-02-13 17:00'), vn('2026-02-23 07:30'), calendar)).toBe(0);
  });
});

describe('after the deadline (legal-facts §1.4, §1.5)', () => {
  it.each([
    { dueAt: '2026-11-25 17:00', latest: '2026-11-23' }, // 24/11 is off
    { dueAt: '2026-04-28 17:00', latest: '2026-04-24' }, // 26 Giỗ Tổ, 27 compensatory, weekend
    { dueAt: '2026-01-12 17:00', latest: '2026-01-10' }, // the make-up Saturday is a working day
    { dueAt: '2026-02-23 17:00', latest: '2026-02-13' }, // Tết
    { dueAt: '2026-11-26 09:30', latest: '2026-11-25' },
  ])('§1.5 apology for a dossier due $dueAt must go out by $latest', ({ dueAt, latest }) => {
    expect(latestApologyDate(vn(dueAt), calendar)).toBe(latest);
  });

  it('§1.4 incomplete online dossier closes after 15 working days from the notice', () => {
    const result = incompleteDossierClose({ noticeAt: vn('2026-11-13 10:00'), calendar });
    // 16–20/11 (5), 23/11 (6), 24/11 off, 25–27/11 (9), 30/11 (10), 1–4/12 (14), 7/12 (15)
    expect(result.lastDayToComplete).toBe('2026-12-07');
    expect(toIsoVn(result.closeAt)).toBe('2026-12-08T00:00:00+07:00');
  });

  it('§1.4 the period can follow a sector law instead of 15 days', () => {
    const result = incompleteDossierClose({ noticeAt: vn('2026-08-21 10:00'), calendar, workingDays: 1 });
    expect(result.lastDayToComplete).toBe('2026-08-22'); // make-up Saturday
    expect(() => incompleteDossierClose({ noticeAt: vn('2026-08-21 10:00'), calendar, workingDays: 0 })).toThrow(
      RangeError,
    );
  });
});

describe('time-zone independence', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('gives the same due instant whatever the process time zone', () => {
    const results = new Set<string>();
    for (const tz of ['UTC', 'Asia/Ho_Chi_Minh', 'America/Los_Angeles', 'Australia/Lord_Howe']) {
      process.env.TZ = tz;
      const cal = createDefaultWorkingCalendar();
      results.add(
        [
          toIsoVn(computeDueAt({ receivedAt: vn('2026-11-23 23:30'), amount: 1, unit: 'working_days', calendar: cal })),
          toIsoVn(computeDueAt({ receivedAt: vn('2026-11-23 06:30'), amount: 3, unit: 'working_hours', calendar: cal })),
        ].join(' '),
      );
    }
    expect([...results]).toEqual(['2026-11-26T17:00:00+07:00 2026-11-23T10:30:00+07:00']);
  });
});
