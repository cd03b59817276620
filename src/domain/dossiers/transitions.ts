import {
  type PausedClock,
  type WorkingCalendar,
  computeDueAt,
  incompleteDossierClose,
  latestApologyDate,
  pauseClock,
  resumeClock,
  restartClock,
  toIsoUtc,
  vnDateOf,
} from '../calendar/index.ts';
import type { DossierRules } from './rules.ts';
import { type DossierStatus, OPEN_STATUSES } from './status.ts';

/** The part of a dossier the lifecycle rules read and write. Plain data; the service stores it. */
export interface DossierState {
  status: DossierStatus;
  receivedAt: Date | null;
  /** The due date by law: moved by the supplement clock, never by an apology. Lateness is judged on it. */
  legalDueAt: Date | null;
  /** The date promised to the citizen: the legal due date, or the new date of the apology letter. */
  dueAt: Date | null;
  supplementCount: number;
  supplementRequestedAt: Date | null;
  pausedClock: PausedClock | null;
  /** When an incomplete dossier is closed if the citizen has not completed it. */
  incompleteCloseAt: Date | null;
  apologyCount: number;
  handlerId: string | null;
  outcome: 'approved' | 'rejected' | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  visits: number;
  paidVnd: number;
}

export type DossierAction =
  | { type: 'receive' }
  | { type: 'refuse_reception'; reasons: string[] }
  | { type: 'assign'; handlerId: string }
  | { type: 'request_supplement'; items: string[]; note?: string | null }
  | { type: 'complete_supplement' }
  | { type: 'request_payment'; amountVnd: number }
  | { type: 'record_payment'; amountVnd: number; method: 'cash' | 'transfer' | 'online' }
  | { type: 'apologize'; newDueAt: Date; reason: string }
  | { type: 'propose'; outcome: 'approved' | 'rejected'; note?: string | null }
  | { type: 'decide'; outcome: 'approved' | 'rejected'; reasons?: string[] }
  | { type: 'return_result' }
  | { type: 'withdraw'; reason: string }
  | { type: 'stop'; reason: string }
  | { type: 'close_incomplete' }
  | { type: 'record_visit'; purpose: string };

export type DossierActionType = DossierAction['type'];

export interface Refusal {
  code: string;
  message: string;
  field?: string;
  /** 409 when the dossier's state forbids it, 422 when the request itself is wrong. */
  status: 409 | 422;
}

export interface TransitionResult {
  next: DossierState;
  /** The event to append: its type is the action, its data what a reader of the timeline needs. */
  event: { type: DossierActionType; data: Record<string, unknown> };
}

const ALLOWED_FROM: Record<DossierActionType, readonly DossierStatus[]> = {
  receive: ['submitted'],
  refuse_reception: ['submitted', 'received'],
  assign: ['received', 'processing'],
  request_supplement: ['submitted', 'received', 'processing'],
  complete_supplement: ['awaiting_supplement'],
  request_payment: ['received', 'processing'],
  record_payment: ['submitted', 'received', 'processing', 'awaiting_payment', 'result_ready'],
  apologize: ['received', 'processing', 'awaiting_payment'],
  propose: ['processing'],
  decide: ['processing'],
  return_result: ['result_ready'],
  withdraw: ['submitted', 'received', 'processing', 'awaiting_supplement', 'awaiting_payment'],
  stop: ['received', 'processing', 'awaiting_supplement', 'awaiting_payment'],
  close_incomplete: ['awaiting_supplement'],
  record_visit: ['submitted', 'received', 'processing', 'awaiting_supplement', 'awaiting_payment', 'result_ready', 'returned'],
};

const refuse = (code: string, message: string, status: 409 | 422 = 409, field?: string): Refusal => ({
  code,
  message,
  status,
  ...(field ? { field } : {}),
});

function dueFrom(rules: DossierRules, calendar: WorkingCalendar, from: Date): Date {
  return computeDueAt({
    receivedAt: from,
    amount: rules.processingAmount,
    unit: rules.processingUnit,
    calendar,
    officeHours: rules.officeHours,
    cutoff: rules.cutoff,
  });
}

/**
 * The one place that decides whether an action may happen to a dossier now, and what it changes.
 * Pure: the caller passes the time and the calendar. Enforces "3 không": the supplement request
 * is possible once, whoever asks; the apology and new date once, at least one working day before
 * the due date; the clock stops while the citizen or the payment is awaited.
 */
export function applyDossierAction(
  state: DossierState,
  action: DossierAction,
  ctx: { now: Date; rules: DossierRules; calendar: WorkingCalendar },
): TransitionResult | Refusal {
  const { now, rules, calendar } = ctx;
  if (action.type === 'request_supplement' && state.supplementCount > 0) {
    return refuse('SUPPLEMENT_ALREADY_REQUESTED', 'Hồ sơ đã được yêu cầu bổ sung một lần; không được yêu cầu bổ sung lần thứ hai.');
  }
  if (action.type === 'apologize' && state.apologyCount > 0) {
    return refuse('APOLOGY_ALREADY_SENT', 'Hồ sơ đã được hẹn lại ngày trả kết quả một lần; không được hẹn lại lần thứ hai.');
  }
  if (!ALLOWED_FROM[action.type].includes(state.status)) {
    return refuse('INVALID_TRANSITION', `Không thể thực hiện thao tác này khi hồ sơ ở trạng thái hiện tại.`);
  }
  const next: DossierState = { ...state };
  const data: Record<string, unknown> = {};

  switch (action.type) {
    case 'receive': {
      next.status = 'received';
      next.receivedAt = now;
      next.legalDueAt = next.dueAt = dueFrom(rules, calendar, now);
      data.dueAt = toIsoUtc(next.dueAt);
      break;
    }
    case 'refuse_reception': {
      if (action.reasons.length === 0) return refuse('REASONS_REQUIRED', 'Phải nêu lý do từ chối.', 422, 'reasons');
      next.status = 'refused';
      next.finishedAt = now;
      data.reasons = action.reasons;
      break;
    }
    case 'assign': {
      next.status = 'processing';
      next.handlerId = action.handlerId;
      data.handlerId = action.handlerId;
      break;
    }
    case 'request_supplement': {
      if (action.items.length === 0) {
        return refuse('SUPPLEMENT_ITEMS_REQUIRED', 'Phải liệt kê đầy đủ, một lần, các giấy tờ cần bổ sung.', 422, 'items');
      }
      next.supplementCount = state.supplementCount + 1;
      next.supplementRequestedAt = now;
      next.status = 'awaiting_supplement';
      next.pausedClock =
        rules.supplementMode === 'pause' && state.legalDueAt
          ? pauseClock({ dueAt: state.legalDueAt, pausedAt: now, unit: rules.processingUnit, calendar, officeHours: rules.officeHours })
          : null;
      next.incompleteCloseAt = incompleteDossierClose({ noticeAt: now, calendar, workingDays: rules.incompleteCloseWorkingDays }).closeAt;
      data.items = action.items;
      if (action.note) data.note = action.note;
      data.mode = rules.supplementMode;
      data.closeAt = toIsoUtc(next.incompleteCloseAt);
      break;
    }
    case 'complete_supplement': {
      const wasReceived = state.receivedAt !== null;
      next.status = wasReceived && state.handlerId ? 'processing' : 'received';
      if (!wasReceived) next.receivedAt = now;
      let due: Date;
      if (!wasReceived || rules.supplementMode === 'restart' || !state.pausedClock) {
        due = restartClock({
          completedAt: now,
          amount: rules.processingAmount,
          unit: rules.processingUnit,
          calendar,
          officeHours: rules.officeHours,
          cutoff: rules.cutoff,
        });
      } else {
        due = resumeClock({ paused: state.pausedClock, resumedAt: now, calendar, officeHours: rules.officeHours, cutoff: rules.cutoff });
      }
      // An apology's later date survives only if it is still later than the new legal date.
      next.legalDueAt = due;
      next.dueAt = state.apologyCount > 0 && state.dueAt && state.dueAt > due ? state.dueAt : due;
      next.pausedClock = null;
      next.incompleteCloseAt = null;
      data.dueAt = toIsoUtc(next.dueAt);
      data.mode = rules.supplementMode;
      break;
    }
    case 'request_payment': {
      if (!(action.amountVnd > 0)) return refuse('AMOUNT_REQUIRED', 'Số tiền phải lớn hơn 0.', 422, 'amountVnd');
      next.status = 'awaiting_payment';
      next.pausedClock = state.legalDueAt
        ? pauseClock({ dueAt: state.legalDueAt, pausedAt: now, unit: rules.processingUnit, calendar, officeHours: rules.officeHours })
        : null;
      data.amountVnd = action.amountVnd;
      break;
    }
    case 'record_payment': {
      if (!(action.amountVnd > 0)) return refuse('AMOUNT_REQUIRED', 'Số tiền phải lớn hơn 0.', 422, 'amountVnd');
      next.paidVnd = state.paidVnd + action.amountVnd;
      if (state.status === 'awaiting_payment') {
        next.status = state.handlerId ? 'processing' : 'received';
        if (state.pausedClock) {
          const due = resumeClock({ paused: state.pausedClock, resumedAt: now, calendar, officeHours: rules.officeHours, cutoff: rules.cutoff });
          next.legalDueAt = due;
          next.dueAt = state.dueAt && state.apologyCount > 0 && state.dueAt > due ? state.dueAt : due;
        }
        next.pausedClock = null;
      }
      data.amountVnd = action.amountVnd;
      data.method = action.method;
      break;
    }
    case 'apologize': {
      if (!state.dueAt || !state.legalDueAt) return refuse('INVALID_TRANSITION', 'Hồ sơ chưa có ngày hẹn trả.');
      const latest = latestApologyDate(state.dueAt, calendar);
      if (vnDateOf(now) > latest) {
        return refuse('APOLOGY_TOO_LATE', 'Văn bản xin lỗi và hẹn lại phải gửi chậm nhất 01 ngày làm việc trước ngày hẹn trả.');
      }
      if (action.newDueAt <= state.dueAt) {
        return refuse('NEW_DATE_NOT_LATER', 'Ngày hẹn mới phải sau ngày hẹn cũ.', 422, 'newDueAt');
      }
      if (!action.reason.trim()) return refuse('REASON_REQUIRED', 'Phải nêu lý do chậm.', 422, 'reason');
      next.apologyCount = state.apologyCount + 1;
      data.previousDueAt = toIsoUtc(state.dueAt);
      next.dueAt = action.newDueAt;
      data.newDueAt = toIsoUtc(action.newDueAt);
      data.reason = action.reason;
      break;
    }
    case 'propose': {
      data.outcome = action.outcome;
      if (action.note) data.note = action.note;
      break;
    }
    case 'decide': {
      if (action.outcome === 'rejected' && !(action.reasons && action.reasons.length)) {
        return refuse('REASONS_REQUIRED', 'Từ chối giải quyết phải nêu rõ lý do.', 422, 'reasons');
      }
      next.status = 'result_ready';
      next.outcome = action.outcome;
      next.finishedAt = now;
      data.outcome = action.outcome;
      if (action.reasons?.length) data.reasons = action.reasons;
      break;
    }
    case 'return_result': {
      next.status = 'returned';
      next.returnedAt = now;
      next.visits = state.visits + 1;
      break;
    }
    case 'withdraw':
    case 'stop': {
      if (!action.reason.trim()) return refuse('REASON_REQUIRED', 'Phải nêu lý do.', 422, 'reason');
      next.status = action.type === 'withdraw' ? 'withdrawn' : 'stopped';
      next.finishedAt = now;
      next.pausedClock = null;
      data.reason = action.reason;
      break;
    }
    case 'close_incomplete': {
      if (!state.incompleteCloseAt || now < state.incompleteCloseAt) {
        return refuse('NOT_YET_DUE', 'Chưa hết thời hạn chờ công dân bổ sung hồ sơ.');
      }
      next.status = 'stopped';
      next.finishedAt = now;
      next.pausedClock = null;
      data.reason = 'Quá thời hạn bổ sung hồ sơ';
      break;
    }
    case 'record_visit': {
      next.visits = state.visits + 1;
      data.purpose = action.purpose;
      break;
    }
  }
  return { next, event: { type: action.type, data } };
}

/** Actions the state allows now (before role checks): what a screen offers as buttons. */
export function actionsAllowedIn(state: Pick<DossierState, 'status' | 'supplementCount' | 'apologyCount'>): DossierActionType[] {
  return (Object.keys(ALLOWED_FROM) as DossierActionType[]).filter(
    (type) =>
      ALLOWED_FROM[type].includes(state.status) &&
      !(type === 'request_supplement' && state.supplementCount > 0) &&
      !(type === 'apologize' && state.apologyCount > 0),
  );
}

export function isRefusal(result: TransitionResult | Refusal): result is Refusal {
  return 'code' in result;
}

export type Timeliness = 'early' | 'on_time' | 'late';

/**
 * Judged on the legal due date, never on an apology's new date: "late dossiers stay late in every
 * figure". Early = finished before the due day began (Vietnam); on time = by the due instant.
 * An open dossier past its legal due date is already late.
 */
export function timelinessOf(state: Pick<DossierState, 'legalDueAt' | 'finishedAt' | 'status'>, now: Date): Timeliness | null {
  if (!state.legalDueAt || state.status === 'withdrawn' || state.status === 'stopped' || state.status === 'refused') return null;
  const end = state.finishedAt ?? (OPEN_STATUSES.has(state.status) ? now : null);
  if (!end) return null;
  if (end > state.legalDueAt) return 'late';
  if (!state.finishedAt) return null;
  return vnDateOf(end) < vnDateOf(state.legalDueAt) ? 'early' : 'on_time';
}
