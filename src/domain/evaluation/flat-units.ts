/**
 * "Cào bằng": when nearly everyone in a unit gets the same score, or the maximum, rewards stop
 * meaning anything. Also peers who always give each other top marks (mutual inflation).
 */
export interface FlatUnitRule {
  /** A spread (max − min) of final scores at most this is "everyone the same". */
  maxSpread: number;
  /** This share or more of the unit at the maximum possible score is "everyone at the top". */
  topShare: number;
  topScore: number;
  minMembers: number;
}

export const DEFAULT_FLAT_RULE: FlatUnitRule = { maxSpread: 2, topShare: 0.8, topScore: 95, minMembers: 4 };

export interface Spread {
  count: number;
  min: number;
  max: number;
  spread: number;
  mean: number;
  stdDev: number;
}

/**
 * What a set of scores comes down to: enough for the spread and both flat tests, and made of sums
 * a database computes exactly (the dashboards ask PostgreSQL for it instead of reading a
 * province's 20,000 scores). `atTop`: how many scores are at or above `topScore`.
 */
export interface ScoreSummary {
  count: number;
  min: number;
  max: number;
  sum: number;
  sumSquares: number;
  topScore: number;
  atTop: number;
}

export function summaryOf(scores: readonly number[], topScore = DEFAULT_FLAT_RULE.topScore): ScoreSummary | null {
  if (scores.length === 0) return null;
  // Loops, not Math.min(...scores): spreading a national set of scores (hundreds of thousands)
  // into arguments overflows the stack.
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumSquares = 0;
  let atTop = 0;
  for (const x of scores) {
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
    sumSquares += x * x;
    if (x >= topScore) atTop++;
  }
  return { count: scores.length, min, max, sum, sumSquares, topScore, atTop };
}

const r1 = (x: number) => Math.round(x * 10) / 10;

export function spreadOfSummary(s: ScoreSummary): Spread {
  const mean = s.sum / s.count;
  // Population variance; never below 0 where rounding meets identical scores.
  const variance = Math.max(0, s.sumSquares / s.count - mean * mean);
  return { count: s.count, min: s.min, max: s.max, spread: r1(s.max - s.min), mean: r1(mean), stdDev: r1(Math.sqrt(variance)) };
}

export function spreadOf(scores: readonly number[]): Spread | null {
  const s = summaryOf(scores);
  return s && spreadOfSummary(s);
}

export type FlatReason = 'same_scores' | 'all_at_top';

export function flatReasonsOf(s: ScoreSummary | null, rule: FlatUnitRule = DEFAULT_FLAT_RULE): FlatReason[] {
  if (!s || s.count < rule.minMembers) return [];
  // A summary counted at another top score cannot answer this rule's "everyone at the top".
  if (s.topScore !== rule.topScore) throw new RangeError(`score summary counted at ${s.topScore}, rule's top score is ${rule.topScore}`);
  const reasons: FlatReason[] = [];
  if (r1(s.max - s.min) <= rule.maxSpread) reasons.push('same_scores');
  if (s.atTop / s.count >= rule.topShare) reasons.push('all_at_top');
  return reasons;
}

export const flatReasons = (scores: readonly number[], rule: FlatUnitRule = DEFAULT_FLAT_RULE): FlatReason[] => flatReasonsOf(summaryOf(scores, rule.topScore), rule);

/**
 * Pairs who scored each other at or above `top` in at least `months` of the months they both
 * scored each other: candidates for mutual inflation.
 */
export function mutualInflation(
  peerScores: readonly { month: string; rater: string; ratee: string; score: number }[],
  top = 95,
  months = 3,
): { a: string; b: string; months: number }[] {
  const key = (x: string, y: string) => `${x}|${y}`;
  const byPair = new Map<string, Map<string, number>>();
  for (const s of peerScores) {
    const m = byPair.get(key(s.rater, s.ratee)) ?? new Map<string, number>();
    m.set(s.month, s.score);
    byPair.set(key(s.rater, s.ratee), m);
  }
  const found: { a: string; b: string; months: number }[] = [];
  for (const [pair, ab] of byPair) {
    const [a, b] = pair.split('|') as [string, string];
    if (a >= b) continue;
    const ba = byPair.get(key(b, a));
    if (!ba) continue;
    const shared = [...ab.keys()].filter((m) => ba.has(m));
    const both = shared.filter((m) => ab.get(m)! >= top && ba.get(m)! >= top).length;
    if (shared.length > 0 && both >= months && both === shared.length) found.push({ a, b, months: both });
  }
  return found;
}
