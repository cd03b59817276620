import { ROLLUP_KEY, type RollupLevel } from '../../db/rollup-copy.ts';
import type { Executor } from '../audit/audit.store.ts';

/** The daily rollup tables: one row per unit and day, one integer column per figure. */
export type DailyTable = 'dossier_daily' | 'activity_daily';

/**
 * The coarser copies, kept by triggers (migrations 0011 and 0014): monthly tables keyed by the
 * month's first day, yearly ones by 1 January.
 */
export type CopyTable = 'dossier_monthly' | 'activity_monthly' | 'dossier_yearly' | 'activity_yearly';

/** The stored figures as `unit|day|field` → value (zeros left out; copies: the period's first day), the shape verify compares. */
export async function storedDaily(db: Executor, table: DailyTable | CopyTable, fields: readonly string[]): Promise<Map<string, number>> {
  const dayColumn = ROLLUP_KEY[table.slice(table.indexOf('_') + 1) as RollupLevel];
  const rows = (await db.selectFrom(table).selectAll().execute()) as unknown as Record<string, unknown>[];
  const out = new Map<string, number>();
  for (const r of rows) {
    for (const f of fields) {
      const n = Number(r[f]);
      if (n !== 0) out.set(`${r.unit_id as string}|${r[dayColumn] as string}|${f}`, n);
    }
  }
  return out;
}

/** Replaces a table's rows by recomputed `unit|day|field` totals (seeding, or a repair after verify). */
export async function replaceDaily(db: Executor, table: DailyTable, totals: Map<string, number>): Promise<number> {
  await db.deleteFrom(table).execute();
  const rows = new Map<string, Record<string, number | string>>();
  for (const [key, n] of totals) {
    const [unit, day, field] = key.split('|') as [string, string, string];
    const row = rows.get(`${unit}|${day}`) ?? { unit_id: unit, day };
    row[field] = n;
    rows.set(`${unit}|${day}`, row);
  }
  const list = [...rows.values()] as { unit_id: string; day: string }[];
  for (let i = 0; i < list.length; i += 1000) await db.insertInto(table).values(list.slice(i, i + 1000)).execute();
  return list.length;
}

/** Daily `unit|day|field` figures summed by month (or year): what the monthly (yearly) table must hold. */
export function byPeriod(daily: ReadonlyMap<string, number>, period: 'month' | 'year'): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, n] of daily) {
    const [unit, day, field] = key.split('|') as [string, string, string];
    const k = `${unit}|${period === 'month' ? `${day.slice(0, 8)}01` : `${day.slice(0, 5)}01-01`}|${field}`;
    out.set(k, (out.get(k) ?? 0) + n);
  }
  for (const [k, n] of out) if (n === 0) out.delete(k);
  return out;
}
