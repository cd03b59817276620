import { sql } from 'kysely';
import { type DossierFacts, ROLLUP_FIELDS, type RollupField, contributionOf, rollupDelta } from '../../../domain/metrics/dossier-rollup.ts';
import type { Executor } from '../audit/audit.store.ts';
import { replaceDaily, storedDaily } from '../metrics/daily-table.ts';

type FactsRow = {
  unit_id: string;
  received_at: Date | null;
  channel: 'counter' | 'online' | 'postal';
  status: string;
  supplement_count: number;
  visits: number;
  documents: { digitized?: boolean }[];
  legal_due_at: Date | null;
  finished_at: Date | null;
  rating_level: 'very_satisfied' | 'satisfied' | 'dissatisfied' | null;
  rating_at: Date | null;
};

// The rating through a lateral lookup, not a join: over millions of dossiers read in id batches, a
// join lets the planner merge-scan the ratings from the start on every batch (quadratic). The
// `limit 1` (one rating per dossier anyway) keeps PostgreSQL from flattening it back into a join.
const factsQuery = (db: Executor) =>
  db
    .selectFrom('dossiers as d')
    .leftJoinLateral(
      (eb) => eb.selectFrom('dossier_ratings as r').select(['r.level', 'r.at']).whereRef('r.dossier_id', '=', 'd.id').limit(1).as('r'),
      (join) => join.onTrue(),
    )
    .select(['d.unit_id', 'd.received_at', 'd.channel', 'd.status', 'd.supplement_count', 'd.visits', 'd.documents', 'd.legal_due_at', 'd.finished_at', 'r.level as rating_level', 'r.at as rating_at']);

export function factsFromRow(r: FactsRow): DossierFacts {
  return {
    receivedAt: r.received_at,
    channel: r.channel,
    status: r.status,
    supplementCount: r.supplement_count,
    visits: r.visits,
    digitized: (r.documents ?? []).some((d) => d.digitized),
    legalDueAt: r.legal_due_at,
    finishedAt: r.finished_at,
    rating: r.rating_level && r.rating_at ? { level: r.rating_level, at: r.rating_at } : null,
  };
}

/** The dossier's current contribution, with its unit; null when it does not exist. */
export async function dossierFacts(db: Executor, id: string): Promise<{ unitId: string; facts: DossierFacts } | null> {
  const row = await factsQuery(db).where('d.id', '=', id).executeTakeFirst();
  return row ? { unitId: row.unit_id, facts: factsFromRow(row as FactsRow) } : null;
}

/** Adds (after − before) to the unit's daily rows, in the caller's transaction. */
export async function applyRollup(db: Executor, unitId: string, before: DossierFacts | null, after: DossierFacts | null) {
  const deltas = rollupDelta(before, after);
  const byDay = new Map<string, Partial<Record<RollupField, number>>>();
  for (const d of deltas) byDay.set(d.day, { ...(byDay.get(d.day) ?? {}), [d.field]: d.delta });
  for (const [day, fields] of byDay) {
    const entries = Object.entries(fields) as [RollupField, number][];
    await db
      .insertInto('dossier_daily')
      .values({ unit_id: unitId, day, ...Object.fromEntries(entries) })
      .onConflict((oc) => oc.columns(['unit_id', 'day']).doUpdateSet(Object.fromEntries(entries.map(([f, n]) => [f, sql`dossier_daily.${sql.ref(f)} + ${n}`]))))
      .execute();
  }
}

/** Recomputes every daily figure from the dossiers, with the same rule, in batches. */
export async function recomputeRollups(db: Executor, batch = 5000): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await factsQuery(db).select('d.id').where('d.id', '>', after).orderBy('d.id').limit(batch).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      for (const [k, n] of contributionOf(factsFromRow(r as FactsRow))) {
        const key = `${r.unit_id}|${k}`;
        totals.set(key, (totals.get(key) ?? 0) + n);
      }
    }
    after = rows.at(-1)!.id;
  }
  return totals;
}

/** The stored figures as the same key → value map (zeros left out). */
export const storedRollups = (db: Executor) => storedDaily(db, 'dossier_daily', ROLLUP_FIELDS);

/** Replaces dossier_daily by the recomputation (the demo seed writes its history in bulk). */
export const rebuildRollups = async (db: Executor) => replaceDaily(db, 'dossier_daily', await recomputeRollups(db));

/** A batch's changes to dossier_daily: one row per unit and day (key `unit|day`), fields summed. */
export type RollupRows = Map<string, Record<string, number | string>>;

export function addToRollupRows(rows: RollupRows, unitId: string, day: string, field: RollupField, delta: number) {
  const key = `${unitId}|${day}`;
  let row = rows.get(key);
  if (!row) rows.set(key, (row = { unit_id: unitId, day }));
  row[field] = ((row[field] as number | undefined) ?? 0) + delta;
}

/**
 * The rows as addRollupRows takes them: JSON in (unit, day) order, so two writers lock them in the
 * same order; rows whose changes cancel out are left out; null when nothing changes.
 */
export function rollupRowsJson(rows: RollupRows): string | null {
  const changed = [...rows.entries()].filter(([, row]) => ROLLUP_FIELDS.some((f) => (row[f] ?? 0) !== 0));
  if (changed.length === 0) return null;
  return JSON.stringify(changed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r));
}

/** Adds rollupRowsJson's rows to dossier_daily in one statement. */
export async function addRollupRows(db: Executor, json: string | null) {
  if (json === null) return;
  const fields = sql.join(ROLLUP_FIELDS.map((f) => sql.ref(f)));
  await sql`
    insert into dossier_daily (unit_id, day, ${fields})
    select unit_id, day, ${sql.join(ROLLUP_FIELDS.map((f) => sql`coalesce(${sql.ref(f)}, 0)`))}
    from json_to_recordset(${json}::json) as x(unit_id uuid, day date, ${sql.join(ROLLUP_FIELDS.map((f) => sql`${sql.ref(f)} bigint`))})
    order by unit_id, day
    on conflict (unit_id, day) do update set ${sql.join(ROLLUP_FIELDS.map((f) => sql`${sql.ref(f)} = dossier_daily.${sql.ref(f)} + excluded.${sql.ref(f)}`))}
  `.execute(db);
}
