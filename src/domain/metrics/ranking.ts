/**
 * Rankings with trend arrows: rank in this period against rank in the previous period of the
 * same length. Things with no data rank after those with data; a thing absent from the previous
 * ranking (no data then) is 'new'.
 */
export type Trend = 'up' | 'down' | 'same' | 'new';

/** Descending with nulls last, then the next key. */
export function byDescNullsLast<T>(...keys: ((x: T) => number | null)[]) {
  return (a: T, b: T) => {
    for (const k of keys) {
      const x = k(a);
      const y = k(b);
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return y - x;
    }
    return 0;
  };
}

/** 1-based ranks by id, in the order given (ties share nothing: the order decides). */
export function ranksOf<T extends { id: string }>(sorted: readonly T[]): Map<string, number> {
  return new Map(sorted.map((x, i) => [x.id, i + 1]));
}

export function trendOf(rank: number, previousRank: number | null): Trend {
  if (previousRank === null) return 'new';
  return rank < previousRank ? 'up' : rank > previousRank ? 'down' : 'same';
}

/**
 * A head of unit's standing: the mean of the measures that have data, each on 0–100 — the unit's
 * 766 points as a share of the points measured, on-time rates of dossiers and tasks, the
 * satisfaction index and the head's own average closed score. A head is measured by the unit's
 * results first: with none of them measured (own score only) the head is not ranked (null).
 */
export function headScore(m: { index766: number | null; index766Max: number; onTimeRate: number | null; tasksOnTimeRate: number | null; satisfactionIndex: number | null; averageScore: number | null }): number | null {
  const unitParts = [m.index766 === null || m.index766Max === 0 ? null : (100 * m.index766) / m.index766Max, m.onTimeRate, m.tasksOnTimeRate, m.satisfactionIndex].filter((x): x is number => x !== null);
  if (!unitParts.length) return null;
  const parts = m.averageScore === null ? unitParts : [...unitParts, m.averageScore];
  return parts.length ? Math.round((10 * parts.reduce((s, x) => s + x, 0)) / parts.length) / 10 : null;
}
