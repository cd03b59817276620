/**
 * The life of a "5 rõ" task: assigned → in progress → result submitted → accepted (done), or sent
 * back; extensions asked by the owner and decided by the assigner; transfers with a reason.
 * On time, late and extended are measured separately (Chỉ thị 24: 100% on time).
 */
export const TASK_STATUSES = ['open', 'in_progress', 'submitted', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_LABEL_VI: Record<TaskStatus, string> = {
  open: 'Mới giao',
  in_progress: 'Đang thực hiện',
  submitted: 'Chờ nghiệm thu',
  done: 'Hoàn thành',
  cancelled: 'Đã hủy',
};

export interface TaskState {
  status: TaskStatus;
  ownerId: string;
  unitId: string;
  dueAt: Date;
  /** The deadline as first assigned: lateness and extension are judged against it. */
  originalDueAt: Date;
  progress: number;
  submittedAt: Date | null;
  completedAt: Date | null;
  pendingExtension: { newDueAt: Date; reason: string; requestedAt: Date } | null;
  extensionCount: number;
  transferCount: number;
}

export type TaskAction =
  | { type: 'report_progress'; percent: number; note: string }
  | { type: 'submit'; note: string }
  | { type: 'accept'; note?: string | null }
  | { type: 'send_back'; reason: string }
  | { type: 'request_extension'; newDueAt: Date; reason: string }
  | { type: 'decide_extension'; approve: boolean; reason: string }
  | { type: 'transfer'; toOwnerId: string; toUnitId: string; reason: string }
  | { type: 'cancel'; reason: string };

export type TaskActionType = TaskAction['type'];

/** Who may take each action: the owner does the work; the assigner or accountable leader judges it. */
export const TASK_ACTOR: Record<TaskActionType, 'owner' | 'assigner'> = {
  report_progress: 'owner',
  submit: 'owner',
  request_extension: 'owner',
  accept: 'assigner',
  send_back: 'assigner',
  decide_extension: 'assigner',
  transfer: 'assigner',
  cancel: 'assigner',
};

const ALLOWED: Record<TaskActionType, readonly TaskStatus[]> = {
  report_progress: ['open', 'in_progress'],
  submit: ['open', 'in_progress'],
  accept: ['submitted'],
  send_back: ['submitted'],
  request_extension: ['open', 'in_progress'],
  decide_extension: ['open', 'in_progress', 'submitted'],
  transfer: ['open', 'in_progress'],
  cancel: ['open', 'in_progress', 'submitted'],
};

export interface TaskRefusal {
  code: string;
  message: string;
  field?: string;
  status: 409 | 422;
}

export function applyTaskAction(state: TaskState, action: TaskAction, now: Date): { next: TaskState; data: Record<string, unknown> } | TaskRefusal {
  if (!ALLOWED[action.type].includes(state.status)) {
    return { code: 'INVALID_TRANSITION', message: 'Không thể thực hiện thao tác này ở trạng thái hiện tại của nhiệm vụ.', status: 409 };
  }
  const next: TaskState = { ...state };
  const data: Record<string, unknown> = {};
  switch (action.type) {
    case 'report_progress':
      if (!(action.percent >= 0 && action.percent <= 100)) return { code: 'BAD_PERCENT', message: 'Tiến độ từ 0 đến 100%.', field: 'percent', status: 422 };
      next.status = 'in_progress';
      next.progress = Math.round(action.percent);
      Object.assign(data, { percent: next.progress, note: action.note });
      break;
    case 'submit':
      next.status = 'submitted';
      next.submittedAt = now;
      next.progress = 100;
      data.note = action.note;
      break;
    case 'accept':
      next.status = 'done';
      // Timeliness is judged on when the result was handed in, not when it was checked.
      next.completedAt = state.submittedAt ?? now;
      if (action.note) data.note = action.note;
      break;
    case 'send_back':
      next.status = 'in_progress';
      next.submittedAt = null;
      next.progress = Math.min(state.progress, 90);
      data.reason = action.reason;
      break;
    case 'request_extension':
      if (state.pendingExtension) return { code: 'EXTENSION_PENDING', message: 'Đang có một đề nghị gia hạn chờ quyết định.', status: 409 };
      if (action.newDueAt <= state.dueAt) return { code: 'NEW_DATE_NOT_LATER', message: 'Hạn mới phải sau hạn hiện tại.', field: 'newDueAt', status: 422 };
      next.pendingExtension = { newDueAt: action.newDueAt, reason: action.reason, requestedAt: now };
      Object.assign(data, { newDueAt: action.newDueAt.toISOString(), reason: action.reason });
      break;
    case 'decide_extension':
      if (!state.pendingExtension) return { code: 'NO_EXTENSION_PENDING', message: 'Không có đề nghị gia hạn nào chờ quyết định.', status: 409 };
      if (action.approve) {
        next.dueAt = state.pendingExtension.newDueAt;
        next.extensionCount = state.extensionCount + 1;
      }
      next.pendingExtension = null;
      Object.assign(data, { approve: action.approve, reason: action.reason, newDueAt: state.pendingExtension.newDueAt.toISOString() });
      break;
    case 'transfer':
      if (action.toOwnerId === state.ownerId) return { code: 'SAME_OWNER', message: 'Người nhận mới trùng người đang giữ nhiệm vụ.', field: 'toOwnerId', status: 422 };
      next.ownerId = action.toOwnerId;
      next.unitId = action.toUnitId;
      next.transferCount = state.transferCount + 1;
      Object.assign(data, { fromOwnerId: state.ownerId, fromUnitId: state.unitId, toOwnerId: action.toOwnerId, toUnitId: action.toUnitId, reason: action.reason });
      break;
    case 'cancel':
      next.status = 'cancelled';
      data.reason = action.reason;
      break;
  }
  return { next, data };
}

export function isTaskRefusal(r: ReturnType<typeof applyTaskAction>): r is TaskRefusal {
  return 'code' in r;
}

export type TaskTimeliness = 'on_time' | 'extended' | 'late';

/**
 * On time: done by the original deadline. Extended: done after it but within an approved
 * extension. Late: done after the deadline in force, or still open past it.
 */
export function taskTimeliness(s: Pick<TaskState, 'status' | 'dueAt' | 'originalDueAt' | 'completedAt'>, now: Date): TaskTimeliness | null {
  if (s.status === 'cancelled') return null;
  if (s.status === 'done' && s.completedAt) {
    if (s.completedAt <= s.originalDueAt) return 'on_time';
    return s.completedAt <= s.dueAt ? 'extended' : 'late';
  }
  return now > s.dueAt ? 'late' : null;
}
