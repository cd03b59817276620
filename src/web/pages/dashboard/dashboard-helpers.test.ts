import { describe, expect, it } from 'vitest';
import type { TTreeNode, TUnitRankRow } from '../../../shared/schemas/metrics.ts';
import { topAndBottom } from '../transparency/top-bottom.ts';
import { change, formatPercent, rateColour, relativeChange } from './metrics-format.ts';
import { toBoxes } from './treemap-boxes.ts';

const node = (id: string, parentId: string | null, received: number, onTimeRate: number | null): TTreeNode => ({ id, parentId, code: id, name: `Đơn vị ${id}`, kind: 'department', depth: parentId ? 1 : 0, received, onTimeRate });
const row = (rank: number, index766: number | null): TUnitRankRow => ({
  unitId: `u${rank}`, code: `U${rank}`, name: `Đơn vị ${rank}`, kind: 'commune', rank, previousRank: null, trend: 'new',
  received: index766 === null ? 0 : 10, onTimeRate: index766 === null ? null : 90, supplementRate: null, satisfactionIndex: null, complaints: 0, index766,
});

describe('dashboard figures', () => {
  it('prints no data as a dash, never 0, and percents the Vietnamese way', () => {
    expect(formatPercent(null, 'vi')).toBe('—');
    expect(formatPercent(0, 'vi')).toBe('0%');
    expect(formatPercent(92.5, 'vi')).toBe('92,5%');
    expect(formatPercent(92.5, 'en')).toBe('92.5%');
  });

  it('compares with the previous period only when both have data', () => {
    expect(change(90.7, 89.6)).toEqual({ diff: 1.1, direction: 'up' });
    expect(change(80, 85)).toEqual({ diff: -5, direction: 'down' });
    expect(change(12, 12)).toEqual({ diff: 0, direction: 'same' });
    expect(change(null, 12)).toBeNull();
    expect(change(12, null)).toBeNull();
    expect(relativeChange(1677, 1533)).toBe(9.4);
    expect(relativeChange(5, 0)).toBeNull();
  });

  it('colours the on-time rate in three bands and grey for no data', () => {
    expect(rateColour(null)).toBe('#757575');
    expect(rateColour(79.9)).toBe('#c62828');
    expect(rateColour(80)).toBe('#b45309');
    expect(rateColour(95)).toBe('#2e7d32');
  });
});

describe('the treemap boxes', () => {
  const nodes = [node('p', null, 100, 90), node('a', 'p', 60, 96), node('b', 'p', 0, null), node('a1', 'a', 5, 80)];
  it('takes one level below the root, sized by dossiers (a unit without any still shows)', () => {
    expect(toBoxes(nodes, null).map((b) => [b.id, b.value, b.itemStyle.color])).toEqual([
      ['a', 60, '#2e7d32'],
      ['b', 1, '#757575'],
    ]);
    expect(toBoxes(nodes, 'a').map((b) => b.id)).toEqual(['a1']);
    expect(toBoxes(nodes, 'a1')).toEqual([]);
  });
});

describe('the TV slides of leaders and laggards', () => {
  it('never shows a unit twice and leaves out units without figures', () => {
    const rows = [row(1, 36), row(2, 35), row(3, 30), row(4, 20), row(5, null), row(6, null)];
    const { top, bottom } = topAndBottom(rows, 5);
    expect(top.map((r) => r.rank)).toEqual([1, 2]);
    expect(bottom.map((r) => r.rank)).toEqual([3, 4]);
    const many = Array.from({ length: 14 }, (_, i) => row(i + 1, 40 - i));
    const split = topAndBottom(many, 5);
    expect(split.top.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(split.bottom.map((r) => r.rank)).toEqual([10, 11, 12, 13, 14]);
    expect(topAndBottom([row(1, 30)], 5)).toEqual({ top: [row(1, 30)], bottom: [] });
  });
});
