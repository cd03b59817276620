import { describe, expect, it } from 'vitest';
import { type DossierFacts, contributionOf, percentileDays, rollupDelta } from './dossier-rollup.ts';
import { index766 } from './index-766.ts';

const vn = (s: string) => new Date(`${s}+07:00`);
const base: DossierFacts = { receivedAt: vn('2026-11-16T09:00:00'), channel: 'online', status: 'received', supplementCount: 0, visits: 1, digitized: true, legalDueAt: vn('2026-11-23T17:00:00'), finishedAt: null, rating: null };

describe('dossier rollups', () => {
  it('a received dossier counts on its receipt day', () => {
    expect(Object.fromEntries(contributionOf(base))).toEqual({ '2026-11-16|received': 1, '2026-11-16|online': 1, '2026-11-16|visits': 1, '2026-11-16|digitized': 1 });
  });
  it('finishing adds on-time (early) and processing time on the finishing day; nothing else moves', () => {
    const done = { ...base, status: 'result_ready', finishedAt: vn('2026-11-20T10:00:00') };
    expect(rollupDelta(base, done)).toEqual([
      { day: '2026-11-20', field: 'early', delta: 1 },
      { day: '2026-11-20', field: 'finished', delta: 1 },
      { day: '2026-11-20', field: 'on_time', delta: 1 },
      { day: '2026-11-20', field: 'proc_le_5d', delta: 1 },
      { day: '2026-11-20', field: 'processing_minutes', delta: 5820 },
    ]);
  });
  it('late stays late; a supplement request moves the receipt cohort; rating on its own day', () => {
    const late = { ...base, status: 'returned', finishedAt: vn('2026-11-24T10:00:00'), supplementCount: 1, visits: 2, rating: { level: 'dissatisfied' as const, at: vn('2026-11-25T08:00:00') } };
    const d = rollupDelta(base, late);
    expect(d).toContainEqual({ day: '2026-11-24', field: 'late', delta: 1 });
    expect(d).toContainEqual({ day: '2026-11-16', field: 'with_supplement', delta: 1 });
    expect(d).toContainEqual({ day: '2026-11-16', field: 'visits', delta: 1 });
    expect(d).toContainEqual({ day: '2026-11-25', field: 'rated_dissatisfied', delta: 1 });
    expect(d.find((x) => x.field === 'on_time')).toBeUndefined();
  });
  it('a withdrawn dossier keeps its receipt but is never finished', () => {
    expect(rollupDelta(base, { ...base, status: 'withdrawn', finishedAt: vn('2026-11-18T10:00:00') })).toEqual([]);
  });
});

describe('Decision 766 components from dossier data (legal-facts §2)', () => {
  it('keeps "no data" distinct from zero', () => {
    const none = index766({ received: 0, online: 0, digitized: 0, finished: 0, onTime: 0, late: 0, rated: 0, dissatisfied: 0 });
    expect(none.points).toBeNull();
    expect(none.components.every((c) => c.points === null)).toBe(true);
  });
  it('scores progress, online, digitisation and satisfaction with their thresholds', () => {
    const r = index766({ received: 100, online: 25, digitized: 80, finished: 90, onTime: 81, late: 9, rated: 50, dissatisfied: 1 });
    expect(r.components.map((c) => [c.key, c.points])).toEqual([['progress', 18], ['online', 3], ['digitization', 4], ['satisfaction', 5.9]]);
    expect(r.points).toBe(30.9);
    expect(r.max).toBe(36);
  });
});

describe('processing-time histogram', () => {
  it('reports the 90th percentile as the bound of its bucket, null when nothing finished', () => {
    // buckets ≤1, ≤2, ≤3, ≤5 … : 5 in ≤1 day, 4 in ≤3 days, 1 in ≤5 days → 90% reached in the ≤3 bucket
    expect(percentileDays([5, 0, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toBe(3);
    expect(percentileDays([5, 0, 3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toBe(5);
    expect(percentileDays([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])).toBe(90);
    expect(percentileDays(new Array(13).fill(0))).toBeNull();
  });
});
