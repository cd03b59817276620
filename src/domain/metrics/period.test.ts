import { describe, expect, it } from 'vitest';
import { addDays, diffDays } from '../calendar/index.ts';
import { monthsOf, monthsUntil, previousPeriod, resolvePeriod, splitByMonths, splitForRollups } from './period.ts';
import { byDescNullsLast, headScore, trendOf } from './ranking.ts';

const now = new Date('2026-10-31T18:00:00Z'); // 01/11/2026 01:00 in Vietnam

describe('periods', () => {
  it('defaults to the current Vietnamese month, quarter, year', () => {
    expect(resolvePeriod({ period: 'month' }, now)).toEqual({ kind: 'month', from: '2026-11-01', to: '2026-11-30', label: 'Tháng 11/2026' });
    expect(resolvePeriod({ period: 'quarter' }, now)).toEqual({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31', label: 'Quý IV/2026' });
    expect(resolvePeriod({ period: 'year', at: '2025' }, now).label).toBe('Năm 2025');
  });
  it('the previous period has the same length', () => {
    expect(previousPeriod(resolvePeriod({ period: 'month', at: '2026-03' }, now))).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod(resolvePeriod({ period: 'quarter', at: '2026-Q1' }, now))).toMatchObject({ from: '2025-10-01', to: '2025-12-31', label: 'Quý IV/2025' });
    const custom = resolvePeriod({ period: 'custom', from: '2026-10-01', to: '2026-10-15' }, now);
    expect(custom.label).toBe('01/10/2026 – 15/10/2026');
    expect(previousPeriod(custom)).toMatchObject({ from: '2026-09-16', to: '2026-09-30' });
  });
  it('lists months', () => {
    expect(monthsOf(resolvePeriod({ period: 'quarter', at: '2026-Q4' }, now))).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(monthsUntil('2026-02', 3).map((p) => p.from)).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
  });
});

describe('rankings', () => {
  it('trend arrows compare with the previous rank; no previous rank is new', () => {
    expect([trendOf(1, 3), trendOf(3, 1), trendOf(2, 2), trendOf(2, null)]).toEqual(['up', 'down', 'same', 'new']);
  });
  it('sorts descending with nulls last, then by the next key', () => {
    const xs = [{ a: null, b: 9 }, { a: 5, b: 1 }, { a: 5, b: 2 }];
    expect(xs.sort(byDescNullsLast((x) => x.a, (x) => x.b))).toEqual([{ a: 5, b: 2 }, { a: 5, b: 1 }, { a: null, b: 9 }]);
  });
  it("a head's standing averages what is measured, null when nothing is", () => {
    expect(headScore({ index766: 18, index766Max: 36, onTimeRate: 90, tasksOnTimeRate: null, satisfactionIndex: 80, averageScore: 90 })).toBe(77.5);
    expect(headScore({ index766: null, index766Max: 0, onTimeRate: null, tasksOnTimeRate: null, satisfactionIndex: null, averageScore: null })).toBeNull();
    // Own score alone: not ranked — a head is measured by the unit's results first.
    expect(headScore({ index766: null, index766Max: 0, onTimeRate: null, tasksOnTimeRate: null, satisfactionIndex: null, averageScore: 100 })).toBeNull();
  });
});

/** Records day ranges, failing on a day covered twice; `size` is the number of days covered. */
function dayCoverage() {
  const covered = new Set<string>();
  return {
    add(a: string, b: string) {
      for (let d = a; d <= b; d = addDays(d as never, 1)) {
        expect(covered.has(d)).toBe(false);
        covered.add(d);
      }
    },
    get size() {
      return covered.size;
    },
  };
}

describe('splitByMonths', () => {
  it.each([
    ['2026-01-01', '2026-12-31', { from: '2026-01-01', to: '2026-12-01' }, []],
    ['2026-02-01', '2026-02-28', { from: '2026-02-01', to: '2026-02-01' }, []],
    ['2026-01-15', '2026-03-31', { from: '2026-02-01', to: '2026-03-01' }, [{ from: '2026-01-15', to: '2026-01-31' }]],
    ['2026-01-01', '2026-03-10', { from: '2026-01-01', to: '2026-02-01' }, [{ from: '2026-03-01', to: '2026-03-10' }]],
    ['2025-12-20', '2026-02-05', { from: '2026-01-01', to: '2026-01-01' }, [{ from: '2025-12-20', to: '2025-12-31' }, { from: '2026-02-01', to: '2026-02-05' }]],
    ['2026-03-05', '2026-03-20', null, [{ from: '2026-03-05', to: '2026-03-20' }]],
    ['2026-03-05', '2026-04-20', null, [{ from: '2026-03-05', to: '2026-04-20' }]],
    ['2024-02-01', '2024-02-29', { from: '2024-02-01', to: '2024-02-01' }, []],
  ])('%s → %s', (from, to, months, days) => {
    expect(splitByMonths(from, to)).toEqual({ months, days });
  });

  it('covers every day exactly once', () => {
    for (const [from, to] of [['2025-11-17', '2026-11-16'], ['2026-01-31', '2026-03-01'], ['2026-12-31', '2027-01-01']] as const) {
      const { months, days } = splitByMonths(from, to);
      const covered = dayCoverage();
      const add = covered.add;
      for (const r of days) add(r.from, r.to);
      if (months) {
        let m = months.from;
        for (;;) {
          const [y, mo] = m.split('-').map(Number) as [number, number];
          const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
          add(m, addDays(next as never, -1));
          if (m === months.to) break;
          m = next;
        }
      }
      expect(covered.size).toBe(diffDays(from as never, to as never) + 1);
    }
  });
});

describe('splitForRollups', () => {
  it.each([
    ['2026-01-01', '2026-12-31', { from: '2026-01-01', to: '2026-01-01' }, [], []],
    ['2025-01-01', '2026-12-31', { from: '2025-01-01', to: '2026-01-01' }, [], []],
    ['2026-01-01', '2026-03-31', null, [{ from: '2026-01-01', to: '2026-03-01' }], []],
    [
      '2024-11-20',
      '2026-02-10',
      { from: '2025-01-01', to: '2025-01-01' },
      [{ from: '2024-12-01', to: '2024-12-01' }, { from: '2026-01-01', to: '2026-01-01' }],
      [{ from: '2024-11-20', to: '2024-11-30' }, { from: '2026-02-01', to: '2026-02-10' }],
    ],
    ['2026-03-05', '2026-03-20', null, [], [{ from: '2026-03-05', to: '2026-03-20' }]],
    ['2026-12-31', '2026-12-30', null, [], []],
  ])('%s → %s', (from, to, years, months, days) => {
    expect(splitForRollups(from, to)).toEqual({ years, months, days });
  });

  it('without whole years, is the monthly split', () => {
    expect(splitForRollups('2025-01-01', '2026-12-31', false)).toEqual({ years: null, months: [{ from: '2025-01-01', to: '2026-12-01' }], days: [] });
  });

  it('covers every day exactly once', () => {
    const monthEnd = (m: string) => {
      const [y, mo] = m.split('-').map(Number) as [number, number];
      return addDays((mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`) as never, -1);
    };
    for (const [from, to] of [['2023-07-14', '2026-11-16'], ['2025-12-31', '2027-01-01'], ['2024-01-01', '2024-12-30'], ['2024-01-02', '2026-12-31']] as const) {
      const { years, months, days } = splitForRollups(from, to);
      const covered = dayCoverage();
      const add = covered.add;
      for (const r of days) add(r.from, r.to);
      for (const r of months) for (let m = r.from; m <= r.to; m = addDays(monthEnd(m) as never, 1)) add(m, monthEnd(m));
      if (years) for (let y = Number(years.from.slice(0, 4)); y <= Number(years.to.slice(0, 4)); y++) add(`${y}-01-01`, `${y}-12-31`);
      expect(covered.size).toBe(diffDays(from as never, to as never) + 1);
    }
  });
});
