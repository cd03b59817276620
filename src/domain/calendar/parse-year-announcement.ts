/**
 * Validates a year announcement entered at run time (JSON from an administrator or the
 * database) before it reaches the calendar. Errors carry a field path and a Vietnamese message.
 */
import {
  type DaySwap,
  FIRST_SUPPORTED_YEAR,
  LAST_SUPPORTED_YEAR,
  STATE_BODY_WEEKEND,
  type YearAnnouncement,
} from './calendar-data.ts';
import { type DateOnly, type Weekday, isDateOnly, weekdayOf, yearOf } from './date-only.ts';

export interface AnnouncementIssue {
  path: string;
  message: string;
}

export type ParseYearAnnouncementResult =
  | { ok: true; value: YearAnnouncement }
  | { ok: false; errors: AnnouncementIssue[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseYearAnnouncement(
  input: unknown,
  weekendDays: readonly Weekday[] = STATE_BODY_WEEKEND,
): ParseYearAnnouncementResult {
  const errors: AnnouncementIssue[] = [];
  const weekend = new Set(weekendDays);
  if (!isRecord(input)) return { ok: false, errors: [{ path: '', message: 'Phải là một đối tượng JSON' }] };

  const year = input.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    errors.push({ path: 'year', message: `Năm phải là số nguyên từ ${FIRST_SUPPORTED_YEAR} đến ${LAST_SUPPORTED_YEAR}` });
    return { ok: false, errors };
  }

  // Swaps and compensatory days may reach into a neighbouring year (e.g. a late-December swap).
  const date = (value: unknown, path: string): DateOnly | undefined => {
    if (!isDateOnly(value)) {
      errors.push({ path, message: 'Ngày không hợp lệ, cần dạng YYYY-MM-DD' });
      return undefined;
    }
    if (Math.abs(yearOf(value) - year) > 1) {
      errors.push({ path, message: `Ngày ${value} không thuộc năm ${year} hoặc năm liền kề` });
      return undefined;
    }
    return value;
  };
  const array = (value: unknown, path: string): unknown[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      errors.push({ path, message: 'Phải là một mảng' });
      return [];
    }
    return value;
  };
  const text = (value: unknown, path: string): string | undefined => {
    if (typeof value === 'string' && value.trim() !== '') return value;
    errors.push({ path, message: 'Phải là chuỗi không rỗng' });
    return undefined;
  };

  const result: YearAnnouncement = { year };

  if (input.sources !== undefined) {
    result.sources = array(input.sources, 'sources').flatMap((s, i) => text(s, `sources[${i}]`) ?? []);
  }

  if (input.holidayDates !== undefined) {
    if (!isRecord(input.holidayDates)) {
      errors.push({ path: 'holidayDates', message: 'Phải là đối tượng {mã ngày lễ: [ngày]}' });
    } else {
      const holidayDates: Record<string, DateOnly[]> = {};
      for (const [ruleId, dates] of Object.entries(input.holidayDates)) {
        holidayDates[ruleId] = array(dates, `holidayDates.${ruleId}`).flatMap(
          (v, i) => date(v, `holidayDates.${ruleId}[${i}]`) ?? [],
        );
      }
      result.holidayDates = holidayDates;
    }
  }

  if (input.compensatoryDays !== undefined) {
    result.compensatoryDays = array(input.compensatoryDays, 'compensatoryDays').flatMap((v, i) => {
      const path = `compensatoryDays[${i}]`;
      if (!isRecord(v)) {
        errors.push({ path, message: 'Phải là {date, forDate}' });
        return [];
      }
      const day = date(v.date, `${path}.date`);
      const forDate = date(v.forDate, `${path}.forDate`);
      return day && forDate ? [{ date: day, forDate }] : [];
    });
  }

  if (input.swaps !== undefined) {
    result.swaps = array(input.swaps, 'swaps').flatMap((v, i): DaySwap[] => {
      const path = `swaps[${i}]`;
      if (!isRecord(v)) {
        errors.push({ path, message: 'Phải là {dayOff, workDay}' });
        return [];
      }
      const dayOff = date(v.dayOff, `${path}.dayOff`);
      const workDay = date(v.workDay, `${path}.workDay`);
      if (dayOff && weekend.has(weekdayOf(dayOff))) {
        errors.push({ path: `${path}.dayOff`, message: `Ngày nghỉ hoán đổi ${dayOff} đã là ngày nghỉ hằng tuần` });
      }
      if (workDay && !weekend.has(weekdayOf(workDay))) {
        errors.push({ path: `${path}.workDay`, message: `Ngày làm bù ${workDay} không phải ngày nghỉ hằng tuần` });
      }
      if (v.note !== undefined && typeof v.note !== 'string') {
        errors.push({ path: `${path}.note`, message: 'Phải là chuỗi' });
      }
      if (!dayOff || !workDay) return [];
      return [typeof v.note === 'string' ? { dayOff, workDay, note: v.note } : { dayOff, workDay }];
    });
  }

  for (const key of ['extraDaysOff', 'extraWorkingDays'] as const) {
    if (input[key] === undefined) continue;
    result[key] = array(input[key], key).flatMap((v, i) => {
      const path = `${key}[${i}]`;
      if (!isRecord(v)) {
        errors.push({ path, message: 'Phải là {date, name}' });
        return [];
      }
      const day = date(v.date, `${path}.date`);
      const name = text(v.name, `${path}.name`);
      return day && name ? [{ date: day, name }] : [];
    });
  }

  const known = new Set([
    'year',
    'sources',
    'holidayDates',
    'compensatoryDays',
    'swaps',
    'extraDaysOff',
    'extraWorkingDays',
  ]);
  for (const key of Object.keys(input)) {
    if (!known.has(key)) errors.push({ path: key, message: 'Trường không được hỗ trợ' });
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: result };
}
