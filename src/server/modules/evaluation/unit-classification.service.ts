import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Level } from '../../../domain/evaluation/classification.ts';
import { regimeFor } from '../../../domain/evaluation/regimes.ts';
import { capExcellentUnits, proposeUnitLevel, type UnitProposal } from '../../../domain/evaluation/unit-classification.ts';
import type { Database } from '../../db/database.ts';
import { type Tx, audit, inTransaction } from '../../db/transaction.ts';
import { forbidden, invalid, notFound } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { requirePermission } from '../access/policy.ts';
import { escapeLike } from '../org/unit.store.ts';

type UnitLevel = Level | 'not_classified';

/**
 * Proposes each unit's level for the year and records it (council decisions already taken are
 * kept). Returns every unit's level in force (decided, else proposed) for capping its head.
 */
export async function classifyUnits(trx: Tx, ctx: RequestContext, path: string, year: number, members: readonly { unit_id: string; scores: number[] | null }[]) {
  const units = await trx.selectFrom('units').select(['id', 'parent_id', 'path', 'depth']).where('path', 'like', `${escapeLike(path)}%`).where('active', '=', true).execute();
  const yearStart = new Date(`${year}-01-01T00:00:00+07:00`);
  const yearEnd = new Date(`${year + 1}-01-01T00:00:00+07:00`);
  const until = ctx.now < yearEnd ? ctx.now : yearEnd;
  const { rows: tasks } = await sql<{ unit_id: string; due: number; done: number; on_time: number }>`
    select unit_id, count(*)::int as due, count(*) filter (where status = 'done')::int as done,
      count(*) filter (where status = 'done' and completed_at <= due_at)::int as on_time
    from tasks where status <> 'cancelled' and due_at >= ${yearStart} and due_at < ${until} and unit_path like ${`${escapeLike(path)}%`}
    group by unit_id`.execute(trx);
  const taskOf = new Map(tasks.map((t) => [t.unit_id, t]));
  const scoresOf = new Map<string, number[]>();
  for (const m of members) scoresOf.set(m.unit_id, [...(scoresOf.get(m.unit_id) ?? []), ...(m.scores ?? [])]);
  const regime = regimeFor('vien_chuc', `${year}-12-01`);
  const proposed = new Map<string, UnitProposal & { score: number | null; parentId: string | null; t: { due: number; done: number; on_time: number } }>();
  // Deepest first, so each unit sees its children's proposals.
  for (const u of [...units].sort((a, b) => b.depth - a.depth)) {
    const scores = scoresOf.get(u.id) ?? [];
    if (!scores.length) continue;
    const score = Math.round((scores.reduce((x, y) => x + y, 0) / scores.length) * 10) / 10;
    const t = taskOf.get(u.id) ?? { due: 0, done: 0, on_time: 0 };
    const childIncomplete = [...proposed.values()].some((c) => c.parentId === u.id && c.level === 'incomplete');
    proposed.set(u.id, { ...proposeUnitLevel({ unitId: u.id, score, tasksDue: t.due, tasksDone: t.done, tasksOnTime: t.on_time, childIncomplete }, regime), score, parentId: u.parent_id, t });
  }
  // The cap counts among the units rated by the same superior (siblings).
  const final = new Map<string, UnitProposal>();
  const parents = new Set([...proposed.values()].map((p) => p.parentId));
  for (const parent of parents) {
    const siblings = [...proposed.values()].filter((p) => p.parentId === parent);
    for (const p of capExcellentUnits(siblings, regime.excellentCap)) final.set(p.unitId, p);
  }
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  const levels = new Map<string, UnitLevel>();
  for (const [unitId, p] of final) {
    const src = proposed.get(unitId)!;
    const values = { score: src.score, tasks_due: src.t.due, tasks_done: src.t.done, tasks_on_time: src.t.on_time, proposed_level: p.level, reasons: JSON.stringify(p.reasons) };
    const row = await trx
      .insertInto('unit_classifications')
      .values({ id: randomUUID(), unit_id: unitId, unit_path: pathOf.get(unitId)!, year, created_at: ctx.now, ...values })
      .onConflict((oc) => oc.columns(['unit_id', 'year']).doUpdateSet(values).where('unit_classifications.decided_level', 'is', null))
      .returning(['decided_level', 'proposed_level'])
      .executeTakeFirst();
    const decided = row ? (row.decided_level ?? row.proposed_level) : (await trx.selectFrom('unit_classifications').select('decided_level').where('unit_id', '=', unitId).where('year', '=', year).executeTakeFirstOrThrow()).decided_level;
    levels.set(unitId, (decided ?? p.level) as UnitLevel);
  }
  return levels;
}

export async function listUnitClassifications(db: Database, prefix: string, year: number) {
  const rows = await db
    .selectFrom('unit_classifications as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.unit_id', 'u.code', 'u.name', 'u.depth', 'c.score', 'c.tasks_due', 'c.tasks_done', 'c.tasks_on_time', 'c.proposed_level', 'c.reasons', 'c.decided_level', 'c.decision_reason'])
    .where('c.year', '=', year)
    .where('c.unit_path', 'like', `${escapeLike(prefix)}%`)
    .orderBy('c.unit_path')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    code: r.code,
    name: r.name,
    depth: r.depth,
    score: r.score === null ? null : Number(r.score),
    tasks: { due: r.tasks_due, done: r.tasks_done, onTime: r.tasks_on_time },
    proposedLevel: r.proposed_level,
    reasons: r.reasons,
    decidedLevel: r.decided_level,
    decisionReason: r.decision_reason,
  }));
}

/** The council's decision on a unit; departing from the proposal needs its reason. */
export async function decideUnitClassification(db: Database, ctx: RequestContext, id: string, input: { level: UnitLevel; reason?: string | null }) {
  const prefix = requirePermission(ctx.actor, 'evaluation.manage');
  if (prefix !== '') throw forbidden('Quyết định xếp loại đơn vị do Hội đồng (lãnh đạo) thực hiện.');
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('unit_classifications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('Không tìm thấy đề xuất xếp loại đơn vị.');
    if (input.level !== row.proposed_level && !input.reason?.trim()) throw invalid([{ field: 'reason', message: 'Quyết định khác đề xuất phải ghi rõ lý do.' }]);
    await trx.updateTable('unit_classifications').set({ decided_level: input.level, decision_reason: input.reason ?? null, decided_by: ctx.actor.username, decided_at: ctx.now }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'unit_classification.decide', entityType: 'unit_classification', entityId: id, before: { proposed: row.proposed_level, decided: row.decided_level }, after: input });
    return { id, proposedLevel: row.proposed_level, decidedLevel: input.level };
  });
}
