/**
 * The 2026 calendar for state bodies as announced (shared/domain/legal-facts.md §4.3).
 * Plain JSON-like data in the same shape administrators enter for later years.
 *
 * Resulting days off: Thu 01/01, Fri 02/01 (worked back Sat 10/01); Mon 16/02–Fri 20/02 (Tết:
 * 29 tháng Chạp Ất Tỵ to mùng 4 Bính Ngọ); Sun 26/04 Giỗ Tổ → compensatory Mon 27/04 (computed
 * by the Art. 111(3) rule, not announced); Thu 30/04, Fri 01/05; Mon 31/08 (worked back Sat 22/08),
 * Tue 01/09, Wed 02/09; Tue 24/11 Ngày Văn hóa Việt Nam (from the rules, Resolution 28/2026/QH16).
 */
import type { YearAnnouncement } from './calendar-data.ts';
import type { DateOnly } from './date-only.ts';
import { HOLIDAY_IDS } from './holidays.ts';

const d = (iso: string): DateOnly => iso as DateOnly;

export const CALENDAR_2026: YearAnnouncement = {
  year: 2026,
  sources: ['9441/TB-BNV', 'Công văn 12729/VPCP-KGVX', 'Công văn 3383/BNV-CVL'],
  holidayDates: {
    [HOLIDAY_IDS.tet]: [d('2026-02-16'), d('2026-02-17'), d('2026-02-18'), d('2026-02-19'), d('2026-02-20')],
    [HOLIDAY_IDS.nationalDay]: [d('2026-09-01'), d('2026-09-02')],
  },
  swaps: [
    { dayOff: d('2026-01-02'), workDay: d('2026-01-10'), note: 'Nghỉ 02/01, làm bù thứ Bảy 10/01 (12729/VPCP-KGVX)' },
    { dayOff: d('2026-08-31'), workDay: d('2026-08-22'), note: 'Nghỉ 31/08, làm bù thứ Bảy 22/08 (9441/TB-BNV)' },
  ],
};
