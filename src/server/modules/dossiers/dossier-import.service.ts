import { createHash, randomUUID } from 'node:crypto';
import { Transaction, sql } from 'kysely';
import { type WorkingCalendar, vnDateOf } from '../../../domain/calendar/index.ts';
import { formatDossierCode } from '../../../domain/dossiers/dossier-code.ts';
import {
  type DossierHistory,
  type ImportColumn,
  type ImportEvent,
  externalRefOf,
  groupImportEvents,
  importActorLabel,
  normalizeImportSource,
  parseImportRow,
  storedEventType,
} from '../../../domain/dossiers/import-row.ts';
import type { DossierRules } from '../../../domain/dossiers/rules.ts';
import { type DossierStatus, NATIONAL_STATUS_CODE, STATUS_LABEL_VI } from '../../../domain/dossiers/status.ts';
import { type DossierAction, type DossierState, applyDossierAction, isRefusal } from '../../../domain/dossiers/transitions.ts';
import { foldDiacritics } from '../../../domain/text/fold.ts';
import type { Database } from '../../db/database.ts';
import { type Tx, inTransaction } from '../../db/transaction.ts';
import { AppError, forbidden } from '../../http/problem.ts';
import type { Actor, RequestContext } from '../access/actor.ts';
import { pathInScope, scopePrefix } from '../access/policy.ts';
import { insertAuditRow } from '../audit/audit.store.ts';
import { loadWorkingCalendar } from '../calendar/calendar.service.ts';
import { findUnitByCode } from '../org/unit.store.ts';
import { type ProcedureRow, findProcedureByCode } from '../procedures/procedure.store.ts';
import type { ImportRow, UnreadableLine } from './dossier-import-file.ts';
import { type TDossierEventsRequest, type TDossierImportSummary, ZDossierImportSummary } from './dossier-import-schema.ts';
import { recordDossierStep } from './dossier-steps.ts';
import { columnsOf, rulesOf, stateOf } from './dossier-state.ts';
import { rulesFor } from './dossier.service.ts';
import * as store from './dossier.store.ts';

export interface ImportError {
  line: number;
  field: string | null;
  code: string;
  message: string;
}

export type ImportSummary = TDossierImportSummary;

/** Who imports: an account (API token), or the system itself (CLI) when `actor` is null. */
export interface ImportContext {
  actor: Actor | null;
  ip: string | null;
  now: Date;
}

export interface ImportOptions {
  /** Name of the source system: keys the dossiers (`<source>:<ma_ho_so>`) and labels the events (`import:<source>`). */
  source: string;
  /** Called after each dossier with the rows done so far and the rows in all. */
  onProgress?: (doneRows: number, totalRows: number) => void;
  /** Lines the reader could not turn into rows: reported, and the dossier they name is not imported. */
  unreadable?: readonly UnreadableLine[];
}

/** One dossier's history refused as a whole: its errors are reported, its transaction rolled back. */
class DossierRefused extends Error {
  constructor(readonly error: ImportError) {
    super(error.message);
  }
}

/** Which import column a field named by a lifecycle refusal stands for. */
const REFUSAL_FIELD: Record<string, ImportColumn> = {
  reasons: 'ly_do',
  reason: 'ly_do',
  items: 'giay_to_bo_sung',
  newDueAt: 'ngay_hen_moi',
  amountVnd: 'so_tien',
  handlerId: 'nguoi_xu_ly',
};

type Runner = <T>(work: (trx: Tx) => Promise<T>) => Promise<T>;

/**
 * Each dossier in its own unit of work: its own transaction, or — inside the caller's
 * transaction (the API, whose idempotency key commits with the import) — its own savepoint.
 */
function unitRunner(db: Database): Runner {
  if (db instanceof Transaction) {
    const trx = db as Tx;
    return async (work) => {
      await sql`savepoint dossier_import`.execute(trx);
      try {
        const result = await work(trx);
        await sql`release savepoint dossier_import`.execute(trx);
        return result;
      } catch (error) {
        await sql`rollback to savepoint dossier_import`.execute(trx);
        await sql`release savepoint dossier_import`.execute(trx);
        throw error;
      }
    };
  }
  return (work) => inTransaction(db, work);
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

interface Env {
  ctx: ImportContext;
  source: string;
  prefix: string;
  calendar: WorkingCalendar;
  procedures: Map<string, ProcedureRow | null>;
  officials: Map<string, { id: string; unit_path: string }[]>;
}

interface Outcome {
  created: boolean;
  updated: boolean;
  added: number;
  skipped: number;
}

const eventKey = (type: string, at: Date) => `${type}|${at.getTime()}`;
const statusText = (status: DossierStatus) => `${NATIONAL_STATUS_CODE[status]} (${STATUS_LABEL_VI[status]})`;

async function findProcedure(trx: Tx, env: Env, unitCode: string, code: string): Promise<ProcedureRow | null> {
  const key = `${unitCode}\u0000${code}`;
  if (!env.procedures.has(key)) {
    const unit = await findUnitByCode(trx, unitCode);
    env.procedures.set(key, unit ? ((await findProcedureByCode(trx, unit.id, code)) ?? null) : null);
  }
  return env.procedures.get(key) ?? null;
}

async function findOfficials(trx: Tx, env: Env, ref: string) {
  let found = env.officials.get(ref);
  if (!found) {
    found = await store.findOfficialsByIdNumberOrEmail(trx, ref);
    env.officials.set(ref, found);
  }
  return found;
}

/**
 * Replays one dossier's events through the lifecycle rules, then writes what is new: the dossier
 * (created or brought forward), its events at their source times, the step trail and one audit row.
 * Events already stored (same type, same time) are skipped. Throws DossierRefused when the history
 * breaks a rule; nothing of the dossier is then written.
 */
async function importHistory(trx: Tx, env: Env, history: DossierHistory): Promise<Outcome> {
  const { ctx, source, prefix, calendar } = env;
  const externalRef = externalRefOf(source, history.sourceCode);
  const existing = await store.lockDossierByExternalRef(trx, externalRef);
  const refused = (line: number, field: string | null, code: string, message: string) =>
    new DossierRefused({
      line,
      field,
      code,
      message: `${message} ${existing ? 'Các sự kiện mới của hồ sơ' : 'Hồ sơ'} "${history.sourceCode}" không được nhập.`,
    });
  const first = history.events[0]!;
  if (existing && !pathInScope(existing.unit_path, prefix)) {
    throw refused(first.line, 'ma_don_vi', 'OUT_OF_SCOPE', 'Hồ sơ đã có thuộc đơn vị ngoài phạm vi xử lý của tài khoản nhập.');
  }

  // The procedure, from the opening row: it must exist, be in the importer's scope, and not change.
  let procedure: ProcedureRow | null = null;
  const opening = history.events.find((e) => e.opening);
  if (opening?.opening) {
    const { unitCode, procedureCode } = opening.opening;
    procedure = await findProcedure(trx, env, unitCode, procedureCode);
    if (!procedure) {
      throw refused(opening.line, 'ma_thu_tuc', 'PROCEDURE_NOT_FOUND', `Không có thủ tục mã "${procedureCode}" của đơn vị mã "${unitCode}".`);
    }
    if (!pathInScope(procedure.unit_path, prefix)) {
      throw refused(opening.line, 'ma_don_vi', 'OUT_OF_SCOPE', `Đơn vị "${unitCode}" ngoài phạm vi xử lý hồ sơ của tài khoản nhập.`);
    }
    if (existing && existing.procedure_id !== procedure.id) {
      throw refused(opening.line, 'ma_thu_tuc', 'PROCEDURE_MISMATCH', 'Thủ tục khác với thủ tục của hồ sơ đã nhập trước đó.');
    }
  }
  const unitPath = existing?.unit_path ?? procedure?.unit_path ?? '';

  const stored = existing ? await store.listEventKeys(trx, existing.id) : [];
  const storedStatus = new Map(stored.map((s) => [eventKey(s.type, s.at), s.status as DossierStatus]));
  const lastStoredAt = stored.reduce<Date | null>((last, s) => (!last || s.at > last ? s.at : last), null);

  let state: DossierState | null = existing ? stateOf(existing) : null;
  let rules: DossierRules | null = existing ? rulesOf(existing) : null;
  const seen = new Set<string>();
  const added: { at: Date; type: string; status: DossierStatus; data: Record<string, unknown>; handlerId: string | null; legalDueAt: Date | null; line: number }[] = [];
  let skipped = 0;

  const checkStatus = (e: ImportEvent, status: DossierStatus) => {
    if (e.statusCode !== null && NATIONAL_STATUS_CODE[status] !== e.statusCode) {
      throw refused(e.line, 'trang_thai', 'STATUS_MISMATCH', `Trạng thái ${e.statusCode} không khớp: theo quy tắc, sau sự kiện này hồ sơ ở trạng thái ${statusText(status)}.`);
    }
  };

  for (const e of history.events) {
    const type = storedEventType(e.action.type);
    const key = eventKey(type, e.at);
    const storedAs = storedStatus.get(key);
    if (storedAs !== undefined) {
      checkStatus(e, storedAs);
      skipped++;
      continue;
    }
    if (seen.has(key)) {
      skipped++;
      continue;
    }
    if (e.at > ctx.now) throw refused(e.line, 'thoi_gian', 'FUTURE_TIME', 'Thời gian của sự kiện ở tương lai.');
    if (lastStoredAt && e.at < lastStoredAt) {
      throw refused(
        e.line,
        'thoi_gian',
        'OUT_OF_ORDER',
        `Sự kiện xảy ra trước sự kiện cuối cùng đã lưu của hồ sơ (${lastStoredAt.toISOString()}); lịch sử đã lưu không chèn thêm được.`,
      );
    }

    let data: Record<string, unknown>;
    let handlerId: string | null = null;
    if (e.action.type === 'create' || e.action.type === 'submit') {
      if (state || !procedure || !e.opening) {
        throw refused(e.line, 'su_kien', 'ALREADY_CREATED', 'Hồ sơ đã được tạo: sự kiện create/submit chỉ có một lần và là sự kiện đầu tiên.');
      }
      const channel = e.opening.channel;
      rules = rulesFor(procedure, vnDateOf(e.at));
      const fresh: DossierState = {
        status: 'submitted', receivedAt: null, legalDueAt: null, dueAt: null, supplementCount: 0, supplementRequestedAt: null,
        pausedClock: null, incompleteCloseAt: null, apologyCount: 0, handlerId: null, outcome: null, finishedAt: null, returnedAt: null,
        visits: channel === 'counter' ? 1 : 0, paidVnd: 0,
      };
      state = fresh;
      if (e.action.type === 'create') {
        const received = applyDossierAction(fresh, { type: 'receive' }, { now: e.at, rules, calendar });
        if (isRefusal(received)) throw refused(e.line, 'su_kien', received.code, received.message);
        state = received.next;
      }
      data = {
        channel,
        ...(state.dueAt ? { dueAt: state.dueAt.toISOString() } : {}),
        regime: rules.regime,
        source,
        sourceCode: history.sourceCode,
      };
    } else {
      if (!state || !rules) {
        throw refused(e.line, 'su_kien', 'FIRST_EVENT_NOT_CREATE', 'Hồ sơ chưa có trong congvu: sự kiện đầu tiên phải là create (tiếp nhận) hoặc submit (nộp trực tuyến, chưa tiếp nhận).');
      }
      let action: DossierAction;
      if (e.action.type === 'assign') {
        const officials = await findOfficials(trx, env, e.action.handlerRef);
        if (officials.length === 0) throw refused(e.line, 'nguoi_xu_ly', 'HANDLER_NOT_FOUND', `Không có cán bộ với số định danh hoặc email "${e.action.handlerRef}".`);
        if (officials.length > 1) throw refused(e.line, 'nguoi_xu_ly', 'HANDLER_AMBIGUOUS', `Email "${e.action.handlerRef}" thuộc nhiều cán bộ; dùng số định danh.`);
        const official = officials[0]!;
        if (!pathInScope(official.unit_path, unitPath)) {
          throw refused(e.line, 'nguoi_xu_ly', 'HANDLER_OUT_OF_UNIT', 'Người xử lý phải là cán bộ của đơn vị giải quyết hồ sơ.');
        }
        handlerId = official.id;
        action = { type: 'assign', handlerId };
      } else {
        action = e.action;
      }
      const result = applyDossierAction(state, action, { now: e.at, rules, calendar });
      if (isRefusal(result)) {
        const field = result.field ? (REFUSAL_FIELD[result.field] ?? result.field) : 'su_kien';
        throw refused(e.line, field, result.code, result.message);
      }
      state = result.next;
      data = result.event.data;
    }
    checkStatus(e, state.status);
    seen.add(key);
    added.push({ at: e.at, type, status: state.status, data, handlerId, legalDueAt: state.legalDueAt, line: e.line });
  }

  if (added.length === 0 || !state || !rules) return { created: false, updated: false, added: 0, skipped };

  let dossierId: string;
  let code: string;
  if (existing) {
    dossierId = existing.id;
    code = existing.code;
    await store.updateDossierRow(trx, dossierId, columnsOf(state, ctx.now));
  } else {
    // Created here, so the opening row was read: procedure and opening are known.
    const open = opening!.opening!;
    const proc = procedure!;
    const openedAt = added[0]!.at;
    const agency = proc.agency_code ?? proc.unit_id.slice(0, 8).toUpperCase();
    const day = vnDateOf(openedAt);
    dossierId = randomUUID();
    code = formatDossierCode(agency, day, await store.nextDailySequence(trx, agency, day));
    const documents = proc.required_documents.map((d) => ({ name: d.name, originals: d.originals, copies: d.copies, digitized: false, reused: false }));
    await store.insertDossier(trx, {
      id: dossierId,
      code,
      procedure_id: proc.id,
      unit_id: proc.unit_id,
      unit_path: proc.unit_path,
      channel: open.channel,
      applicant_name: open.applicant.fullName,
      applicant_search: foldDiacritics(open.applicant.fullName),
      applicant_id_number: open.applicant.idNumber,
      applicant_phone: open.applicant.phone,
      applicant_email: open.applicant.email,
      applicant_address: open.applicant.address,
      submitted_at: openedAt,
      fee_vnd: proc.fee_vnd,
      rules: JSON.stringify(rules),
      documents: JSON.stringify(documents),
      flags: [],
      external_ref: externalRef,
      created_at: ctx.now,
      ...columnsOf(state, ctx.now),
    });
  }

  const actor = importActorLabel(source);
  for (const a of added) {
    await store.appendEvent(trx, {
      dossier_id: dossierId,
      at: a.at,
      actor_account_id: ctx.actor?.accountId ?? null,
      actor,
      type: a.type,
      status: a.status,
      data: JSON.stringify(a.data),
    });
    await recordDossierStep(trx, dossierId, a, calendar);
  }

  // Imported history is not news to the citizen: no notice goes to the outbox.
  await insertAuditRow(
    trx,
    {
      actorAccountId: ctx.actor?.accountId ?? null,
      actor: ctx.actor?.username ?? actor,
      action: existing ? 'dossier.import_update' : 'dossier.import_create',
      entityType: 'dossier',
      entityId: dossierId,
      before: existing ? { status: existing.status, events: stored.length } : null,
      after: { code, externalRef, source, status: state.status, events: added.map((a) => a.type) },
      ip: ctx.ip,
    },
    ctx.now,
  );
  return { created: !existing, updated: !!existing, added: added.length, skipped };
}

/**
 * Imports dossier histories: one row per event (docs/import.md). Rows are checked one by one;
 * each dossier's events are replayed in time order through the same lifecycle rules as the live
 * system and written in the dossier's own transaction (or savepoint), so a bad dossier is reported
 * with its line numbers and the others still load. Re-importing the same rows changes nothing.
 * The importer needs `dossiers.work` over each procedure's unit; a null actor is the system (CLI).
 */
export async function importDossiers(db: Database, ctx: ImportContext, rows: readonly ImportRow[], opts: ImportOptions): Promise<ImportSummary> {
  const source = normalizeImportSource(opts.source);
  if (!source) {
    throw new AppError(422, 'INVALID_SOURCE', 'Tên nguồn không hợp lệ.', [{ field: 'source', message: 'Gồm chữ không dấu, số, ".", "_", "-", tối đa 40 ký tự.' }]);
  }
  const prefix = ctx.actor ? scopePrefix(ctx.actor, 'dossiers.work') : '';
  if (prefix === null) throw forbidden('Tài khoản không có quyền xử lý hồ sơ (dossiers.work).');

  const summary: ImportSummary = { dossiersCreated: 0, dossiersUpdated: 0, eventsAdded: 0, eventsSkipped: 0, errors: [] };
  const events: ImportEvent[] = [];
  const badLines = new Map<string, number[]>();
  const taint = (sourceCode: string, line: number) => badLines.set(sourceCode, [...(badLines.get(sourceCode) ?? []), line]);
  for (const row of rows) {
    const parsed = parseImportRow(row.values, row.line);
    if (parsed.event) {
      events.push(parsed.event);
      continue;
    }
    for (const p of parsed.problems) summary.errors.push({ line: row.line, field: p.field, code: p.code, message: p.message });
    if (parsed.sourceCode) taint(parsed.sourceCode, row.line);
  }
  for (const u of opts.unreadable ?? []) {
    summary.errors.push({ line: u.line, field: null, code: 'UNREADABLE_LINE', message: u.message });
    if (u.sourceCode) taint(u.sourceCode, u.line);
  }

  const env: Env = { ctx, source, prefix, calendar: await loadWorkingCalendar(db), procedures: new Map(), officials: new Map() };
  const run = unitRunner(db);
  const total = rows.length;
  let done = total - events.length;
  for (const history of groupImportEvents(events)) {
    const first = history.events[0]!;
    const bad = badLines.get(history.sourceCode);
    if (bad) {
      summary.errors.push({
        line: first.line,
        field: 'ma_ho_so',
        code: 'DOSSIER_HAS_BAD_ROWS',
        message: `Hồ sơ "${history.sourceCode}" không được nhập vì có dòng lỗi (dòng ${bad.join(', ')}).`,
      });
    } else {
      try {
        const outcome = await run((trx) => importHistory(trx, env, history));
        if (outcome.created) summary.dossiersCreated++;
        if (outcome.updated) summary.dossiersUpdated++;
        summary.eventsAdded += outcome.added;
        summary.eventsSkipped += outcome.skipped;
      } catch (error) {
        if (error instanceof DossierRefused) summary.errors.push(error.error);
        else if (isUniqueViolation(error)) {
          summary.errors.push({ line: first.line, field: 'ma_ho_so', code: 'CONCURRENT_IMPORT', message: `Hồ sơ "${history.sourceCode}" đang được nhập đồng thời ở nơi khác; chạy lại để nhập.` });
        } else throw error;
      }
    }
    done += history.events.length;
    opts.onProgress?.(done, total);
  }
  summary.errors.sort((a, b) => a.line - b.line);
  return summary;
}

/** JSON with object keys sorted: the same body hashes the same whatever order its keys came in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface IdempotentResult {
  status: number;
  body: ImportSummary;
  /** True when the stored response of an earlier request with the same key was sent again. */
  replayed: boolean;
}

/**
 * The integration endpoint's operation: API tokens only; the Idempotency-Key is claimed, the
 * events imported and the response stored in one transaction, so a replay (same key, same body)
 * returns the stored response and changes nothing, and a key reused for another body is refused.
 */
export async function importDossierEvents(db: Database, ctx: RequestContext, idempotencyKey: string, body: TDossierEventsRequest): Promise<IdempotentResult> {
  if (ctx.actor.via !== 'token') {
    throw new AppError(403, 'API_TOKEN_REQUIRED', 'Chỉ gọi được bằng khóa API (Authorization: Bearer …), không bằng phiên đăng nhập của trình duyệt.');
  }
  if (scopePrefix(ctx.actor, 'dossiers.work') === null) throw forbidden('Tài khoản của khóa API không có quyền xử lý hồ sơ (dossiers.work).');
  const scope = `dossier-events:${ctx.actor.accountId}`;
  const requestHash = createHash('sha256').update(canonicalJson(body)).digest('hex');
  return inTransaction(db, async (trx) => {
    const claimed = await store.claimIdempotencyKey(trx, { scope, key: idempotencyKey, requestHash, at: ctx.now });
    if (!claimed) {
      const earlier = await store.findIdempotencyKey(trx, scope, idempotencyKey);
      if (!earlier) throw new AppError(409, 'IDEMPOTENCY_CONFLICT', 'Yêu cầu cùng Idempotency-Key đang được xử lý; thử lại sau.');
      if (earlier.request_hash !== requestHash) {
        throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key này đã dùng cho một yêu cầu có nội dung khác; mỗi yêu cầu mới cần một khóa mới.', [
          { field: 'header.idempotency-key', message: 'Khóa đã dùng cho nội dung khác.' },
        ]);
      }
      return { status: earlier.status, body: ZDossierImportSummary.parse(earlier.response), replayed: true };
    }
    const rows = body.events.map((values, index) => ({ line: index + 1, values }));
    const summary = await importDossiers(trx, ctx, rows, { source: body.source });
    await store.saveIdempotencyResponse(trx, scope, idempotencyKey, 200, summary);
    return { status: 200, body: summary, replayed: false };
  });
}
