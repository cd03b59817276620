import { sql } from 'kysely';
import { ACTIVITY_FIELDS, type ActivityFacts, type ActivityField, activityContribution, activityDelta } from '../../../domain/metrics/activity-rollup.ts';
import type { Executor } from '../audit/audit.store.ts';
import { replaceDaily, storedDaily } from './daily-table.ts';

// The rows each kind of object is read from, and how they become facts. The same readers serve
// the writers (after a change) and `congvu metrics verify` (every object), so both apply one rule.
type TaskRow = { id: string; unit_id: string; status: 'open' | 'in_progress' | 'submitted' | 'done' | 'cancelled'; original_due_at: Date; due_at: Date; completed_at: Date | null; bounce_reasons: string[] };
type ComplaintRow = { id: string; unit_id: string | null; kind: string; created_at: Date; outcome: 'upheld' | 'not_upheld' | null; answered_at: Date | null };
type InspectionRow = { id: string; target_unit_ids: string[]; status: string; concluded_at: Date | null };
type ViolationRow = { id: string; unit_id: string; found_at: Date };

export type ActivityKind = 'task' | 'complaint' | 'inspection' | 'violation';
/** The state of an object before a change, as the writer already holds it (its table row). */
export type BeforeRow<K extends ActivityKind> = Omit<{ task: TaskRow; complaint: ComplaintRow; inspection: InspectionRow; violation: ViolationRow }[K], 'id'>;

/** One object (`id`) or a keyset page (`after`, `limit`), ordered by id. */
type Pick1 = { id: string } | { after: string; limit: number };

const READERS: { [K in ActivityKind]: (db: Executor, p: Pick1) => Promise<(BeforeRow<K> & { id: string })[]> } = {
  task: (db, p) => {
    const q = db.selectFrom('tasks').select(['id', 'unit_id', 'status', 'original_due_at', 'due_at', 'completed_at', 'bounce_reasons']);
    return ('id' in p ? q.where('id', '=', p.id) : q.where('id', '>', p.after).orderBy('id').limit(p.limit)).execute();
  },
  complaint: (db, p) => {
    const q = db.selectFrom('complaints').select(['id', 'unit_id', 'kind', 'created_at', 'outcome', 'answered_at']);
    return ('id' in p ? q.where('id', '=', p.id) : q.where('id', '>', p.after).orderBy('id').limit(p.limit)).execute();
  },
  inspection: (db, p) => {
    const q = db.selectFrom('inspections').select(['id', 'target_unit_ids', 'status', 'concluded_at']);
    return ('id' in p ? q.where('id', '=', p.id) : q.where('id', '>', p.after).orderBy('id').limit(p.limit)).execute();
  },
  violation: (db, p) => {
    const q = db.selectFrom('violations').select(['id', 'unit_id', 'found_at']);
    return ('id' in p ? q.where('id', '=', p.id) : q.where('id', '>', p.after).orderBy('id').limit(p.limit)).execute();
  },
};

function factsOf<K extends ActivityKind>(kind: K, r: BeforeRow<K>): ActivityFacts {
  switch (kind) {
    case 'task': {
      const t = r as BeforeRow<'task'>;
      return { kind, facts: { unitId: t.unit_id, status: t.status, originalDueAt: t.original_due_at, dueAt: t.due_at, completedAt: t.completed_at, bounced: t.bounce_reasons.length > 0 } };
    }
    case 'complaint': {
      const c = r as BeforeRow<'complaint'>;
      return { kind, facts: { unitId: c.unit_id, kind: c.kind, createdAt: c.created_at, outcome: c.outcome, answeredAt: c.answered_at } };
    }
    case 'inspection': {
      const i = r as BeforeRow<'inspection'>;
      return { kind, facts: { targetUnitIds: i.target_unit_ids, status: i.status, concludedAt: i.concluded_at } };
    }
    default: {
      const v = r as BeforeRow<'violation'>;
      return { kind: 'violation', facts: { unitId: v.unit_id, foundAt: v.found_at } };
    }
  }
}

async function readOne<K extends ActivityKind>(db: Executor, kind: K, id: string): Promise<BeforeRow<K> | undefined> {
  return (await READERS[kind](db, { id }))[0];
}

/**
 * Brings activity_daily in line with one object's change, in the writer's transaction: call it
 * after the write, with the row as it was before (null for a new object).
 */
export async function syncActivityRollup<K extends ActivityKind>(db: Executor, kind: K, id: string, before: BeforeRow<K> | null) {
  const after = await readOne(db, kind, id);
  const deltas = activityDelta(before ? factsOf(kind, before) : null, after ? factsOf(kind, after) : null);
  const rows = new Map<string, { unitId: string; day: string; fields: [ActivityField, number][] }>();
  for (const d of deltas) {
    const k = `${d.unitId}|${d.day}`;
    const row = rows.get(k) ?? { unitId: d.unitId, day: d.day, fields: [] };
    row.fields.push([d.field, d.delta]);
    rows.set(k, row);
  }
  for (const { unitId, day, fields } of rows.values()) {
    await db
      .insertInto('activity_daily')
      .values({ unit_id: unitId, day, ...Object.fromEntries(fields) })
      .onConflict((oc) => oc.columns(['unit_id', 'day']).doUpdateSet(Object.fromEntries(fields.map(([f, n]) => [f, sql`activity_daily.${sql.ref(f)} + ${n}`]))))
      .execute();
  }
}

/** Every object's contribution, summed: what activity_daily must hold. Keys `unit|day|field`. */
export async function recomputeActivityRollups(db: Executor, batch = 5000): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const kind of ['task', 'complaint', 'inspection', 'violation'] as const) {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: (BeforeRow<ActivityKind> & { id: string })[] = await READERS[kind](db, { after, limit: batch });
      if (rows.length === 0) break;
      for (const r of rows) for (const [k, n] of activityContribution(factsOf(kind, r as BeforeRow<typeof kind>))) totals.set(k, (totals.get(k) ?? 0) + n);
      after = rows.at(-1)!.id;
    }
  }
  return totals;
}

/** The stored figures as the same key → value map (zeros left out). */
export const storedActivityRollups = (db: Executor) => storedDaily(db, 'activity_daily', ACTIVITY_FIELDS);

/** Replaces activity_daily by the recomputation (the demo seed writes its history in bulk). */
export const rebuildActivityRollups = async (db: Executor) => replaceDaily(db, 'activity_daily', await recomputeActivityRollups(db));
