import { randomUUID } from 'node:crypto';
import { remediationOverdue } from '../../../domain/oversight/inspections.ts';
import type { Database } from '../../db/database.ts';
import { type Tx, audit, inTransaction } from '../../db/transaction.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission, scopePrefix } from '../access/policy.ts';
import type { Executor } from '../audit/audit.store.ts';
import { findOfficialById } from '../org/official.store.ts';
import { escapeLike } from '../org/unit.store.ts';
import { unitPathInScope } from '../org/unit.store.ts';
import { syncActivityRollup } from '../metrics/activity-rollup.store.ts';

export interface NewViolation {
  unitId: string;
  officialId?: string | null;
  ruleId: string;
  severity: 'minor' | 'moderate' | 'serious';
  description: string;
  inspectionId: string | null;
  complaintId: string | null;
  evidenceFileIds?: string[];
}

/** Records a violation against a unit and, when known, a person, citing the rule version it broke. */
export async function recordViolation(trx: Tx, ctx: RequestContext, v: NewViolation): Promise<string> {
  const unit = await trx.selectFrom('units').select(['id', 'path']).where('id', '=', v.unitId).executeTakeFirst();
  if (!unit) throw invalid([{ field: 'unitId', message: 'Đơn vị không tồn tại.' }]);
  const rule = await trx.selectFrom('rules').select('id').where('id', '=', v.ruleId).executeTakeFirst();
  if (!rule) throw invalid([{ field: 'ruleId', message: 'Không có quy tắc này.' }]);
  if (v.officialId) {
    const official = await findOfficialById(trx, v.officialId);
    if (!official) throw invalid([{ field: 'officialId', message: 'Cán bộ không tồn tại.' }]);
  }
  const id = randomUUID();
  await trx
    .insertInto('violations')
    .values({
      id,
      inspection_id: v.inspectionId,
      complaint_id: v.complaintId,
      official_id: v.officialId ?? null,
      unit_id: unit.id,
      unit_path: unit.path,
      rule_id: v.ruleId,
      severity: v.severity,
      description: v.description,
      evidence_file_ids: v.evidenceFileIds ?? [],
      found_at: ctx.now,
      status: 'open',
      created_by: ctx.actor.username,
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .execute();
  await syncActivityRollup(trx, 'violation', id, null);
  await audit(trx, ctx, { action: 'violation.record', entityType: 'violation', entityId: id, after: { unitId: unit.id, officialId: v.officialId ?? null, ruleId: v.ruleId, severity: v.severity, inspectionId: v.inspectionId, complaintId: v.complaintId } });
  return id;
}

const violationRows = (db: Executor) =>
  db
    .selectFrom('violations as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .innerJoin('rules as r', 'r.id', 'v.rule_id')
    .leftJoin('officials as o', 'o.id', 'v.official_id')
    .selectAll('v')
    .select(['u.name as unit_name', 'r.code as rule_code', 'r.title as rule_title', 'r.version as rule_version', 'o.full_name as official_name']);

export async function listViolations(db: Database, ctx: RequestContext, q: { status?: string; unitId?: string; from?: string; to?: string; limit: number }) {
  const prefix = requirePermission(ctx.actor, 'inspections.read');
  let path = prefix;
  if (q.unitId) {
    path = await unitPathInScope(db, q.unitId, prefix);
  }
  let query = violationRows(db).orderBy('v.found_at', 'desc').limit(q.limit);
  if (path) query = query.where('v.unit_path', 'like', `${escapeLike(path)}%`);
  if (q.status) query = query.where('v.status', '=', q.status as 'open');
  // Found in [from, to] (Vietnamese dates): the metrics drill-down.
  if (q.from) query = query.where('v.found_at', '>=', new Date(`${q.from}T00:00:00+07:00`));
  if (q.to) query = query.where('v.found_at', '<', new Date(Date.parse(`${q.to}T00:00:00+07:00`) + 86_400_000));
  const rows = await query.execute();
  const remediations = rows.length
    ? await db
        .selectFrom('remediations as m')
        .innerJoin('officials as o', 'o.id', 'm.owner_official_id')
        .selectAll('m')
        .select('o.full_name as owner_name')
        .where('m.violation_id', 'in', rows.map((r) => r.id))
        .orderBy('m.created_at')
        .execute()
    : [];
  return {
    items: rows.map((r) => ({
      id: r.id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      officialId: r.official_id,
      officialName: r.official_name,
      rule: { id: r.rule_id, code: r.rule_code, title: r.rule_title, version: r.rule_version },
      severity: r.severity,
      description: r.description,
      foundAt: r.found_at.toISOString(),
      status: r.status,
      inspectionId: r.inspection_id,
      complaintId: r.complaint_id,
      remediations: remediations
        .filter((m) => m.violation_id === r.id)
        .map((m) => ({
          id: m.id,
          action: m.action,
          ownerId: m.owner_official_id,
          ownerName: m.owner_name,
          dueAt: m.due_at.toISOString(),
          status: m.status,
          doneAt: m.done_at?.toISOString() ?? null,
          verifiedAt: m.verified_at?.toISOString() ?? null,
          overdue: remediationOverdue({ status: m.status, dueAt: m.due_at, doneAt: m.done_at }, ctx.now),
        })),
    })),
  };
}

export async function createViolation(db: Database, ctx: RequestContext, v: Omit<NewViolation, 'complaintId'> & { inspectionId: string | null }) {
  requirePermission(ctx.actor, 'inspections.manage');
  return inTransaction(db, async (trx) => {
    // The body names the inspection: an unknown one is a field error, not a foreign-key failure (500).
    if (v.inspectionId && !(await trx.selectFrom('inspections').select('id').where('id', '=', v.inspectionId).executeTakeFirst())) {
      throw invalid([{ field: 'inspectionId', message: 'Không có cuộc kiểm tra này.' }]);
    }
    return recordViolation(trx, ctx, { ...v, complaintId: null });
  });
}

/** A remediation action with an owner and a deadline, followed until an inspector verifies it. */
export async function addRemediation(db: Database, ctx: RequestContext, violationId: string, input: { action: string; ownerId: string; dueAt: string }) {
  requirePermission(ctx.actor, 'inspections.manage');
  return inTransaction(db, async (trx) => {
    const v = await trx.selectFrom('violations').selectAll().where('id', '=', violationId).forUpdate().executeTakeFirst();
    if (!v) throw notFound('Không tìm thấy vi phạm.');
    if (v.status === 'closed') throw new AppError(409, 'VIOLATION_CLOSED', 'Vi phạm đã khép lại.');
    const owner = await findOfficialById(trx, input.ownerId);
    if (!owner || !owner.active) throw invalid([{ field: 'ownerId', message: 'Người chịu trách nhiệm khắc phục không tồn tại.' }]);
    const dueAt = new Date(input.dueAt);
    if (dueAt <= ctx.now) throw invalid([{ field: 'dueAt', message: 'Thời hạn khắc phục phải sau hôm nay.' }]);
    const id = randomUUID();
    await trx.insertInto('remediations').values({ id, violation_id: violationId, action: input.action, owner_official_id: owner.id, due_at: dueAt, status: 'open', created_at: ctx.now }).execute();
    await trx.updateTable('violations').set({ status: 'remediating', updated_at: ctx.now }).where('id', '=', violationId).execute();
    await audit(trx, ctx, { action: 'remediation.create', entityType: 'violation', entityId: violationId, after: { remediationId: id, ownerId: owner.id, dueAt: dueAt.toISOString(), action: input.action } });
    return { id };
  });
}

/** The owner reports it done; an inspector verifies it; when all are verified the violation closes. */
export async function progressRemediation(db: Database, ctx: RequestContext, remediationId: string, input: { step: 'done' | 'verify'; note: string }) {
  // Before the lookup, so that an existing remediation and a missing one answer alike.
  if (input.step === 'verify') requirePermission(ctx.actor, 'inspections.manage');
  return inTransaction(db, async (trx) => {
    const m = await trx.selectFrom('remediations').selectAll().where('id', '=', remediationId).forUpdate().executeTakeFirst();
    if (!m) throw notFound('Không tìm thấy biện pháp khắc phục.');
    const v = await trx.selectFrom('violations').select(['id', 'unit_path']).where('id', '=', m.violation_id).executeTakeFirstOrThrow();
    if (input.step === 'done') {
      if (ctx.actor.officialId !== m.owner_official_id) {
        const read = scopePrefix(ctx.actor, 'inspections.read');
        if (read === null || !pathInScope(v.unit_path, read)) throw notFound('Không tìm thấy biện pháp khắc phục.');
        throw forbidden('Chỉ người chịu trách nhiệm khắc phục báo cáo hoàn thành.');
      }
      if (m.status !== 'open') throw new AppError(409, 'INVALID_TRANSITION', 'Biện pháp đã được báo cáo hoàn thành.');
      await trx.updateTable('remediations').set({ status: 'done', done_at: ctx.now, done_note: input.note }).where('id', '=', m.id).execute();
    } else {
      if (m.status !== 'done') throw new AppError(409, 'INVALID_TRANSITION', 'Chỉ xác minh biện pháp đã báo cáo hoàn thành.');
      await trx.updateTable('remediations').set({ status: 'verified', verified_at: ctx.now, verified_by: ctx.actor.username }).where('id', '=', m.id).execute();
      const open = await trx.selectFrom('remediations').select('id').where('violation_id', '=', v.id).where('status', '<>', 'verified').execute();
      if (open.length === 0) await trx.updateTable('violations').set({ status: 'closed', updated_at: ctx.now }).where('id', '=', v.id).execute();
    }
    await audit(trx, ctx, { action: `remediation.${input.step}`, entityType: 'violation', entityId: v.id, after: { remediationId: m.id, note: input.note } });
    return { ok: true as const };
  });
}
