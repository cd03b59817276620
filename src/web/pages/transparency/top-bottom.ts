import type { TUnitRankRow } from '../../../shared/schemas/metrics.ts';

/**
 * The best and the weakest, never the same unit twice (short lists split in half). Units with no
 * figures in the period are left out: having no dossiers is not doing badly.
 */
export function topAndBottom(all: TUnitRankRow[], n = 5): { top: TUnitRankRow[]; bottom: TUnitRankRow[] } {
  const rows = all.filter((r) => r.index766 !== null || r.onTimeRate !== null);
  const top = rows.slice(0, Math.min(n, Math.ceil(rows.length / 2)));
  const bottom = rows.slice(Math.max(top.length, rows.length - n));
  return { top, bottom };
}
