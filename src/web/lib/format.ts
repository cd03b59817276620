// Dates are shown dd/MM/yyyy and times 24-hour, in the business time zone (Asia/Ho_Chi_Minh).
export const BUSINESS_TZ = 'Asia/Ho_Chi_Minh';
export const DATE_FORMAT = 'DD/MM/YYYY'; // dayjs / antd DatePicker pattern

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: BUSINESS_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function zonedParts(value: string | Date): Record<string, string> | null {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const out: Record<string, string> = {};
  for (const part of partsFormatter.formatToParts(date)) out[part.type] = part.value;
  return out;
}

/** "2025-07-01" or an ISO timestamp → "01/07/2025". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = DATE_ONLY.exec(value);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  const p = zonedParts(value);
  return p ? `${p.day}/${p.month}/${p.year}` : value;
}

/** ISO timestamp → "01/07/2025 14:05" (Vietnam time). */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const p = zonedParts(value);
  return p ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` : value;
}

/** Today's date in Vietnam, "dd/MM/yyyy". */
export function todayLabel(now: Date = new Date()): string {
  const p = zonedParts(now);
  return p ? `${p.day}/${p.month}/${p.year}` : '';
}

/** ISO timestamp → its Vietnam wall-clock date "yyyy-MM-dd" and time "HH:mm" (for pickers). */
export function vnWallClock(value: string | Date): { date: string; time: string } | null {
  const p = zonedParts(value);
  return p ? { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` } : null;
}

/** A Vietnam wall-clock date and time → ISO with the +07:00 offset (Vietnam keeps no summer time). */
export function vnIso(date: string, time = '00:00'): string {
  return `${date}T${time}:00+07:00`;
}

/** Day of the week in Vietnam: 0 = Sunday … 6 = Saturday. */
export function vnWeekday(value: string | Date): number {
  const wall = vnWallClock(value);
  const date = wall ? wall.date : String(value).slice(0, 10);
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** 200000 → "200.000" (Vietnamese grouping). */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat('vi-VN').format(value);
}
