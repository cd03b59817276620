import { randomInt, randomUUID } from 'node:crypto';
import { computeDueAt, vnDateOf } from '../../../domain/calendar/index.ts';
import { normalizeDossierCode } from '../../../domain/dossiers/dossier-code.ts';
import {
  COMPLAINT_KIND_VI,
  COMPLAINT_STATUS_VI,
  type ComplaintKind,
  RESPONSE_WORKING_DAYS,
  complaintFingerprint,
  formatTrackingCode,
} from '../../../domain/oversight/complaints.ts';
import type { Database } from '../../db/database.ts';
import { type Tx, audit, inTransaction } from '../../db/transaction.ts';
import { AppError, invalid, notFound } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission } from '../access/policy.ts';
import { insertAuditRow } from '../audit/audit.store.ts';
import { loadWorkingCalendar } from '../calendar/calendar.service.ts';
import { findOfficialById } from '../org/official.store.ts';
import { unitPathInScope } from '../org/unit.store.ts';
import * as store from './complaint.store.ts';
import { recordViolation } from './violation.service.ts';
import { syncActivityRollup } from '../metrics/activity-rollup.store.ts';

export interface NewComplaint {
  kind: ComplaintKind;
  description: string;
  unitId?: string | null;
  officialName?: string | null;
  dossierCode?: string | null;
  anonymous: boolean;
  contact?: { name?: string | null; phone?: string | null; email?: string | null } | null;
  address?: string | null;
  lat?: number | null;
  lon?: number | null;
}

export interface ComplaintOrigin {
  source: 'web' | 'open311';
  apiKeyId: string | null;
  actor: string;
  ip: string | null;
  now: Date;
}

const DUPLICATE_WINDOW_MS = 24 * 3_600_000;

/** A random source in [0, 1) from the cryptographic generator: tracking codes must not be guessable. */
const secureRandom = () => randomInt(0, 2 ** 32) / 2 ** 32;

/**
 * Files a citizen's complaint, praise or report. Anonymous ones keep no contact. The same text for
 * the same target within a day is refused as a duplicate. Returns the tracking code and the
 * Open311 token; nothing a citizen wrote is ever rendered as HTML by congvu.
 */
export async function fileComplaint(db: Database, input: NewComplaint, origin: ComplaintOrigin) {
  return inTransaction(db, async (trx) => {
    let unitId = input.unitId ?? null;
    let unitPath: string | null = null;
    let dossierCode: string | null = null;
    if (input.dossierCode) {
      dossierCode = normalizeDossierCode(input.dossierCode);
      const dossier = await trx.selectFrom('dossiers').select(['unit_id', 'unit_path']).where('code', '=', dossierCode).executeTakeFirst();
      if (dossier) [unitId, unitPath] = [dossier.unit_id, dossier.unit_path];
    }
    if (unitId && !unitPath) {
      const unit = await trx.selectFrom('units').select(['path', 'active']).where('id', '=', unitId).executeTakeFirst();
      if (!unit || !unit.active) throw invalid([{ field: 'unitId', message: 'Không tìm thấy đơn vị.' }]);
      unitPath = unit.path;
    }
    const fingerprint = complaintFingerprint({ kind: input.kind, description: input.description, unitId, dossierCode });
    const duplicate = await store.findRecentByFingerprint(trx, fingerprint, new Date(origin.now.getTime() - DUPLICATE_WINDOW_MS));
    if (duplicate) {
      throw new AppError(409, 'DUPLICATE_COMPLAINT', `Phản ánh này đã được gửi, mã theo dõi ${duplicate.tracking_code}.`);
    }
    const calendar = await loadWorkingCalendar(trx);
    const responseDueAt = computeDueAt({ receivedAt: origin.now, amount: RESPONSE_WORKING_DAYS[input.kind], unit: 'working_days', calendar });
    let trackingCode = formatTrackingCode(vnDateOf(origin.now), secureRandom);
    while (await store.findComplaint(trx, { trackingCode })) trackingCode = formatTrackingCode(vnDateOf(origin.now), secureRandom);
    const id = randomUUID();
    const token = randomUUID();
    const contact = input.anonymous ? null : input.contact;
    await store.insertComplaint(trx, {
      id,
      tracking_code: trackingCode,
      token,
      kind: input.kind,
      description: input.description,
      unit_id: unitId,
      unit_path: unitPath,
      official_name: input.officialName ?? null,
      dossier_code: dossierCode,
      anonymous: input.anonymous,
      contact_name: contact?.name ?? null,
      contact_phone: contact?.phone ?? null,
      contact_email: contact?.email ?? null,
      address: input.address ?? null,
      lat: input.lat ?? null,
      lon: input.lon ?? null,
      source: origin.source,
      api_key_id: origin.apiKeyId,
      fingerprint,
      status: 'received',
      response_due_at: responseDueAt,
      created_at: origin.now,
      updated_at: origin.now,
    });
    await syncActivityRollup(trx, 'complaint', id, null);
    // The audit row records the filing, never the citizen's contact details.
    await insertAuditRow(trx, { actorAccountId: null, actor: origin.actor, action: 'complaint.file', entityType: 'complaint', entityId: id, after: { kind: input.kind, unitId, dossierCode, anonymous: input.anonymous, source: origin.source }, ip: null }, origin.now);
    return { id, trackingCode, token, responseDueAt };
  });
}

/** What anyone holding the tracking code may see: no description, no names, no contact. */
export function toPublicComplaint(row: store.ComplaintRow) {
  return {
    trackingCode: row.tracking_code,
    kind: row.kind,
    kindLabel: COMPLAINT_KIND_VI[row.kind].name,
    unitName: row.unit_name,
    status: row.status,
    statusLabel: COMPLAINT_STATUS_VI[row.status],
    createdAt: row.created_at.toISOString(),
    responseDueAt: row.response_due_at.toISOString(),
    answer: row.answer,
    answeredAt: row.answered_at?.toISOString() ?? null,
    outcome: row.outcome,
  };
}

export async function getPublicComplaint(db: Database, trackingCode: string) {
  const row = await store.findComplaint(db, { trackingCode: trackingCode.trim().toUpperCase() });
  if (!row) throw notFound('Không tìm thấy phản ánh với mã theo dõi này.');
  return toPublicComplaint(row);
}

function toComplaint(row: store.ComplaintRow, now: Date) {
  return {
    ...toPublicComplaint(row),
    id: row.id,
    description: row.description,
    unitId: row.unit_id,
    officialName: row.official_name,
    officialId: row.official_id,
    dossierCode: row.dossier_code,
    anonymous: row.anonymous,
    contact: row.anonymous ? null : { name: row.contact_name, phone: row.contact_phone, email: row.contact_email },
    source: row.source,
    assignedOfficialId: row.assigned_official_id,
    violationId: row.violation_id,
    overdue: (row.status === 'received' || row.status === 'assigned') && now > row.response_due_at,
  };
}

export async function listComplaintInbox(
  db: Database,
  ctx: RequestContext,
  q: { status?: string; kind?: string; overdue?: 'true' | 'false'; cursor?: string; limit: number; unitId?: string; from?: string; to?: string; basis?: 'created' | 'answered'; outcome?: 'upheld' | 'not_upheld' },
) {
  let prefix = requirePermission(ctx.actor, 'complaints.handle');
  if (q.unitId) prefix = await unitPathInScope(db, q.unitId, prefix);
  const range = { from: q.from ? new Date(`${q.from}T00:00:00+07:00`) : undefined, to: q.to ? new Date(Date.parse(`${q.to}T00:00:00+07:00`) + 86_400_000) : undefined };
  const before = q.cursor ? new Date(Buffer.from(q.cursor, 'base64url').toString()) : undefined;
  if (before && Number.isNaN(before.getTime())) throw invalid([{ field: 'cursor', message: 'Giá trị cursor không hợp lệ.' }]);
  const rows = await store.listComplaints(db, {
    prefix,
    status: q.status?.split(',').filter((s) => s in COMPLAINT_STATUS_VI),
    kind: q.kind,
    overdue: q.overdue === 'true',
    ...(q.basis === 'answered' ? { answeredFrom: range.from, answeredTo: range.to } : range),
    outcome: q.outcome,
    now: ctx.now,
    limit: q.limit + 1,
    beforeCreatedAt: before,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { items: page.map((r) => toComplaint(r, ctx.now)), nextCursor: rows.length > q.limit && last ? Buffer.from(last.created_at.toISOString()).toString('base64url') : null };
}

async function lockInReach(trx: Tx, ctx: RequestContext, id: string) {
  const prefix = requirePermission(ctx.actor, 'complaints.handle');
  const row = await store.findComplaint(trx, { id });
  if (!row || (prefix !== '' && !(row.unit_path && pathInScope(row.unit_path, prefix)))) throw notFound('Không tìm thấy phản ánh.');
  await trx.selectFrom('complaints').select('id').where('id', '=', id).forUpdate().execute();
  return row;
}

export async function getComplaint(db: Database, ctx: RequestContext, id: string) {
  return inTransaction(db, async (trx) => toComplaint(await lockInReach(trx, ctx, id), ctx.now));
}

export async function assignComplaint(db: Database, ctx: RequestContext, id: string, input: { officialId: string; unitId?: string | null }) {
  return inTransaction(db, async (trx) => {
    const row = await lockInReach(trx, ctx, id);
    if (row.status === 'answered' || row.status === 'closed') throw new AppError(409, 'ALREADY_ANSWERED', 'Phản ánh đã được trả lời.');
    // Out of the caller's scope an official or a unit answers as one that does not exist.
    const prefix = requirePermission(ctx.actor, 'complaints.handle');
    const official = await findOfficialById(trx, input.officialId);
    if (!official || !official.active || !pathInScope(official.unit_path, prefix)) throw invalid([{ field: 'officialId', message: 'Cán bộ không tồn tại.' }]);
    const unit = input.unitId ? await trx.selectFrom('units').select(['id', 'path']).where('id', '=', input.unitId).executeTakeFirst() : null;
    if (input.unitId && (!unit || !pathInScope(unit.path, prefix))) throw invalid([{ field: 'unitId', message: 'Đơn vị không tồn tại.' }]);
    await store.updateComplaintRow(trx, id, {
      status: 'assigned',
      assigned_official_id: official.id,
      ...(unit ? { unit_id: unit.id, unit_path: unit.path } : {}),
      updated_at: ctx.now,
    });
    await syncActivityRollup(trx, 'complaint', id, row);
    await audit(trx, ctx, { action: 'complaint.assign', entityType: 'complaint', entityId: id, before: { status: row.status }, after: { status: 'assigned', officialId: official.id, unitId: unit?.id ?? row.unit_id } });
    return toComplaint((await store.findComplaint(trx, { id }))!, ctx.now);
  });
}

/**
 * The agency's answer, made public on the status page. An upheld complaint about harassment,
 * delay or attitude is linked to a violation of the rule it broke.
 */
export async function answerComplaint(
  db: Database,
  ctx: RequestContext,
  id: string,
  input: { answer: string; outcome: 'upheld' | 'not_upheld'; violation?: { ruleId: string; severity: 'minor' | 'moderate' | 'serious'; officialId?: string | null } | null },
) {
  return inTransaction(db, async (trx) => {
    const row = await lockInReach(trx, ctx, id);
    if (row.status === 'answered' || row.status === 'closed') throw new AppError(409, 'ALREADY_ANSWERED', 'Phản ánh đã được trả lời.');
    let violationId: string | null = null;
    if (input.outcome === 'upheld' && input.violation) {
      if (!row.unit_id) throw invalid([{ field: 'violation', message: 'Phải xác định đơn vị trước khi ghi nhận vi phạm.' }]);
      // A violation is never put on an official out of the caller's scope (as if they did not exist).
      const named = input.violation.officialId ? await findOfficialById(trx, input.violation.officialId) : null;
      if (input.violation.officialId && (!named || !pathInScope(named.unit_path, requirePermission(ctx.actor, 'complaints.handle')))) {
        throw invalid([{ field: 'violation.officialId', message: 'Cán bộ không tồn tại.' }]);
      }
      violationId = await recordViolation(trx, ctx, {
        unitId: row.unit_id,
        officialId: input.violation.officialId ?? row.official_id,
        ruleId: input.violation.ruleId,
        severity: input.violation.severity,
        description: `Phản ánh ${row.tracking_code} được xác minh đúng: ${input.answer}`,
        complaintId: id,
        inspectionId: null,
      });
    }
    await store.updateComplaintRow(trx, id, { status: 'answered', answer: input.answer, answered_at: ctx.now, outcome: input.outcome, violation_id: violationId, updated_at: ctx.now });
    await syncActivityRollup(trx, 'complaint', id, row);
    await audit(trx, ctx, { action: 'complaint.answer', entityType: 'complaint', entityId: id, before: { status: row.status }, after: { status: 'answered', outcome: input.outcome, violationId } });
    return toComplaint((await store.findComplaint(trx, { id }))!, ctx.now);
  });
}
