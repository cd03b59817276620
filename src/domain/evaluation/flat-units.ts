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

export function spreadOf(scores: readonly number[]): Spread | null {
  if (scores.length === 0) return null;
  // Loops, not Math.min(...scores): spreading a national set of scores (hundreds of thousands)
  // into arguments overflows the stack, and the dashboards call this on every request.
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const x of scores) {
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
  }
  const mean = sum / scores.length;
  let squares = 0;
  for (const x of scores) squares += (x - mean) ** 2;
  const stdDev = Math.sqrt(squares / scores.length);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { count: scores.length, min, max, spread: r(max - min), mean: r(mean), stdDev: r(stdDev) };
}

export type FlatReason = 'same_scores' | 'all_at_top';

/** `s`: the scores' spreadOf, when the caller has it already. */
export function flatReasons(scores: readonly number[], rule: FlatUnitRule = DEFAULT_FLAT_RULE, s: Spread | null = spreadOf(scores)): FlatReason[] {
  if (!s || s.count < rule.minMembers) return [];
  const reasons: FlatReason[] = [];
  if (s.spread <= rule.maxSpread) reasons.push('same_scores');
  if (scores.filter((x) => x >= rule.topScore).length / s.count >= rule.topShare) reasons.push('all_at_top');
  return reasons;
}

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
