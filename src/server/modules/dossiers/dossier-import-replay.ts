import { type DateOnly, type WorkingCalendar, toIsoUtc, vnDateOf } from '../../../domain/calendar/index.ts';
import { type DossierHistory, type ImportColumn, type ImportEvent, type ImportOpening, externalRefOf, storedEventType } from '../../../domain/dossiers/import-row.ts';
import type { DossierRules } from '../../../domain/dossiers/rules.ts';
import { type DossierStatus, NATIONAL_STATUS_CODE, STATUS_LABEL_VI } from '../../../domain/dossiers/status.ts';
import { type DossierAction, type DossierState, applyDossierAction, isRefusal } from '../../../domain/dossiers/transitions.ts';
import { pathInScope } from '../access/policy.ts';
import type { ProcedureRow } from '../procedures/procedure.store.ts';
import { rulesOf, stateOf } from './dossier-state.ts';
import { rulesFor } from './dossier.service.ts';
import type { DossierRow } from './dossier.store.ts';

/**
 * The pure half of an import: one dossier's history replayed through the lifecycle rules against
 * what is already stored, giving the events to add and the state they leave — or the refusal.
 * No database here: the batch reads what it needs first and writes the plans afterwards.
 */

export interface ImportError {
  line: number;
  field: string | null;
  code: string;
  message: string;
}

/** One dossier's history refused as a whole: its error is reported and nothing of it is written. */
export class DossierRefused extends Error {
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

/** An imported dossier already in congvu, as the batch read (and locked) it. */
export interface StoredDossier {
  row: DossierRow;
  rating: { level: 'very_satisfied' | 'satisfied' | 'dissatisfied'; at: Date } | null;
  /** Its events' type, time and the status each left, in seq order. */
  events: { type: string; at: Date; status: string }[];
  /** The last event's seq: new events follow it. */
  lastSeq: number;
}

/** What the replay needs from the database, read beforehand for the whole batch. */
export interface ReplayLookups {
  procedure(unitCode: string, procedureCode: string): ProcedureRow | null;
  officials(ref: string): readonly { id: string; unit_path: string }[];
}

export interface ReplayEnv {
  now: Date;
  source: string;
  /** The importer's dossiers.work scope ('' = everywhere). */
  prefix: string;
  calendar: WorkingCalendar;
}

export interface AddedEvent {
  at: Date;
  type: string;
  status: DossierStatus;
  data: Record<string, unknown>;
  handlerId: string | null;
  legalDueAt: Date | null;
  line: number;
}

/** What a history adds to congvu: nothing new (`plan` null, all skipped), or the plan to write. */
export interface Replayed {
  skipped: number;
  plan: HistoryPlan | null;
}

export interface HistoryPlan {
  externalRef: string;
  sourceCode: string;
  stored: StoredDossier | null;
  /** Set when the dossier is created by this import (its opening row was read). */
  creation: { procedure: ProcedureRow; opening: ImportOpening } | null;
  added: AddedEvent[];
  state: DossierState;
  rules: DossierRules;
}

const eventKey = (type: string, at: Date) => `${type}|${at.getTime()}`;
const statusText = (status: DossierStatus) => `${NATIONAL_STATUS_CODE[status]} (${STATUS_LABEL_VI[status]})`;

/**
 * Replays one dossier's events (sorted by time) after what is stored. Events already stored (same
 * type, same time) are skipped. Throws DossierRefused when the history breaks a rule.
 */
export function replayHistory(env: ReplayEnv, lookups: ReplayLookups, history: DossierHistory, stored: StoredDossier | null): Replayed {
  const { now, source, prefix, calendar } = env;
  const existing = stored?.row ?? null;
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
    procedure = lookups.procedure(unitCode, procedureCode);
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

  const storedEvents = stored?.events ?? [];
  const storedStatus = new Map(storedEvents.map((s) => [eventKey(s.type, s.at), s.status as DossierStatus]));
  const lastStoredAt = storedEvents.reduce<Date | null>((last, s) => (!last || s.at > last ? s.at : last), null);

  let state: DossierState | null = existing ? stateOf(existing) : null;
  let rules: DossierRules | null = existing ? rulesOf(existing) : null;
  const seen = new Set<string>();
  const added: AddedEvent[] = [];
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
    if (e.at > now) throw refused(e.line, 'thoi_gian', 'FUTURE_TIME', 'Thời gian của sự kiện ở tương lai.');
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
        ...(state.dueAt ? { dueAt: toIsoUtc(state.dueAt) } : {}),
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
        const officials = lookups.officials(e.action.handlerRef);
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

  if (added.length === 0 || !state || !rules) return { skipped, plan: null };
  // A dossier created here had its opening row read, so its procedure and opening are known.
  const creation = existing ? null : { procedure: procedure!, opening: opening!.opening! };
  return { skipped, plan: { externalRef: externalRefOf(source, history.sourceCode), sourceCode: history.sourceCode, stored, creation, added, state, rules } };
}

/**
 * The calendar with its answers remembered: an import asks the same few hundred days again and
 * again (deadlines walk day by day), and the calendar does not change while it runs.
 */
export function rememberingCalendar(calendar: WorkingCalendar): WorkingCalendar {
  const remember = <A extends string | number, R>(ask: (date: DateOnly, arg: A) => R) => {
    const known = new Map<string, R>();
    return (date: DateOnly, arg: A): R => {
      const key = `${date}|${arg}`;
      let answer = known.get(key);
      if (answer === undefined) known.set(key, (answer = ask(date, arg)));
      return answer;
    };
  };
  const describe = remember((d) => calendar.describeDay(d));
  const working = remember((d) => calendar.isWorkingDay(d));
  const next = remember((d) => calendar.nextWorkingDay(d));
  const previous = remember((d) => calendar.previousWorkingDay(d));
  const add = remember((d, n: number) => calendar.addWorkingDays(d, n));
  const count = remember((d, to: DateOnly) => calendar.countWorkingDays(d, to));
  return {
    weekendDays: calendar.weekendDays,
    describeDay: (d) => describe(d, 0),
    isWorkingDay: (d) => working(d, 0),
    nextWorkingDay: (d) => next(d, 0),
    previousWorkingDay: (d) => previous(d, 0),
    addWorkingDays: add,
    countWorkingDays: count,
  };
}
