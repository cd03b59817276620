import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { type AnswerResult, INSPECTION_STATUS_VI, type InspectionAction, checklistProblems, nextInspectionStatus } from '../../../domain/oversight/inspections.ts';
import { rankTargets, type RiskSignals } from '../../../domain/oversight/risk.ts';
import type { Database } from '../../db/database.ts';
import type { ChecklistItem } from '../../db/schema.ts';
import { type Tx, audit, inTransaction } from '../../db/transaction.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/problem.ts';
import { type FileStorage, checkUpload } from '../../storage/file-storage.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission, scopePrefix } from '../access/policy.ts';
import type { Executor } from '../audit/audit.store.ts';
import { findOfficialById } from '../org/official.store.ts';
import { recordViolation } from './violation.service.ts';
import { syncActivityRollup } from '../metrics/activity-rollup.store.ts';
import { unitPathInScope } from '../org/unit.store.ts';

export interface NewInspection {
  title: string;
  surprise: boolean;
  planId?: string | null;
  leadId: string;
  teamIds: string[];
  targetUnitIds: string[];
  targetOfficialIds: string[];
  ruleIds: string[];
  scheduledAt: string;
}

export async function createPlan(db: Database, ctx: RequestContext, input: { year: number; kind: 'annual' | 'ad_hoc'; title: string }) {
  requirePermission(ctx.actor, 'inspections.manage');
  return inTransaction(db, async (trx) => {
    const id = randomUUID();
    await trx.insertInto('inspection_plans').values({ id, year: input.year, kind: input.kind, title: input.title, unit_id: ctx.actor.unitId, created_at: ctx.now, created_by: ctx.actor.username }).execute();
    await audit(trx, ctx, { action: 'inspection_plan.create', entityType: 'inspection_plan', entityId: id, after: input });
    return { id, ...input };
  });
}

export async function listPlans(db: Database, ctx: RequestContext, year: number) {
  requirePermission(ctx.actor, 'inspections.read');
  const plans = await db.selectFrom('inspection_plans').selectAll().where('year', '=', year).orderBy('created_at').execute();
  return { items: plans.map((p) => ({ id: p.id, year: p.year, kind: p.kind, title: p.title })) };
}

/** A team, a lead, targets (units and named heads) and a checklist built from rule versions. */
export async function createInspection(db: Database, ctx: RequestContext, input: NewInspection) {
  requirePermission(ctx.actor, 'inspections.manage');
  return inTransaction(db, async (trx) => {
    for (const [field, id] of [['leadId', input.leadId], ...input.teamIds.map((t, i) => [`teamIds.${i}`, t]), ...input.targetOfficialIds.map((t, i) => [`targetOfficialIds.${i}`, t])] as [string, string][]) {
      const o = await findOfficialById(trx, id);
      if (!o || !o.active) throw invalid([{ field, message: 'Cán bộ không tồn tại hoặc đã thôi công tác.' }]);
    }
    const units = await trx.selectFrom('units').select(['id']).where('id', 'in', input.targetUnitIds).where('active', '=', true).execute();
    if (units.length !== new Set(input.targetUnitIds).size) throw invalid([{ field: 'targetUnitIds', message: 'Có đơn vị được kiểm tra không tồn tại.' }]);
    const rules = await trx.selectFrom('rules').select(['id', 'code', 'title']).where('id', 'in', input.ruleIds).execute();
    if (rules.length !== new Set(input.ruleIds).size) throw invalid([{ field: 'ruleIds', message: 'Có quy tắc không tồn tại.' }]);
    if (input.planId && !(await trx.selectFrom('inspection_plans').select('id').where('id', '=', input.planId).executeTakeFirst())) {
      throw invalid([{ field: 'planId', message: 'Kế hoạch không tồn tại.' }]);
    }
    const checklist: ChecklistItem[] = input.ruleIds.map((id) => {
      const r = rules.find((x) => x.id === id)!;
      return { ruleId: r.id, ruleCode: r.code, text: r.title };
    });
    const id = randomUUID();
    await trx
      .insertInto('inspections')
      .values({
        id,
        plan_id: input.planId ?? null,
        surprise: input.surprise,
        title: input.title,
        status: 'planned',
        inspecting_unit_path: ctx.actor.unitPath,
        lead_official_id: input.leadId,
        team_official_ids: input.teamIds,
        target_unit_ids: [...new Set(input.targetUnitIds)],
        target_official_ids: input.targetOfficialIds,
        checklist: JSON.stringify(checklist),
        scheduled_at: new Date(input.scheduledAt),
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .execute();
    await audit(trx, ctx, { action: 'inspection.create', entityType: 'inspection', entityId: id, after: { title: input.title, surprise: input.surprise, targets: input.targetUnitIds, leadId: input.leadId } });
    return getInspectionTx(trx, ctx, id);
  });
}

/** Readable by inspectors (all), leaders (all) and heads of the inspected units. */
async function getInspectionTx(db: Executor, ctx: RequestContext, id: string) {
  const prefix = requirePermission(ctx.actor, 'inspections.read');
  const row = await db.selectFrom('inspections').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Không tìm thấy cuộc kiểm tra.');
  const targets = await db.selectFrom('units').select(['id', 'name', 'path']).where('id', 'in', row.target_unit_ids).execute();
  if (prefix !== '' && !targets.some((t) => pathInScope(t.path, prefix))) throw notFound('Không tìm thấy cuộc kiểm tra.');
  // A surprise inspection stays unknown to those inspected until it starts.
  if (row.surprise && row.status === 'planned' && scopePrefix(ctx.actor, 'inspections.manage') === null) throw notFound('Không tìm thấy cuộc kiểm tra.');
  const people = await db
    .selectFrom('officials as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .select(['o.id', 'o.full_name', 'u.path'])
    .where('o.id', 'in', [row.lead_official_id, ...row.team_official_ids, ...row.target_official_ids])
    .execute();
  const name = (oid: string) => people.find((p) => p.id === oid)?.full_name ?? '';
  // Inspected together with other units, a unit's readers see its own part only: not the others'
  // answers, findings or named officials.
  const ownPart = (unitId: string | null) => unitId === null || targets.some((t) => t.id === unitId && pathInScope(t.path, prefix));
  const [answers, findings, files] = await Promise.all([
    db.selectFrom('inspection_answers').selectAll().where('inspection_id', '=', id).execute().then((rows) => rows.filter((a) => ownPart(a.target_unit_id))),
    db.selectFrom('inspection_findings').selectAll().where('inspection_id', '=', id).orderBy('created_at').execute().then((rows) => rows.filter((f) => ownPart(f.target_unit_id))),
    db.selectFrom('inspection_files').select(['id', 'name', 'mime', 'size', 'created_at']).where('inspection_id', '=', id).orderBy('created_at').execute(),
  ]);
  return {
    id: row.id,
    no: row.no,
    title: row.title,
    surprise: row.surprise,
    planId: row.plan_id,
    status: row.status,
    statusLabel: INSPECTION_STATUS_VI[row.status],
    lead: { id: row.lead_official_id, fullName: name(row.lead_official_id) },
    team: row.team_official_ids.map((t) => ({ id: t, fullName: name(t) })),
    targets: targets.map((t) => ({ id: t.id, name: t.name })),
    targetOfficials: row.target_official_ids.filter((t) => pathInScope(people.find((p) => p.id === t)?.path ?? '', prefix)).map((t) => ({ id: t, fullName: name(t) })),
    checklist: row.checklist,
    scheduledAt: row.scheduled_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    signedOffAt: row.signed_off_at?.toISOString() ?? null,
    concludedAt: row.concluded_at?.toISOString() ?? null,
    conclusion: row.conclusion,
    answers: answers.map((a) => ({ targetUnitId: a.target_unit_id, itemIndex: a.item_index, result: a.result, note: a.note, photoIds: a.photo_ids, answeredBy: a.answered_by, answeredAt: a.answered_at.toISOString() })),
    findings: findings.map((f) => ({ id: f.id, targetUnitId: f.target_unit_id, text: f.text, createdBy: f.created_by, createdAt: f.created_at.toISOString() })),
    photos: files.map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size, createdAt: f.created_at.toISOString() })),
  };
}

export async function getInspection(db: Database, ctx: RequestContext, id: string) {
  return getInspectionTx(db, ctx, id);
}

export async function listInspections(db: Database, ctx: RequestContext, q: { from?: string; to?: string; status?: string; unitId?: string; basis?: 'scheduled' | 'concluded' }) {
  let prefix = requirePermission(ctx.actor, 'inspections.read');
  // unitId: inspections of that unit's subtree (metrics drill-down); basis: which date from/to apply to.
  if (q.unitId) prefix = await unitPathInScope(db, q.unitId, prefix);
  const at = q.basis === 'concluded' ? 'concluded_at' : 'scheduled_at';
  let query = db.selectFrom('inspections').selectAll().orderBy('scheduled_at', 'desc').limit(500);
  if (q.from) query = query.where(at, '>=', new Date(`${q.from}T00:00:00+07:00`));
  if (q.to) query = query.where(at, '<', new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86_400_000));
  if (q.status) query = query.where('status', '=', q.status as 'planned');
  const rows = await query.execute();
  const unitIds = [...new Set(rows.flatMap((r) => r.target_unit_ids))];
  const units = unitIds.length ? await db.selectFrom('units').select(['id', 'name', 'path']).where('id', 'in', unitIds).execute() : [];
  return {
    items: rows
      .map((r) => ({ row: r, targets: units.filter((u) => r.target_unit_ids.includes(u.id)) }))
      .filter(({ targets }) => prefix === '' || targets.some((t) => pathInScope(t.path, prefix)))
      .filter(({ row }) => !(row.surprise && row.status === 'planned') || scopePrefix(ctx.actor, 'inspections.manage') !== null)
      .map(({ row, targets }) => ({
        id: row.id,
        no: row.no,
        title: row.title,
        surprise: row.surprise,
        status: row.status,
        statusLabel: INSPECTION_STATUS_VI[row.status],
        scheduledAt: row.scheduled_at.toISOString(),
        targets: targets.map((t) => ({ id: t.id, name: t.name })),
      })),
  };
}

async function lockForTeam(trx: Tx, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'inspections.manage');
  const row = await trx.selectFrom('inspections').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('Không tìm thấy cuộc kiểm tra.');
  return row;
}

const isTeam = (ctx: RequestContext, row: { lead_official_id: string; team_official_ids: string[] }) =>
  !!ctx.actor.officialId && (row.lead_official_id === ctx.actor.officialId || row.team_official_ids.includes(ctx.actor.officialId));

/** On site: one checklist item for one target unit (pass / fail / not applicable, a note, photos). */
export async function answerItem(db: Database, ctx: RequestContext, id: string, input: { targetUnitId: string; itemIndex: number; result: AnswerResult; note?: string | null; photoIds?: string[] }) {
  return inTransaction(db, async (trx) => {
    const row = await lockForTeam(trx, ctx, id);
    if (!isTeam(ctx, row)) throw forbidden('Chỉ thành viên đoàn kiểm tra ghi kết quả.');
    if (row.status !== 'in_progress') throw new AppError(409, 'INVALID_TRANSITION', 'Chỉ ghi kết quả khi cuộc kiểm tra đang diễn ra.');
    if (!row.target_unit_ids.includes(input.targetUnitId)) throw invalid([{ field: 'targetUnitId', message: 'Đơn vị này không thuộc đối tượng kiểm tra.' }]);
    if (input.itemIndex >= row.checklist.length) throw invalid([{ field: 'itemIndex', message: 'Không có mục này trong danh mục kiểm tra.' }]);
    if (input.result === 'fail' && !input.note?.trim()) throw invalid([{ field: 'note', message: 'Mục không đạt phải ghi rõ điều quan sát được.' }]);
    const values = { result: input.result, note: input.note ?? null, photo_ids: input.photoIds ?? [], answered_by: ctx.actor.username, answered_at: ctx.now };
    await trx
      .insertInto('inspection_answers')
      .values({ inspection_id: id, target_unit_id: input.targetUnitId, item_index: input.itemIndex, ...values })
      .onConflict((oc) => oc.columns(['inspection_id', 'target_unit_id', 'item_index']).doUpdateSet(values))
      .execute();
    await audit(trx, ctx, { action: 'inspection.answer', entityType: 'inspection', entityId: id, after: { targetUnitId: input.targetUnitId, itemIndex: input.itemIndex, result: input.result } });
    return getInspectionTx(trx, ctx, id);
  });
}

export async function addFinding(db: Database, ctx: RequestContext, id: string, input: { text: string; targetUnitId?: string | null }) {
  return inTransaction(db, async (trx) => {
    const row = await lockForTeam(trx, ctx, id);
    if (!isTeam(ctx, row)) throw forbidden('Chỉ thành viên đoàn kiểm tra ghi phát hiện.');
    if (row.status !== 'in_progress') throw new AppError(409, 'INVALID_TRANSITION', 'Chỉ ghi phát hiện khi cuộc kiểm tra đang diễn ra.');
    await trx.insertInto('inspection_findings').values({ id: randomUUID(), inspection_id: id, target_unit_id: input.targetUnitId ?? null, text: input.text, created_by: ctx.actor.username, created_at: ctx.now }).execute();
    await audit(trx, ctx, { action: 'inspection.finding', entityType: 'inspection', entityId: id, after: input });
    return getInspectionTx(trx, ctx, id);
  });
}

export async function attachPhoto(db: Database, storage: FileStorage, ctx: RequestContext, id: string, name: string, data: Buffer) {
  const { mime, size, sha256 } = checkUpload(data);
  const fileId = randomUUID();
  const key = `inspections/${id.slice(0, 2)}/${id}/${fileId}`;
  await inTransaction(db, async (trx) => {
    const row = await lockForTeam(trx, ctx, id);
    if (!isTeam(ctx, row)) throw forbidden('Chỉ thành viên đoàn kiểm tra nộp ảnh minh chứng.');
    await storage.put(key, data);
    await trx.insertInto('inspection_files').values({ id: fileId, inspection_id: id, name, storage_key: key, mime, size, sha256, created_at: ctx.now, created_by: ctx.actor.username }).execute();
    await audit(trx, ctx, { action: 'inspection.photo', entityType: 'inspection', entityId: id, after: { fileId, name, size } });
  });
  return { id: fileId, name, mime, size, createdAt: ctx.now.toISOString() };
}

export async function readPhoto(db: Database, storage: FileStorage, ctx: RequestContext, id: string, fileId: string) {
  await getInspectionTx(db, ctx, id);
  const file = await db.selectFrom('inspection_files').selectAll().where('inspection_id', '=', id).where('id', '=', fileId).executeTakeFirst();
  if (!file) throw notFound('Không tìm thấy tệp.');
  return { file, data: await storage.get(file.storage_key) };
}

/**
 * Start (the team is on site), sign off (the lead, with every item answered), conclude (the
 * conclusion text; violations found are recorded with it), or cancel.
 */
export async function transitionInspection(
  db: Database,
  ctx: RequestContext,
  id: string,
  input: { action: InspectionAction; conclusion?: string | null; violations?: { unitId: string; officialId?: string | null; ruleId: string; severity: 'minor' | 'moderate' | 'serious'; description: string }[] },
) {
  return inTransaction(db, async (trx) => {
    const row = await lockForTeam(trx, ctx, id);
    const next = nextInspectionStatus(row.status, input.action);
    if (!next) throw new AppError(409, 'INVALID_TRANSITION', 'Không thể thực hiện thao tác này ở trạng thái hiện tại của cuộc kiểm tra.');
    if ((input.action === 'sign_off' || input.action === 'conclude') && row.lead_official_id !== ctx.actor.officialId) {
      throw forbidden('Chỉ trưởng đoàn ký và kết luận.');
    }
    if (input.action === 'start' && !isTeam(ctx, row)) throw forbidden('Chỉ thành viên đoàn kiểm tra bắt đầu cuộc kiểm tra.');
    if (input.action === 'sign_off') {
      const answers = await trx.selectFrom('inspection_answers').select(['target_unit_id', 'item_index', 'result', 'note']).where('inspection_id', '=', id).execute();
      const problems = checklistProblems(
        row.checklist.length,
        row.target_unit_ids,
        answers.map((a) => ({ targetUnitId: a.target_unit_id, itemIndex: a.item_index, result: a.result, note: a.note })),
      );
      if (problems.length) throw new AppError(422, 'CHECKLIST_INCOMPLETE', 'Danh mục kiểm tra chưa hoàn thành.', problems);
    }
    if (input.action === 'conclude' && !input.conclusion?.trim()) throw invalid([{ field: 'conclusion', message: 'Phải có nội dung kết luận.' }]);
    const violationIds: string[] = [];
    for (const v of input.action === 'conclude' ? (input.violations ?? []) : []) {
      if (!row.target_unit_ids.includes(v.unitId)) throw invalid([{ field: 'violations', message: 'Vi phạm phải thuộc đơn vị được kiểm tra.' }]);
      violationIds.push(await recordViolation(trx, ctx, { ...v, inspectionId: id, complaintId: null }));
    }
    await trx
      .updateTable('inspections')
      .set({
        status: next,
        ...(input.action === 'start' ? { started_at: ctx.now } : {}),
        ...(input.action === 'sign_off' ? { signed_off_at: ctx.now } : {}),
        ...(input.action === 'conclude' ? { concluded_at: ctx.now, conclusion: input.conclusion ?? null } : {}),
        updated_at: ctx.now,
      })
      .where('id', '=', id)
      .execute();
    await syncActivityRollup(trx, 'inspection', id, row);
    await audit(trx, ctx, { action: `inspection.${input.action}`, entityType: 'inspection', entityId: id, before: { status: row.status }, after: { status: next, violationIds } });
    return getInspectionTx(trx, ctx, id);
  });
}

/**
 * Whom to inspect next by surprise: departments and communes scored from their last 180 days
 * (late dossiers, dissatisfied ratings, complaints and upheld ones), a year of violations and the
 * time since they were last inspected, plus a cryptographic random part.
 */
export async function suggestTargets(db: Database, ctx: RequestContext, limit = 10) {
  requirePermission(ctx.actor, 'inspections.manage');
  const since = new Date(ctx.now.getTime() - 180 * 86_400_000);
  const yearAgo = new Date(ctx.now.getTime() - 365 * 86_400_000);
  const { rows } = await sql<{
    id: string;
    name: string;
    finished: number;
    late: number;
    rated: number;
    dissatisfied: number;
    complaints: number;
    upheld: number;
    violations: number;
    last_inspected: Date | null;
  }>`
    with targets as (select id, name, path from units where active and kind in ('department','commune','center') and depth = 1)
    select t.id, t.name,
      (select count(*)::int from dossiers d where d.unit_path like t.path || '%' and d.status in ('result_ready','returned') and d.finished_at >= ${since}) as finished,
      (select count(*)::int from dossiers d where d.unit_path like t.path || '%' and d.status in ('result_ready','returned') and d.finished_at >= ${since} and d.finished_at > d.legal_due_at) as late,
      (select count(*)::int from dossier_ratings r join dossiers d on d.id = r.dossier_id where d.unit_path like t.path || '%' and r.at >= ${since}) as rated,
      (select count(*)::int from dossier_ratings r join dossiers d on d.id = r.dossier_id where d.unit_path like t.path || '%' and r.at >= ${since} and r.level = 'dissatisfied') as dissatisfied,
      (select count(*)::int from complaints c where c.unit_path like t.path || '%' and c.created_at >= ${since} and c.kind <> 'praise') as complaints,
      (select count(*)::int from complaints c where c.unit_path like t.path || '%' and c.created_at >= ${since} and c.outcome = 'upheld') as upheld,
      (select count(*)::int from violations v where v.unit_path like t.path || '%' and v.found_at >= ${yearAgo}) as violations,
      (select max(coalesce(i.started_at, i.scheduled_at)) from inspections i where t.id = any(i.target_unit_ids) and i.status in ('in_progress','signed_off','concluded')) as last_inspected
    from targets t
  `.execute(db);
  const signals: RiskSignals[] = rows.map((r) => ({
    unitId: r.id,
    lateRate: r.finished > 0 ? r.late / r.finished : null,
    dissatisfiedRate: r.rated > 0 ? r.dissatisfied / r.rated : null,
    complaints: r.complaints,
    upheldComplaints: r.upheld,
    violations: r.violations,
    daysSinceInspection: r.last_inspected ? Math.floor((ctx.now.getTime() - new Date(r.last_inspected).getTime()) / 86_400_000) : null,
  }));
  const ranked = rankTargets(signals, () => randomInt(0, 2 ** 32) / 2 ** 32, limit);
  return { items: ranked.map((r) => ({ ...r, unitName: rows.find((x) => x.id === r.unitId)!.name })) };
}
