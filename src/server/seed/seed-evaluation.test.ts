import { describe, expect, it } from 'vitest';
import { flatReasons } from '../../domain/evaluation/flat-units.ts';
import { spreadApart } from './seed-evaluation.ts';

describe('the demo spreads units that came out flat by chance', () => {
  const cases: Record<string, number[]> = {
    'bunched at the floor': [35, 35, 36, 37],
    'all at the floor': [35, 35, 35, 35, 35, 35],
    'all at the top': [100, 100, 100, 100, 100],
    'same middling score': [80, 80.5, 80, 81],
  };
  for (const [name, scores] of Object.entries(cases)) {
    it(name, () => {
      expect(flatReasons(scores).length).toBeGreaterThan(0);
      const raw = scores.map((score) => ({ score }));
      spreadApart(raw);
      const after = raw.map((r) => r.score);
      expect(flatReasons(after)).toEqual([]);
      expect(Math.min(...after)).toBeGreaterThanOrEqual(35);
      expect(Math.max(...after)).toBeLessThanOrEqual(100);
    });
  }
});
