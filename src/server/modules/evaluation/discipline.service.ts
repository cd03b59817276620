import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { disciplineRegime } from '../../../domain/evaluation/discipline.ts';
import type { Database } from '../../db/database.ts';
import type { DisciplineRecordsTable } from '../../db/schema.ts';
import { audit, inTransaction } from '../../db/transaction.ts';
import { invalid, notFound } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission } from '../access/policy.ts';
import { findOfficialById } from '../org/official.store.ts';
import { escapeLike } from '../org/unit.store.ts';

type Form = DisciplineRecordsTable['form'];
/** The disciplinary forms (Decree 172/2025 for civil servants, 234/2026 for public employees). */
export const DISCIPLINE_FORM_VI: Record<Form, string> = {
  reprimand: 'Khiển trách',
  warning: 'Cảnh cáo',
  demotion: 'Hạ bậc lương',
  removal: 'Cách chức',
  forced_resignation: 'Buộc thôi việc',
  dismissal: 'Bãi nhiệm',
};

/** Records a discipline decision; one for a duty-related violation forces "không hoàn thành" that year. */
export async function recordDiscipline(
  db: Database,
  ctx: RequestContext,
  input: { officialId: string; form: Form; violationId?: string | null; dutyRelated: boolean; decisionNo: string; decidedAt: string; reason: string },
) {
  const prefix = requirePermission(ctx.actor, 'evaluation.manage');
  return inTransaction(db, async (trx) => {
    const official = await findOfficialById(trx, input.officialId);
    if (!official || !pathInScope(official.unit_path, prefix)) throw invalid([{ field: 'officialId', message: 'Cán bộ không tồn tại hoặc ngoài phạm vi.' }]);
    if (input.violationId && !(await trx.selectFrom('violations').select('id').where('id', '=', input.violationId).where('official_id', '=', input.officialId).executeTakeFirst())) {
      throw invalid([{ field: 'violationId', message: 'Vi phạm không tồn tại hoặc không thuộc cán bộ này.' }]);
    }
    const decidedAt = new Date(`${input.decidedAt}T09:00:00+07:00`);
    const regime = disciplineRegime(official.employment_type, input.decidedAt);
    const id = randomUUID();
    await trx
      .insertInto('discipline_records')
      .values({ id, official_id: official.id, unit_path: official.unit_path, form: input.form, regime, violation_id: input.violationId ?? null, duty_related: input.dutyRelated, decision_no: input.decisionNo, decided_at: decidedAt, reason: input.reason, created_by: ctx.actor.username, created_at: ctx.now })
      .execute();
    await audit(trx, ctx, { action: 'discipline.record', entityType: 'discipline', entityId: id, after: { ...input, regime } });
    return { id, regime, formLabel: DISCIPLINE_FORM_VI[input.form] };
  });
}

export async function listDiscipline(db: Database, ctx: RequestContext, year: number) {
  const prefix = requirePermission(ctx.actor, 'evaluation.read');
  const rows = await db
    .selectFrom('discipline_records as d')
    .innerJoin('officials as o', 'o.id', 'd.official_id')
    .select(['d.id', 'o.full_name', 'd.form', 'd.regime', 'd.duty_related', 'd.decision_no', 'd.decided_at', 'd.reason', 'd.violation_id'])
    .where('d.unit_path', 'like', `${escapeLike(prefix)}%`)
    .where(sql<boolean>`extract(year from d.decided_at at time zone 'Asia/Ho_Chi_Minh') = ${year}`)
    .orderBy('d.decided_at', 'desc')
    .execute();
  return { items: rows.map((r) => ({ id: r.id, fullName: r.full_name, form: r.form, formLabel: DISCIPLINE_FORM_VI[r.form], regime: r.regime, dutyRelated: r.duty_related, decisionNo: r.decision_no, decidedAt: r.decided_at.toISOString(), reason: r.reason, violationId: r.violation_id })) };
}

/**
 * Commendation proposals built from evidence — "đúng người, đúng việc": a year average of 90 or
 * more with no violation, hard tasks delivered, citizens' praise — with the evidence attached.
 */
export async function proposeCommendations(db: Database, ctx: RequestContext, input: { year: number }) {
  const prefix = requirePermission(ctx.actor, 'evaluation.manage');
  return inTransaction(db, async (trx) => {
    const like = `${escapeLike(prefix)}%`;
    const { rows } = await sql<{ id: string; unit_id: string; unit_path: string; full_name: string; average: number; delivered: number; violations: number; level: string | null }>`
      select o.id, o.unit_id, u.path as unit_path, o.full_name,
        avg(s.final_score)::float as average,
        (select count(*)::int from commitments c join tasks t on t.id = c.task_id where c.official_id = o.id and c.kind = 'hard_task' and c.year = ${input.year} and t.status = 'done') as delivered,
        (select count(*)::int from violations v where v.official_id = o.id and extract(year from v.found_at at time zone 'Asia/Ho_Chi_Minh') = ${input.year})
          + (select count(*)::int from discipline_records d where d.official_id = o.id and extract(year from d.decided_at at time zone 'Asia/Ho_Chi_Minh') = ${input.year}) as violations,
        (select coalesce(c.decided_level, c.proposed_level) from classifications c where c.official_id = o.id and c.year = ${input.year}) as level
      from officials o join units u on u.id = o.unit_id
      join scorecards s on s.official_id = o.id and s.status = 'closed' and s.month like ${`${input.year}-%`}
      where o.active and u.path like ${like}
      group by o.id, o.unit_id, u.path, o.full_name
      having avg(s.final_score) >= 90
    `.execute(trx);
    const existing = new Set((await trx.selectFrom('commendations').select('official_id').where('year', '=', input.year).execute()).map((c) => c.official_id));
    let created = 0;
    // "Đúng người": no violation or discipline this year, and, once the year is classified, only
    // those whose level in force is "xuất sắc" (so the cap on "xuất sắc" also bounds commendations).
    for (const r of rows.filter((x) => x.violations === 0 && (x.level === null || x.level === 'excellent') && !existing.has(x.id))) {
      await trx
        .insertInto('commendations')
        .values({ id: randomUUID(), year: input.year, official_id: r.id, unit_id: r.unit_id, unit_path: r.unit_path, title: `Đề nghị khen thưởng ${r.full_name}`, evidence: JSON.stringify({ averageScore: Math.round(r.average * 10) / 10, hardTasksDelivered: r.delivered, violations: 0 }), status: 'proposed', created_by: ctx.actor.username, created_at: ctx.now })
        .execute();
      created++;
    }
    await audit(trx, ctx, { action: 'commendation.propose', entityType: 'commendation_year', entityId: String(input.year), after: { created } });
    return { year: input.year, created };
  });
}

export async function listCommendations(db: Database, ctx: RequestContext, year: number) {
  const prefix = requirePermission(ctx.actor, 'evaluation.read');
  const rows = await db
    .selectFrom('commendations as c')
    .leftJoin('officials as o', 'o.id', 'c.official_id')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.official_id', 'c.title', 'c.status', 'c.evidence', 'c.decision_no', 'o.full_name', 'u.name as unit_name'])
    .where('c.year', '=', year)
    .where('c.unit_path', 'like', `${escapeLike(prefix)}%`)
    .orderBy('u.name')
    .execute();
  return { items: rows.map((r) => ({ id: r.id, officialId: r.official_id, title: r.title, status: r.status, evidence: r.evidence, decisionNo: r.decision_no, fullName: r.full_name, unitName: r.unit_name })) };
}

export async function decideCommendation(db: Database, ctx: RequestContext, id: string, input: { approve: boolean; decisionNo?: string | null }) {
  const prefix = requirePermission(ctx.actor, 'evaluation.manage');
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('commendations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row || !pathInScope(row.unit_path, prefix)) throw notFound('Không tìm thấy đề nghị khen thưởng.');
    if (input.approve && !input.decisionNo?.trim()) throw invalid([{ field: 'decisionNo', message: 'Ghi số quyết định khen thưởng.' }]);
    await trx.updateTable('commendations').set({ status: input.approve ? 'approved' : 'rejected', decision_no: input.decisionNo ?? null, decided_at: ctx.now }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'commendation.decide', entityType: 'commendation', entityId: id, after: input });
    return { id, status: input.approve ? 'approved' : 'rejected' };
  });
}
