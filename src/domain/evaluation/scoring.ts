import type { EvaluationRegime } from './regimes.ts';

/**
 * The monthly task score (Decree 335/2025, 233/2026; legal-facts §3.1): quantity a, quality b,
 * timeliness c, each a share of the work assigned; 25% of a product's quality (timeliness) points
 * is lost for each error (delay) not excused. Non-leaders: (a + b + c) / 3 × 70; leaders add d
 * (their unit's results), đ (organising capacity), e (uniting staff): / 6 × 70.
 */
export interface WorkItem {
  /** Conversion coefficient of the product (a heavier product counts more). */
  weight: number;
  completed: boolean;
  /** Content errors not excused by an objective cause. */
  errors: number;
  /** Delays not excused by an objective cause. */
  delays: number;
}

export interface LeaderExtras {
  /** Shares 0–1. */
  unitResults: number;
  organising: number;
  uniting: number;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export function taskComponents(items: readonly WorkItem[], regime: Pick<EvaluationRegime, 'deductionPerError'>) {
  const assigned = items.reduce((s, i) => s + i.weight, 0);
  if (assigned === 0) return null;
  const done = items.filter((i) => i.completed);
  const a = clamp01(done.reduce((s, i) => s + i.weight, 0) / assigned);
  const b = clamp01(done.reduce((s, i) => s + i.weight * Math.max(0, 1 - regime.deductionPerError * i.errors), 0) / assigned);
  const c = clamp01(done.reduce((s, i) => s + i.weight * Math.max(0, 1 - regime.deductionPerError * i.delays), 0) / assigned);
  return { a, b, c };
}

export function taskScore(items: readonly WorkItem[], regime: Pick<EvaluationRegime, 'deductionPerError' | 'taskMax'>, leader?: LeaderExtras): number | null {
  const parts = taskComponents(items, regime);
  if (!parts) return null;
  const { a, b, c } = parts;
  const score = leader
    ? ((a + b + c + clamp01(leader.unitResults) + clamp01(leader.organising) + clamp01(leader.uniting)) / 6) * regime.taskMax
    : ((a + b + c) / 3) * regime.taskMax;
  return round1(score);
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

/** General criteria (≤ 30) from criterion scores, each capped at its maximum. */
export function generalScore(criteria: readonly { points: number; max: number }[], regime: Pick<EvaluationRegime, 'generalMax'>): number {
  const total = criteria.reduce((s, c) => s + Math.min(c.max, Math.max(0, c.points)), 0);
  return round1(Math.min(regime.generalMax, total));
}

/**
 * Peer scores with outliers trimmed: with 5 or more peers the highest and the lowest are dropped,
 * so one friend or one rival cannot move the mean; fewer peers are averaged as they are.
 */
export function trimmedMean(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const sorted = [...scores].sort((x, y) => x - y);
  const kept = sorted.length >= 5 ? sorted.slice(1, -1) : sorted;
  return round1(kept.reduce((s, x) => s + x, 0) / kept.length);
}

/**
 * The head's final score must carry a reason where it moves away from the evidence (the automatic
 * figures and the self/peer view) by more than the margin.
 */
export function needsReason(headScore: number, evidenceScore: number, margin: number): boolean {
  return Math.abs(headScore - evidenceScore) > margin;
}
