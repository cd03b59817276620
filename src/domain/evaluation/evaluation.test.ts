import { describe, expect, it } from 'vitest';
import { type Proposal, applyExcellentCap, capHeadByUnit, levelFromScore, proposeLevel } from './classification.ts';
import { DEFAULT_FLAT_RULE, flatReasons, flatReasonsOf, mutualInflation, spreadOf, summaryOf } from './flat-units.ts';
import { regimeFor } from './regimes.ts';
import { generalScore, needsReason, taskComponents, taskScore, trimmedMean } from './scoring.ts';

const r335 = regimeFor('cong_chuc', '2026-03-01');

describe('regimes by effective date (legal-facts §0, §3)', () => {
  it.each([
    ['cong_chuc', '2025-12-01', '90/2020/NĐ-CP'],
    ['cong_chuc', '2026-01-01', '335/2025/NĐ-CP'],
    ['vien_chuc', '2026-06-01', '90/2020/NĐ-CP'],
    ['vien_chuc', '2026-07-01', '233/2026/NĐ-CP'],
  ] as const)('%s in a period starting %s → %s', (kind, start, id) => expect(regimeFor(kind, start).id).toBe(id));
});

describe('task score (30 + 70, legal-facts §3.1)', () => {
  it('everything done, no error, no delay → 70', () => {
    expect(taskScore([{ weight: 1, completed: true, errors: 0, delays: 0 }, { weight: 2, completed: true, errors: 0, delays: 0 }], r335)).toBe(70);
  });
  it('25% of the product\'s quality/timeliness lost per error/delay', () => {
    const c = taskComponents([{ weight: 1, completed: true, errors: 1, delays: 2 }, { weight: 1, completed: true, errors: 0, delays: 0 }], r335)!;
    expect(c).toEqual({ a: 1, b: 0.875, c: 0.75 });
    expect(taskScore([{ weight: 1, completed: true, errors: 1, delays: 2 }, { weight: 1, completed: true, errors: 0, delays: 0 }], r335)).toBe(61.3);
  });
  it('unfinished work lowers quantity, quality and timeliness', () => {
    expect(taskScore([{ weight: 1, completed: false, errors: 0, delays: 0 }, { weight: 3, completed: true, errors: 0, delays: 0 }], r335)).toBe(52.5);
  });
  it('leaders add unit results, organising and uniting: / 6', () => {
    expect(taskScore([{ weight: 1, completed: true, errors: 0, delays: 0 }], r335, { unitResults: 0.8, organising: 1, uniting: 0.7 })).toBe(64.2); // (1+1+1+0.8+1+0.7)/6 × 70
  });
  it('no work assigned → no score (not zero)', () => expect(taskScore([], r335)).toBeNull());
  it('general criteria are capped at their maxima and at 30', () => {
    expect(generalScore([{ points: 12, max: 10 }, { points: 9, max: 10 }, { points: 10, max: 10 }], r335)).toBe(29);
  });
});

describe('peers and the head', () => {
  it.each([
    [[80, 82, 84], 82],
    [[10, 80, 82, 84, 100], 82],
    [[], null],
  ])('trimmed mean of %j → %s', (scores, mean) => expect(trimmedMean(scores)).toBe(mean));
  it('a head far from the evidence must give a reason', () => {
    expect(needsReason(95, 80, 10)).toBe(true);
    expect(needsReason(88, 80, 10)).toBe(false);
  });
});

describe('levels and classification (legal-facts §3.1, §3.2)', () => {
  it.each([
    [90, 'excellent'],
    [89.9, 'good'],
    [70, 'good'],
    [69.9, 'complete'],
    [50, 'complete'],
    [49.9, 'incomplete'],
  ] as const)('%d → %s', (score, level) => expect(levelFromScore(score, r335)).toBe(level));

  const base = { officialId: 'o', monthlyScores: [92, 94, 91], monthsWorked: 12, isHead: false, taskGroup: 'g', triggers: { degradation: false, disciplinedForDuty: false, unitCorruptionUnderCharge: false } };
  it('fewer than 6 months worked → not classified', () => expect(proposeLevel({ ...base, monthsWorked: 5 }, r335).level).toBe('not_classified'));
  it('discipline for a duty violation forces "không hoàn thành" whatever the score', () => {
    expect(proposeLevel({ ...base, triggers: { ...base.triggers, disciplinedForDuty: true } }, r335)).toMatchObject({ level: 'incomplete', average: 92.3 });
  });
  it('"xuất sắc" is capped at 20% of those rated "tốt" or better per task group; the highest keep it', () => {
    const mk = (id: string, average: number, level: Proposal['level'], taskGroup = 'g'): Proposal & { taskGroup: string } => ({ officialId: id, average, level, reasons: [], taskGroup });
    const ps = [mk('a', 96, 'excellent'), mk('b', 94, 'excellent'), mk('c', 91, 'excellent'), ...Array.from({ length: 7 }, (_, i) => mk(`g${i}`, 80, 'good')), mk('x', 97, 'excellent', 'other'), ...Array.from({ length: 4 }, (_, i) => mk(`o${i}`, 75, 'good', 'other'))];
    const capped = applyExcellentCap(ps, r335, false);
    const level = (id: string) => capped.find((p) => p.officialId === id)!.level;
    // Group g: 10 rated good or better → 2 excellent; group other: 5 → 1.
    expect([level('a'), level('b'), level('c'), level('x')]).toEqual(['excellent', 'excellent', 'good', 'excellent']);
    const outstanding = applyExcellentCap(ps, r335, true);
    expect(outstanding.find((p) => p.officialId === 'c')!.level).toBe('good');
  });
  it('a head is not above the unit', () => {
    expect(capHeadByUnit('excellent', 'good', r335)).toEqual({ level: 'good', capped: true });
    expect(capHeadByUnit('good', 'excellent', r335)).toEqual({ level: 'good', capped: false });
    expect(capHeadByUnit('excellent', 'good', regimeFor('cong_chuc', '2025-01-01')).capped).toBe(false);
  });
});

describe('"cào bằng"', () => {
  it('flags a unit where everyone has the same score, or everyone is at the top', () => {
    expect(flatReasons([90, 91, 90, 91, 90])).toEqual(['same_scores']);
    expect(flatReasons([96, 97, 98, 100, 88])).toEqual(['all_at_top']);
    expect(flatReasons([70, 82, 91, 65, 88])).toEqual([]);
    expect(flatReasons([90, 90])).toEqual([]);
    expect(spreadOf([70, 90])).toMatchObject({ spread: 20, mean: 80, stdDev: 10 });
  });
  it('takes the spread of a whole country\'s scores (a million values overflowed Math.min(...scores))', () => {
    const scores = Array.from({ length: 1_000_000 }, (_, i) => 60 + (i % 41));
    expect(spreadOf(scores)).toMatchObject({ count: 1_000_000, min: 60, max: 100, spread: 40, mean: 80 });
    expect(flatReasons(scores)).toEqual([]);
  });
  it('refuses a summary counted at another top score than the rule\'s', () => {
    const scores = [96, 97, 98, 100, 88];
    expect(flatReasonsOf(summaryOf(scores), DEFAULT_FLAT_RULE)).toEqual(['all_at_top']);
    expect(() => flatReasonsOf(summaryOf(scores, 99), DEFAULT_FLAT_RULE)).toThrow(RangeError);
    expect(flatReasonsOf(summaryOf(scores, 99), { ...DEFAULT_FLAT_RULE, topScore: 99 })).toEqual([]);
  });
  it('finds pairs who always score each other at the top', () => {
    const s = ['2026-08', '2026-09', '2026-10'].flatMap((month) => [
      { month, rater: 'a', ratee: 'b', score: 98 },
      { month, rater: 'b', ratee: 'a', score: 99 },
      { month, rater: 'a', ratee: 'c', score: 98 },
      { month, rater: 'c', ratee: 'a', score: month === '2026-09' ? 80 : 97 },
    ]);
    expect(mutualInflation(s)).toEqual([{ a: 'a', b: 'b', months: 3 }]);
  });
});
