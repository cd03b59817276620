import { type DateOnly, addDays, dateOnlyParts, diffDays, formatDateVn, makeDateOnly, parseDateOnly, vnDateOf } from '../calendar/index.ts';

/** A reporting period: whole days, both ends included, in Vietnamese dates. */
export interface Period {
  kind: 'month' | 'quarter' | 'year' | 'custom';
  from: string;
  to: string;
  label: string;
}

export interface PeriodQuery {
  period: Period['kind'];
  at?: string;
  from?: string;
  to?: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => addDays(m === 12 ? makeDateOnly(y + 1, 1, 1) : makeDateOnly(y, m + 1, 1), -1);

function monthPeriod(y: number, m: number): Period {
  return { kind: 'month', from: makeDateOnly(y, m, 1), to: lastDay(y, m), label: `Tháng ${m}/${y}` };
}
function quarterPeriod(y: number, q: number): Period {
  return { kind: 'quarter', from: makeDateOnly(y, 3 * q - 2, 1), to: lastDay(y, 3 * q), label: `Quý ${ROMAN[q - 1]}/${y}` };
}
function yearPeriod(y: number): Period {
  return { kind: 'year', from: makeDateOnly(y, 1, 1), to: makeDateOnly(y, 12, 31), label: `Năm ${y}` };
}
function customPeriod(from: DateOnly, to: DateOnly): Period {
  return { kind: 'custom', from, to, label: `${formatDateVn(from)} – ${formatDateVn(to)}` };
}

/** The period a query names; `at` defaults to the period holding `now` (Vietnamese date). */
export function resolvePeriod(q: PeriodQuery, now: Date): Period {
  const today = dateOnlyParts(vnDateOf(now));
  switch (q.period) {
    case 'month': {
      const [y, m] = q.at ? q.at.split('-').map(Number) : [today.y, today.m];
      return monthPeriod(y!, m!);
    }
    case 'quarter': {
      const [y, qn] = q.at ? [Number(q.at.slice(0, 4)), Number(q.at.slice(6))] : [today.y, Math.ceil(today.m / 3)];
      return quarterPeriod(y, qn);
    }
    case 'year':
      return yearPeriod(q.at ? Number(q.at) : today.y);
    case 'custom':
      return customPeriod(parseDateOnly(q.from!), parseDateOnly(q.to!));
  }
}

/** The period of the same length just before: the previous month, quarter, year or run of days. */
export function previousPeriod(p: Period): Period {
  const { y, m } = dateOnlyParts(p.from as DateOnly);
  switch (p.kind) {
    case 'month':
      return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
    case 'quarter': {
      const q = Math.ceil(m / 3);
      return q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, q - 1);
    }
    case 'year':
      return yearPeriod(y - 1);
    case 'custom': {
      const days = diffDays(p.from as DateOnly, p.to as DateOnly) + 1;
      return customPeriod(addDays(p.from as DateOnly, -days), addDays(p.from as DateOnly, -1));
    }
  }
}

/** The months ('YYYY-MM') a period touches, oldest first. */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  let { y, m } = dateOnlyParts(p.from as DateOnly);
  const end = p.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${pad(m)}`;
    out.push(key);
    if (key >= end) return out;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

/** The `count` months ending with `until` ('YYYY-MM'), oldest first, as month periods. */
export function monthsUntil(until: string, count: number): Period[] {
  let [y, m] = until.split('-').map(Number) as [number, number];
  const out: Period[] = [];
  for (let i = 0; i < count; i++) {
    out.unshift(monthPeriod(y, m));
    [y, m] = m === 1 ? [y - 1, 12] : [y, m - 1];
  }
  return out;
}

/** [from, to] cut where the monthly rollups can answer: the whole months inside, and the days at either end. */
export interface MonthSplit {
  /** First days of the first and last whole month, or null when no whole month fits. */
  months: { from: string; to: string } | null;
  /** Day ranges (both ends included) outside the whole months: at most two. */
  days: { from: string; to: string }[];
}

export function splitByMonths(from: string, to: string): MonthSplit {
  if (to < from) return { months: null, days: [] };
  const f = dateOnlyParts(from as DateOnly);
  // The first month starting on or after `from`, and the last month ending on or before `to`.
  const firstWhole = f.d === 1 ? makeDateOnly(f.y, f.m, 1) : f.m === 12 ? makeDateOnly(f.y + 1, 1, 1) : makeDateOnly(f.y, f.m + 1, 1);
  const t = dateOnlyParts(to as DateOnly);
  const endsMonth = lastDay(t.y, t.m) === to;
  const lastWholeStart = endsMonth ? makeDateOnly(t.y, t.m, 1) : t.m === 1 ? makeDateOnly(t.y - 1, 12, 1) : makeDateOnly(t.y, t.m - 1, 1);
  if (firstWhole > lastWholeStart) return { months: null, days: [{ from, to }] };
  const days: { from: string; to: string }[] = [];
  if (from < firstWhole) days.push({ from, to: addDays(firstWhole, -1) });
  const p = dateOnlyParts(lastWholeStart);
  const wholeEnd = lastDay(p.y, p.m);
  if (wholeEnd < to) days.push({ from: addDays(wholeEnd, 1), to });
  return { months: { from: firstWhole, to: lastWholeStart }, days };
}

/** [from, to] cut for the yearly, monthly and daily rollups: whole years, then whole months, then days. */
export interface RollupSplit {
  /** 1 January of the first and last whole year, or null when no whole year fits. */
  years: { from: string; to: string } | null;
  /** Whole-month ranges (first days) outside the whole years: at most two. */
  months: { from: string; to: string }[];
  /** Day ranges (both ends included) outside the whole months: at most two. */
  days: { from: string; to: string }[];
}

/** `wholeYears: false`: no yearly part, for figures kept month by month. */
export function splitForRollups(from: string, to: string, wholeYears = true): RollupSplit {
  if (to < from) return { years: null, months: [], days: [] };
  const f = dateOnlyParts(from as DateOnly);
  const t = dateOnlyParts(to as DateOnly);
  const firstWhole = f.m === 1 && f.d === 1 ? makeDateOnly(f.y, 1, 1) : makeDateOnly(f.y + 1, 1, 1);
  const lastWhole = t.m === 12 && t.d === 31 ? t.y : t.y - 1;
  const lastWholeStart = makeDateOnly(lastWhole, 1, 1);
  // The parts outside the whole years (or all of it, when none fits) go to the monthly split.
  const rest = (a: string, b: string) => (a <= b ? [splitByMonths(a, b)] : []);
  const noYears = !wholeYears || firstWhole > lastWholeStart;
  const parts = noYears ? rest(from, to) : [...rest(from, addDays(firstWhole, -1)), ...rest(makeDateOnly(lastWhole + 1, 1, 1), to)];
  return {
    years: noYears ? null : { from: firstWhole, to: lastWholeStart },
    months: parts.flatMap((p) => (p.months ? [p.months] : [])),
    days: parts.flatMap((p) => p.days),
  };
}
