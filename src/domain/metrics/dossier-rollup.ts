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
] as const;
export type RollupField = (typeof ROLLUP_FIELDS)[number];

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
    add(day, 'processing_minutes', Math.max(0, Math.round((d.finishedAt.getTime() - d.receivedAt.getTime()) / 60_000)));
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
