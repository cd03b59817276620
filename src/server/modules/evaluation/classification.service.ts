import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { LEVEL_VI, type Level, type Proposal, applyExcellentCap, capHeadByUnit, proposeLevel } from '../../../domain/evaluation/classification.ts';
import { regimeFor } from '../../../domain/evaluation/regimes.ts';
import type { Database } from '../../db/database.ts';
import { audit, inTransaction } from '../../db/transaction.ts';
import { forbidden, invalid, notFound } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { requirePermission } from '../access/policy.ts';
import { escapeLike, unitPathInScope } from '../org/unit.store.ts';
import { classifyUnits, listUnitClassifications } from './unit-classification.service.ts';
import { repeatedlyLast } from '../../../domain/evaluation/month-steps.ts';

const levelLabel = (l: string) => (l === 'not_classified' ? 'Không xếp loại' : LEVEL_VI[l as Level]);

/**
 * Proposes each official's level for the year from the closed monthly scores and the legal
 * conditions: fewer than 6 months → not classified; discipline for a duty violation this year →
 * "không hoàn thành"; the "xuất sắc" cap per unit and task group (leaders, staff); a head not above
 * the unit. Council decisions already recorded are kept.
 */
export async function proposeYear(db: Database, ctx: RequestContext, input: { year: number; unitId?: string }) {
  const prefix = requirePermission(ctx.actor, 'evaluation.manage');
  return inTransaction(db, async (trx) => {
    let path = prefix;
    if (input.unitId) {
      path = await unitPathInScope(trx, input.unitId, prefix);
    }
    const { rows } = await sql<{ id: string; unit_id: string; unit_path: string; is_head: boolean; employment_type: 'cong_chuc' | 'vien_chuc' | 'hop_dong'; scores: number[] | null; months: number; disciplined: number }>`
      select o.id, o.unit_id, u.path as unit_path, o.is_head, o.employment_type,
        array_agg(s.final_score::float order by s.month) filter (where s.status = 'closed') as scores,
        count(distinct s.month)::int as months,
        (select count(*)::int from discipline_records d where d.official_id = o.id and d.duty_related and extract(year from d.decided_at at time zone 'Asia/Ho_Chi_Minh') = ${input.year}) as disciplined
      from officials o
      join units u on u.id = o.unit_id
      left join scorecards s on s.official_id = o.id and s.month like ${`${input.year}-%`}
      where o.active and u.path like ${`${escapeLike(path)}%`}
      group by o.id, o.unit_id, u.path, o.is_head, o.employment_type
    `.execute(trx);
    const regimeOf = (kind: 'cong_chuc' | 'vien_chuc' | 'hop_dong') => regimeFor(kind, `${input.year}-12-01`);
    // Units first (Decree 233 Art. 15: a unit is rated before its people): the members' mean, the
    // year's tasks due so far, bottom-up so a parent knows whether a child "không hoàn thành".
    const unitLevelOf = await classifyUnits(trx, ctx, path, input.year, rows);
    const unitLevel = (unitId: string): Level | null => {
      const l = unitLevelOf.get(unitId);
      return l && l !== 'not_classified' ? l : null;
    };
    const proposals: (Proposal & { taskGroup: string; unitId: string; unitPath: string; isHead: boolean; kind: 'cong_chuc' | 'vien_chuc' | 'hop_dong' })[] = rows.map((r) => ({
      ...proposeLevel(
        { officialId: r.id, monthlyScores: r.scores ?? [], monthsWorked: r.months, isHead: r.is_head, taskGroup: `${r.unit_id}|${r.is_head ? 'lead' : 'staff'}`, triggers: { degradation: false, disciplinedForDuty: r.disciplined > 0, unitCorruptionUnderCharge: false } },
        regimeOf(r.employment_type),
      ),
      taskGroup: `${r.unit_id}|${r.is_head ? 'lead' : 'staff'}`,
      unitId: r.unit_id,
      unitPath: r.unit_path,
      isHead: r.is_head,
      kind: r.employment_type,
    }));
    const final: typeof proposals = [];
    for (const unitId of new Set(proposals.map((p) => p.unitId))) {
      const members = proposals.filter((p) => p.unitId === unitId);
      const ul = unitLevel(unitId);
      const capped = applyExcellentCap(members, regimeOf(members[0]!.kind), ul === 'excellent');
      for (const [i, p] of capped.entries()) {
        const m = members[i]!;
        let level = p.level;
        const reasons = [...p.reasons];
        if (m.isHead) {
          const headCap = capHeadByUnit(level, ul, regimeOf(m.kind));
          if (headCap.capped) reasons.push(`Người đứng đầu không xếp cao hơn đơn vị (${levelLabel(ul!)})`);
          level = headCap.level;
        }
        final.push({ ...m, level, reasons });
      }
    }
    let written = 0;
    for (const p of final) {
      const values = { regime: regimeOf(p.kind).id, average: p.average, proposed_level: p.level, reasons: JSON.stringify(p.reasons) };
      const result = await trx
        .insertInto('classifications')
        .values({ id: randomUUID(), official_id: p.officialId, unit_id: p.unitId, unit_path: p.unitPath, year: input.year, created_at: ctx.now, ...values })
        .onConflict((oc) => oc.columns(['official_id', 'year']).doUpdateSet(values).where('classifications.decided_level', 'is', null))
        .executeTakeFirst();
      written += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    await audit(trx, ctx, { action: 'classification.propose', entityType: 'classification_year', entityId: String(input.year), after: { path: path || '(toàn tỉnh)', proposals: final.length, written } });
    return { year: input.year, proposals: final.length, written };
  });
}

export async function listClassifications(db: Database, ctx: RequestContext, q: { year: number; unitId?: string }) {
  const prefix = requirePermission(ctx.actor, 'evaluation.read');
  let path = prefix;
  if (q.unitId) {
    path = await unitPathInScope(db, q.unitId, prefix);
  }
  const rows = await db
    .selectFrom('classifications as c')
    .innerJoin('officials as o', 'o.id', 'c.official_id')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.official_id', 'o.full_name', 'u.name as unit_name', 'o.is_head', 'c.average', 'c.proposed_level', 'c.reasons', 'c.decided_level', 'c.decision_reason', 'c.regime'])
    .where('c.year', '=', q.year)
    .where('c.unit_path', 'like', `${escapeLike(path)}%`)
    .orderBy('u.name')
    .orderBy('o.sort_key')
    .limit(5000)
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    officialId: r.official_id,
    fullName: r.full_name,
    unitName: r.unit_name,
    isHead: r.is_head,
    regime: r.regime,
    average: r.average === null ? null : Number(r.average),
    proposedLevel: r.proposed_level,
    proposedLabel: levelLabel(r.proposed_level),
    reasons: r.reasons,
    decidedLevel: r.decided_level,
    decisionReason: r.decision_reason,
  }));
  const counts = Object.fromEntries(['excellent', 'good', 'complete', 'incomplete', 'not_classified'].map((l) => [l, items.filter((i) => (i.decidedLevel ?? i.proposedLevel) === l).length]));
  // "Thay thế, điều chuyển": officials who did not complete their tasks, or came last in their unit
  // in three or more closed months of the year.
  const monthly = await db
    .selectFrom('scorecards')
    .select(['month', 'unit_id as unitId', 'official_id as officialId', 'final_score'])
    .where('status', '=', 'closed')
    .where('month', 'like', `${q.year}-%`)
    .where('unit_path', 'like', `${escapeLike(path)}%`)
    .execute();
  const last = new Map(repeatedlyLast(monthly.map((m) => ({ ...m, score: Number(m.final_score) }))).map((l) => [l.officialId, l.months]));
  const toReview = items
    .map((i) => {
      const reasons: string[] = [];
      if ((i.decidedLevel ?? i.proposedLevel) === 'incomplete') reasons.push('Không hoàn thành nhiệm vụ');
      const months = last.get(i.officialId);
      if (months) reasons.push(`Đứng cuối đơn vị, thấp hơn trung vị từ 8 điểm, ${months.length} tháng (${months.map((m) => `${m.slice(5)}/${m.slice(0, 4)}`).join(', ')})`);
      return { ...i, reviewReasons: reasons };
    })
    .filter((i) => i.reviewReasons.length > 0);
  return { year: q.year, counts, toReview, items, units: await listUnitClassifications(db, path, q.year) };
}

/** The council's decision; departing from the proposal needs its reason on record. */
export async function decideClassification(db: Database, ctx: RequestContext, id: string, input: { level: Level | 'not_classified'; reason?: string | null }) {
  const prefix = requirePermission(ctx.actor, 'evaluation.manage');
  if (prefix !== '') throw forbidden('Quyết định xếp loại do Hội đồng (lãnh đạo) thực hiện.');
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('classifications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('Không tìm thấy đề xuất xếp loại.');
    if (input.level !== row.proposed_level && !input.reason?.trim()) {
      throw invalid([{ field: 'reason', message: 'Quyết định khác đề xuất phải ghi rõ lý do.' }]);
    }
    await trx.updateTable('classifications').set({ decided_level: input.level, decision_reason: input.reason ?? null, decided_by: ctx.actor.username, decided_at: ctx.now }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'classification.decide', entityType: 'classification', entityId: id, before: { proposed: row.proposed_level, decided: row.decided_level }, after: input });
    return { id, proposedLevel: row.proposed_level, decidedLevel: input.level };
  });
}
