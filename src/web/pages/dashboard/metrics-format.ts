import type { Lang } from '../../i18n/i18n.tsx';

// Figures as a Vietnamese reader writes them: "92,5%", "1.234"; null (no data) is a dash, never 0.

export const NO_DATA = '—';

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

export function formatCount(value: number | null | undefined, lang: Lang): string {
  return value === null || value === undefined ? NO_DATA : new Intl.NumberFormat(locale(lang)).format(value);
}

/** One decimal at most: 92.5 → "92,5". */
export function formatDecimal(value: number | null | undefined, lang: Lang, digits = 1): string {
  return value === null || value === undefined ? NO_DATA : new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits }).format(value);
}

export function formatPercent(value: number | null | undefined, lang: Lang): string {
  return value === null || value === undefined ? NO_DATA : `${formatDecimal(value, lang)}%`;
}

export type Direction = 'up' | 'down' | 'same';

/** The change from the previous period; null when either side has no data. */
export function change(current: number | null, previous: number | null): { diff: number; direction: Direction } | null {
  if (current === null || previous === null) return null;
  const diff = Math.round((current - previous) * 10) / 10;
  return { diff, direction: diff > 0 ? 'up' : diff < 0 ? 'down' : 'same' };
}

/** The relative change of a count in percent (null when the previous count is 0). */
export function relativeChange(current: number, previous: number): number | null {
  return previous > 0 ? Math.round(((current - previous) / previous) * 1000) / 10 : null;
}

/** On-time rate → the colour of a cell or treemap box: red below 80%, amber below 95%, green above (all dark enough for white text). */
export function rateColour(rate: number | null): string {
  if (rate === null) return '#757575';
  if (rate < 80) return '#c62828';
  if (rate < 95) return '#b45309';
  return '#2e7d32';
}
