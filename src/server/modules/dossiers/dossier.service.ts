import { randomUUID } from 'node:crypto';
import { DEFAULT_OFFICE_HOURS, type ReceiptCutoff, vnDateOf } from '../../../domain/calendar/index.ts';
import { formatDossierCode } from '../../../domain/dossiers/dossier-code.ts';
import { eventLabel } from '../../../domain/dossiers/event-labels.ts';
import { RESUBMISSION_RULE, isSuspiciousResubmission } from '../../../domain/dossiers/integrity.ts';
import { mayActOnDossier } from '../../../domain/dossiers/permissions.ts';
import { type DossierRules, regimeInForce } from '../../../domain/dossiers/rules.ts';
import { NATIONAL_STATUS_CODE } from '../../../domain/dossiers/status.ts';
import {
  type DossierAction,
  type DossierState,
  actionsAllowedIn,
  applyDossierAction,
  isRefusal,
  timelinessOf,
} from '../../../domain/dossiers/transitions.ts';
import { maskIdNumber } from '../../../domain/org/official-name.ts';
import { foldDiacritics } from '../../../domain/text/fold.ts';
import type { TCreateDossierRequest, TDossier, TDossierSummary } from '../../../shared/schemas/dossiers.ts';
import type { AppConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { type Tx, audit, inTransaction } from '../../db/transaction.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission, scopePrefix } from '../access/policy.ts';
import { loadWorkingCalendar } from '../calendar/calendar.service.ts';
import { findOfficialById } from '../org/official.store.ts';
import { getProcedureInScope } from '../procedures/procedure.service.ts';
import { queueDossierNotice, publicLookupUrl } from './dossier-notices.ts';
import { columnsOf, stateOf } from './dossier-state.ts';
import { recordDossierAction } from './dossier-record.ts';
import { recordDossierStep } from './dossier-steps.ts';
import * as store from './dossier.store.ts';
import { unitPathInScope } from '../org/unit.store.ts';

type Deps = { db: Database; config: AppConfig };

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

function toSummary(row: store.DossierDetailRow, now: Date): TDossierSummary {
  return {
    id: row.id,
    code: row.code,
    procedureName: row.procedure_name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    applicantName: row.applicant_name,
    channel: row.channel,
    status: row.status as TDossierSummary['status'],
    statusCode: row.status_code,
    receivedAt: iso(row.received_at),
    dueAt: iso(row.due_at),
    legalDueAt: iso(row.legal_due_at),
    handlerName: row.handler_name,
    timeliness: timelinessOf(stateOf(row), now),
    flags: row.flags,
  };
}

/** The rules a new dossier is handled under: its procedure's, and the regime in force on receipt. */
export function rulesFor(
  procedure: { processing_amount: number; processing_unit: DossierRules['processingUnit']; supplement_mode: 'pause' | 'restart' | null; cutoff: unknown; incomplete_close_days: number },
  receivedOn: string,
): DossierRules {
  const regime = regimeInForce(receivedOn);
  return {
    regime: regime.id,
    processingAmount: procedure.processing_amount,
    processingUnit: procedure.processing_unit,
    supplementMode: procedure.supplement_mode ?? regime.supplementMode,
    cutoff: procedure.cutoff as ReceiptCutoff,
    officeHours: DEFAULT_OFFICE_HOURS,
    incompleteCloseWorkingDays: procedure.incomplete_close_days,
  };
}

async function appendEvent(trx: Tx, ctx: RequestContext, dossierId: string, type: string, status: string, data: Record<string, unknown>) {
  await store.appendEvent(trx, {
    dossier_id: dossierId,
    at: ctx.now,
    actor_account_id: ctx.actor.accountId,
    actor: ctx.actor.username,
    type,
    status,
    data: JSON.stringify(data),
  });
}

export async function createDossier({ db, config }: Deps, ctx: RequestContext, input: TCreateDossierRequest) {
  const prefix = requirePermission(ctx.actor, 'dossiers.work');
  if (!mayActOnDossier(ctx.actor.roles, 'create')) throw forbidden('Chỉ cán bộ một cửa hoặc lãnh đạo đơn vị được tiếp nhận hồ sơ.');
  return inTransaction(db, async (trx) => {
    let procedure;
    try {
      procedure = await getProcedureInScope(trx, ctx, input.procedureId, prefix);
    } catch {
      throw invalid([{ field: 'procedureId', message: 'Thủ tục không tồn tại hoặc không thuộc đơn vị của bạn.' }]);
    }
    if (!procedure.active) throw invalid([{ field: 'procedureId', message: 'Thủ tục đã ngừng áp dụng.' }]);
    const calendar = await loadWorkingCalendar(trx);
    const receivedOn = vnDateOf(ctx.now);
    const rules = rulesFor(procedure, receivedOn);
    const fresh: DossierState = {
      status: 'submitted', receivedAt: null, legalDueAt: null, dueAt: null, supplementCount: 0, supplementRequestedAt: null,
      pausedClock: null, incompleteCloseAt: null, apologyCount: 0, handlerId: null, outcome: null, finishedAt: null, returnedAt: null,
      visits: input.channel === 'counter' ? 1 : 0, paidVnd: 0,
    };
    const received = applyDossierAction(fresh, { type: 'receive' }, { now: ctx.now, rules, calendar });
    if (isRefusal(received)) throw new AppError(received.status, received.code, received.message);
    const state = received.next;

    const flags: string[] = [];
    const since = new Date(ctx.now.getTime() - RESUBMISSION_RULE.windowDays * 86_400_000);
    const withdrawn = await store.recentWithdrawn(trx, input.applicant.idNumber, procedure.id, since);
    const suspicious = withdrawn.find((w) => w.finished_at && isSuspiciousResubmission({ code: w.code, withdrawnAt: w.finished_at, legalDueAt: w.legal_due_at }, ctx.now, calendar));
    if (suspicious) flags.push('resubmitted_after_withdrawal');

    const agency = procedure.agency_code ?? procedure.unit_id.slice(0, 8).toUpperCase();
    const sequence = await store.nextDailySequence(trx, agency, receivedOn);
    const id = randomUUID();
    const code = formatDossierCode(agency, receivedOn, sequence);
    const documents = (input.documents ?? procedure.required_documents.map((d) => ({ ...d, digitized: false, reused: false }))).map((d) => ({
      name: d.name,
      originals: d.originals,
      copies: d.copies,
      digitized: d.digitized,
      reused: d.reused,
    }));
    await store.insertDossier(trx, {
      id,
      code,
      procedure_id: procedure.id,
      unit_id: procedure.unit_id,
      unit_path: procedure.unit_path,
      channel: input.channel,
      applicant_name: input.applicant.fullName,
      applicant_search: foldDiacritics(input.applicant.fullName),
      applicant_id_number: input.applicant.idNumber,
      applicant_phone: input.applicant.phone,
      applicant_email: input.applicant.email ?? null,
      applicant_address: input.applicant.address ?? null,
      submitted_at: ctx.now,
      fee_vnd: procedure.fee_vnd,
      rules: JSON.stringify(rules),
      documents: JSON.stringify(documents),
      flags,
      created_at: ctx.now,
      ...columnsOf(state, ctx.now),
    });
    await appendEvent(trx, ctx, id, 'create', state.status, {
      channel: input.channel,
      dueAt: iso(state.dueAt),
      regime: rules.regime,
      ...(suspicious ? { resubmissionOf: suspicious.code } : {}),
      ...(input.note ? { note: input.note } : {}),
    });
    await recordDossierStep(trx, id, { type: 'create', at: ctx.now, handlerId: null, legalDueAt: state.legalDueAt, receiverId: ctx.actor.officialId }, calendar);
    await queueDossierNotice(
      trx,
      'received',
      { id, code, procedureName: procedure.name, unitName: procedure.unit_name, email: input.applicant.email ?? null, phone: input.applicant.phone, dueAt: state.dueAt },
      config.publicUrl,
      ctx.now,
    );
    await audit(trx, ctx, { action: 'dossier.create', entityType: 'dossier', entityId: id, after: { code, procedureId: procedure.id, channel: input.channel, status: state.status } });
    return { id, code, status: state.status, receivedAt: iso(state.receivedAt), dueAt: iso(state.dueAt) };
  });
}

async function lockInScope(trx: Tx, ctx: RequestContext, id: string, permission: 'dossiers.read' | 'dossiers.work') {
  const prefix = requirePermission(ctx.actor, permission);
  const row = await store.lockDossier(trx, id);
  if (!row || !pathInScope(row.unit_path, prefix)) throw notFound('Không tìm thấy hồ sơ.');
  return row;
}

/**
 * Applies one lifecycle action: checks role and scope, asks the domain rule, writes the new state,
 * its event, the step trail, the citizen's notice and the audit row in one transaction.
 */
export async function actOnDossier({ db, config }: Deps, ctx: RequestContext, id: string, action: DossierAction) {
  return inTransaction(db, async (trx) => {
    const row = await lockInScope(trx, ctx, id, 'dossiers.work');
    if (!mayActOnDossier(ctx.actor.roles, action.type)) throw forbidden('Vai trò của bạn không được thực hiện thao tác này với hồ sơ.');
    if (action.type === 'assign') {
      const handler = await findOfficialById(trx, action.handlerId);
      if (!handler || !handler.active || !pathInScope(handler.unit_path, row.unit_path)) {
        throw invalid([{ field: 'handlerId', message: 'Người xử lý phải là cán bộ đang công tác trong đơn vị giải quyết hồ sơ.' }]);
      }
    }
    const detail = await recordDossierAction(trx, config, { accountId: ctx.actor.accountId, label: ctx.actor.username, ip: ctx.ip }, row, action, ctx.now);
    return toSummary(detail, ctx.now);
  });
}

/** The metrics drill-down filters of a list query, or undefined when none is given. */
function drillDownOf(q: Partial<Omit<store.DossierDrillDown, 'supplement' | 'handlerId'>> & { supplement?: '1'; handler?: 'me' }, officialId: string | null): store.DossierDrillDown | undefined {
  if (!q.from && !q.to && !q.timeliness && !q.supplement && !q.channel && !q.rating && !q.handler) return undefined;
  if (q.from && q.to && q.from > q.to) throw invalid([{ field: 'to', message: 'Ngày kết thúc phải không trước ngày bắt đầu.' }]);
  return {
    from: q.from,
    to: q.to,
    basis: q.basis ?? 'received',
    timeliness: q.timeliness,
    supplement: q.supplement === '1',
    channel: q.channel,
    rating: q.rating,
    ...(q.handler === 'me' ? { handlerId: officialId } : {}),
  };
}

export async function listDossiers(
  db: Database,
  ctx: RequestContext,
  query: { q?: string; status?: string; queue: store.DossierQueue; unitId?: string; cursor?: string; limit: number } & Partial<Omit<store.DossierDrillDown, 'supplement' | 'handlerId'>> & { supplement?: '1'; handler?: 'me' },
) {
  const prefix = requirePermission(ctx.actor, 'dossiers.read');
  let pathPrefix = prefix;
  if (query.unitId) {
    pathPrefix = await unitPathInScope(db, query.unitId, prefix);
  }
  const statuses = query.status ? query.status.split(',').filter((s) => s in NATIONAL_STATUS_CODE) : undefined;
  const after = query.cursor ? (decodeCursor(query.cursor, 2, ['string', 'uuid']) as [string, string]) : undefined;
  if (after && Number.isNaN(Date.parse(after[0])) && after[0] !== 'infinity') throw invalid([{ field: 'cursor', message: 'Giá trị cursor không hợp lệ.' }]);
  const rows = await store.listDossiersPage(db, {
    pathPrefix,
    queue: query.queue,
    statuses,
    folded: query.q ? foldDiacritics(query.q) : undefined,
    handlerId: ctx.actor.officialId,
    now: ctx.now,
    soon: new Date(ctx.now.getTime() + 3 * 86_400_000),
    after,
    limit: query.limit + 1,
    drill: drillDownOf(query, ctx.actor.officialId),
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const key = (r: store.DossierRow) => (query.queue === 'all' ? r.submitted_at.toISOString() : (r.legal_due_at?.toISOString() ?? 'infinity'));
  return {
    items: page.map((r) => toSummary(r, ctx.now)),
    nextCursor: rows.length > query.limit && last ? encodeCursor([key(last), last.id]) : null,
  };
}

export async function getDossier({ db, config }: Deps, ctx: RequestContext, id: string): Promise<TDossier> {
  const prefix = requirePermission(ctx.actor, 'dossiers.read');
  const row = await store.findDossierById(db, id);
  if (!row || !pathInScope(row.unit_path, prefix)) throw notFound('Không tìm thấy hồ sơ.');
  const [events, rating, files] = await Promise.all([store.listEvents(db, id), store.findRating(db, id), store.listFiles(db, id)]);
  const workPrefix = scopePrefix(ctx.actor, 'dossiers.work');
  const mayWork = workPrefix !== null && pathInScope(row.unit_path, workPrefix);
  const state = stateOf(row);
  return {
    ...toSummary(row, ctx.now),
    procedureId: row.procedure_id,
    procedureCode: row.procedure_code,
    applicant: {
      fullName: row.applicant_name,
      // Only the people handling the dossier see the full identity number.
      idNumber: mayWork ? row.applicant_id_number : maskIdNumber(row.applicant_id_number),
      phone: row.applicant_phone,
      email: row.applicant_email,
      address: row.applicant_address,
    },
    handlerId: row.handler_id,
    outcome: row.outcome,
    supplementCount: row.supplement_count,
    apologyCount: row.apology_count,
    visits: row.visits,
    feeVnd: row.fee_vnd,
    paidVnd: row.paid_vnd,
    finishedAt: iso(row.finished_at),
    returnedAt: iso(row.returned_at),
    documents: row.documents,
    rules: row.rules,
    allowedActions: mayWork ? actionsAllowedIn(state).filter((a) => mayActOnDossier(ctx.actor.roles, a)) : [],
    files: files.map((f) => ({ id: f.id, kind: f.kind, name: f.name, mime: f.mime, size: f.size, digitized: f.digitized, reused: f.reused, createdAt: f.created_at.toISOString() })),
    timeline: events.map((e) => ({ seq: e.seq, at: e.at.toISOString(), type: e.type, label: eventLabel(e.type), status: e.status, actor: e.actor, actorName: e.actor_name, data: e.data })),
    rating: rating ? { level: rating.level, at: rating.at.toISOString(), comment: rating.comment } : null,
    publicUrl: publicLookupUrl(config.publicUrl, row.code),
  };
}

/** The citizen's view: no login, the name masked, no identity number, phone or internal notes. */
export async function rateDossier(
  db: Database,
  code: string,
  input: { level: 'very_satisfied' | 'satisfied' | 'dissatisfied'; criteria: Record<string, string | undefined>; comment?: string | null; phoneLast4: string },
  now: Date,
  ip: string | null,
) {
  return inTransaction(db, async (trx) => {
    const row = await store.findDossierByCode(trx, code);
    if (!row) throw notFound('Không tìm thấy hồ sơ với mã này.');
    if (row.status !== 'returned') throw new AppError(409, 'NOT_RETURNED_YET', 'Chỉ đánh giá sau khi đã nhận kết quả.');
    if (!row.applicant_phone.replace(/\D/g, '').endsWith(input.phoneLast4)) {
      throw invalid([{ field: 'phoneLast4', message: 'Bốn số cuối điện thoại không khớp với hồ sơ.' }]);
    }
    const inserted = await store.insertRating(trx, { dossierId: row.id, at: now, level: input.level, criteria: input.criteria, comment: input.comment ?? null });
    if (!inserted) throw new AppError(409, 'RATING_ALREADY_GIVEN', 'Hồ sơ này đã được đánh giá. Cảm ơn Ông/Bà.');
    await store.appendEvent(trx, { dossier_id: row.id, at: now, actor_account_id: null, actor: 'citizen', type: 'rating', status: row.status, data: JSON.stringify({ level: input.level }) });
    // Citizens are not accounts; the audit row names the channel, never the person.
    const { insertAuditRow } = await import('../audit/audit.store.ts');
    await insertAuditRow(trx, { actorAccountId: null, actor: 'citizen', action: 'dossier.rate', entityType: 'dossier', entityId: row.id, after: { level: input.level }, ip }, now);
    return { ok: true as const, level: input.level, at: now.toISOString() };
  });
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null);

/**
 * A unit's "3 không" figures for a period: on time (judged on the legal date), supplement rate
 * (never more than one request each), visits per dossier, ratings. Null, not 0, when nothing was
 * there to measure.
 */
export async function dossierFigures(db: Database, ctx: RequestContext, query: { unitId?: string; from: string; to: string }) {
  const prefix = requirePermission(ctx.actor, 'dossiers.read');
  let pathPrefix = prefix;
  if (query.unitId) {
    pathPrefix = await unitPathInScope(db, query.unitId, prefix);
  }
  const from = new Date(`${query.from}T00:00:00+07:00`);
  const to = new Date(new Date(`${query.to}T00:00:00+07:00`).getTime() + 86_400_000);
  if (!(from < to)) throw invalid([{ field: 'to', message: 'Ngày kết thúc phải không trước ngày bắt đầu.' }]);
  const f = await store.aggregateDossierFigures(db, { pathPrefix, from, to, now: ctx.now });
  const rated = f.very_satisfied + f.satisfied + f.dissatisfied;
  return {
    from: query.from,
    to: query.to,
    received: f.received,
    finished: f.finished,
    early: f.early,
    onTime: f.on_time,
    late: f.late,
    onTimeRate: ratio(f.on_time, f.on_time + f.late),
    supplementRate: ratio(f.with_supplement, f.received),
    visitsPerDossier: f.received > 0 ? Math.round((100 * f.visits) / f.received) / 100 : null,
    openOverdue: f.open_overdue,
    flagged: f.flagged,
    ratings: { verySatisfied: f.very_satisfied, satisfied: f.satisfied, dissatisfied: f.dissatisfied },
    satisfactionRate: ratio(f.very_satisfied + f.satisfied, rated),
  };
}
