import type { Executor } from '../audit/audit.store.ts';

/** The daily rollup tables: one row per unit and day, one integer column per figure. */
export type DailyTable = 'dossier_daily' | 'activity_daily';

/** The monthly copies, kept by triggers on the daily tables (migration 0011); keyed by the month's first day. */
export type MonthlyTable = 'dossier_monthly' | 'activity_monthly';

/** The stored figures as `unit|day|field` → value (zeros left out; monthly tables: the month's first day), the shape verify compares. */
export async function storedDaily(db: Executor, table: DailyTable | MonthlyTable, fields: readonly string[]): Promise<Map<string, number>> {
  const dayColumn = table.endsWith('_monthly') ? 'month' : 'day';
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

/** Daily `unit|day|field` figures summed by month: what the monthly table must hold. */
export function byMonth(daily: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, n] of daily) {
    const [unit, day, field] = key.split('|') as [string, string, string];
    const k = `${unit}|${day.slice(0, 8)}01|${field}`;
    out.set(k, (out.get(k) ?? 0) + n);
  }
  for (const [k, n] of out) if (n === 0) out.delete(k);
  return out;
}
