import { vnDateOf } from '../calendar/index.ts';

/**
 * What a dossier contributes to the daily figures of its unit. Rollups are kept current by
 * applying the difference between a dossier's contribution before and after each change, in the
 * same transaction; `congvu metrics verify` recomputes them from the dossiers themselves.
 * Cohorts: received, online, supplement, digitised count on the receipt day; finished, on time,
 * early, late and processing time on the finishing day; ratings on the rating day.
 */
export const ROLLUP_FIELDS = [
  'received',
  'online',
  'with_supplement',
  'visits',
  'digitized',
  'finished',
  'on_time',
  'early',
  'late',
  'processing_minutes',
  'rated_very_satisfied',
  'rated_satisfied',
  'rated_dissatisfied',
  // The processing-time histogram (finishing day): one column per bucket of PROCESSING_BUCKET_DAYS.
  'proc_le_1d',
  'proc_le_2d',
  'proc_le_3d',
  'proc_le_5d',
  'proc_le_7d',
  'proc_le_10d',
  'proc_le_15d',
  'proc_le_20d',
  'proc_le_30d',
  'proc_le_45d',
  'proc_le_60d',
  'proc_le_90d',
  'proc_over_90d',
] as const;
export type RollupField = (typeof ROLLUP_FIELDS)[number];

/**
 * Upper bounds (calendar days, inclusive) of the processing-time buckets: a percentile read from
 * the histogram is reported as the bound of the bucket holding it. Past the last bound: 'proc_over_90d'.
 */
export const PROCESSING_BUCKET_DAYS = [1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60, 90] as const;
const bucketField = (minutes: number): RollupField => {
  const bound = PROCESSING_BUCKET_DAYS.find((b) => minutes <= b * 1440);
  return bound === undefined ? 'proc_over_90d' : (`proc_le_${bound}d` as RollupField);
};
export const PROCESSING_BUCKET_FIELDS = [...PROCESSING_BUCKET_DAYS.map((b) => `proc_le_${b}d` as RollupField), 'proc_over_90d' as RollupField];

/**
 * The bucket bound (days) under which the share `p` of the finished dossiers fall, from histogram
 * counts in PROCESSING_BUCKET_FIELDS order; null when nothing finished. Past the last bound it is
 * reported as that bound (a lower limit).
 */
export function percentileDays(counts: readonly number[], p = 0.9): number | null {
  const total = counts.reduce((s, n) => s + n, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [i, n] of counts.entries()) {
    seen += n;
    if (seen >= p * total) return PROCESSING_BUCKET_DAYS[i] ?? PROCESSING_BUCKET_DAYS.at(-1)!;
  }
  return PROCESSING_BUCKET_DAYS.at(-1)!;
}

export interface DossierFacts {
  receivedAt: Date | null;
  channel: 'counter' | 'online' | 'postal';
  status: string;
  supplementCount: number;
  visits: number;
  /** The dossier's documents were digitised (at least one). */
  digitized: boolean;
  legalDueAt: Date | null;
  finishedAt: Date | null;
  rating: { level: 'very_satisfied' | 'satisfied' | 'dissatisfied'; at: Date } | null;
}

export type Contribution = Map<string, number>;

const key = (day: string, field: RollupField) => `${day}|${field}`;

export function contributionOf(d: DossierFacts | null): Contribution {
  const c: Contribution = new Map();
  if (!d || !d.receivedAt) return c;
  const add = (day: string, field: RollupField, n = 1) => {
    if (n !== 0) c.set(key(day, field), (c.get(key(day, field)) ?? 0) + n);
  };
  const received = vnDateOf(d.receivedAt);
  add(received, 'received');
  if (d.channel === 'online') add(received, 'online');
  if (d.supplementCount > 0) add(received, 'with_supplement');
  add(received, 'visits', d.visits);
  if (d.digitized) add(received, 'digitized');
  const decided = d.status === 'result_ready' || d.status === 'returned';
  if (decided && d.finishedAt && d.legalDueAt) {
    const day = vnDateOf(d.finishedAt);
    add(day, 'finished');
    if (d.finishedAt <= d.legalDueAt) {
      add(day, 'on_time');
      if (vnDateOf(d.finishedAt) < vnDateOf(d.legalDueAt)) add(day, 'early');
    } else add(day, 'late');
    const minutes = Math.max(0, Math.round((d.finishedAt.getTime() - d.receivedAt.getTime()) / 60_000));
    add(day, 'processing_minutes', minutes);
    add(day, bucketField(minutes));
  }
  if (d.rating) add(vnDateOf(d.rating.at), `rated_${d.rating.level}` as RollupField);
  return c;
}

/** The change to apply: after − before, as rows of (day, field, delta) without zeros. */
export function rollupDelta(before: DossierFacts | null, after: DossierFacts | null): { day: string; field: RollupField; delta: number }[] {
  const b = contributionOf(before);
  const a = contributionOf(after);
  const out: { day: string; field: RollupField; delta: number }[] = [];
  for (const k of new Set([...b.keys(), ...a.keys()])) {
    const delta = (a.get(k) ?? 0) - (b.get(k) ?? 0);
    if (delta !== 0) {
      const [day, field] = k.split('|') as [string, RollupField];
      out.push({ day, field, delta });
    }
  }
  return out.sort((x, y) => (x.day + x.field < y.day + y.field ? -1 : 1));
}
