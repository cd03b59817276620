import type { TMe } from '../../../shared/schemas/access.ts';
import type { TTaskSummary } from '../../../shared/schemas/tasks.ts';
import type { TaskStatus, TaskView } from '../../api/tasks.queries.ts';
import type { TFunction, TKey } from '../../i18n/i18n.tsx';
import { formatDateTime, vnWallClock, vnWeekday } from '../../lib/format.ts';
import { hasAnyRole } from '../../lib/roles.ts';

export const TASKS_PATH = '/nhiem-vu';
export const ASSIGN_PATH = '/nhiem-vu/giao-viec';
export const BOUNCED_PATH = '/nhiem-vu/day-viec';
export const COMMITMENTS_PATH = '/nhiem-vu/cam-ket';
export const taskPath = (id: string) => `${TASKS_PATH}/${id}`;

/** The board's columns, in the order work moves. */
export const BOARD_STATUSES = ['open', 'in_progress', 'submitted', 'done'] as const satisfies readonly TaskStatus[];
export const OPEN_STATUSES = ['open', 'in_progress', 'submitted'] as const satisfies readonly TaskStatus[];

export const STATUS_COLOR: Record<TaskStatus, string> = {
  open: 'blue',
  in_progress: 'geekblue',
  submitted: 'gold',
  done: 'green',
  cancelled: 'default',
};

export const BOUNCE_REASONS = ['too_many_transfers', 'returned_to_unit', 'pushed_up'] as const;
export type BounceReason = (typeof BOUNCE_REASONS)[number];
export const isBounceReason = (r: string): r is BounceReason => (BOUNCE_REASONS as readonly string[]).includes(r);

export const statusKey = (s: TaskStatus): TKey => `tasks.status.${s}`;

/** Who may assign tasks (mirrors the server's tasks.assign grant; the server still decides). */
export const ASSIGNER_ROLES = ['unit_head', 'leader', 'admin'] as const;
export const canAssign = (me: TMe) => hasAnyRole(me, ASSIGNER_ROLES);
/**
 * The unit whose subtree a task's official pickers list (undefined: the province). The server
 * takes owners, accountables, collaborators and transfer targets only within the caller's assign
 * scope — the province for leaders and administrators, otherwise the caller's own unit — which
 * can be narrower than what the caller may read (an inspector who also heads a unit).
 */
export const assignableUnitId = (me: TMe) => (hasAnyRole(me, ['leader', 'admin']) ? undefined : me.unit.id);
/** Who reads the province-wide and "đẩy việc" views. */
export const BOUNCED_ROLES = ['leader', 'unit_head', 'admin', 'inspector'] as const;
/** Who evaluates commitments and registers them for others (commitments.manage). */
export const canManageCommitments = (me: TMe) => hasAnyRole(me, ['unit_head', 'leader', 'admin']);
/** Whose task figures cover the whole province (scope "all" on tasks.read). */
export const readsProvince = (me: TMe) => hasAnyRole(me, ['leader', 'admin', 'inspector']);

/** The lists a user may switch between, most useful first. */
export function viewsFor(me: TMe): TaskView[] {
  const out: TaskView[] = [];
  const person = Boolean(me.officialId);
  const assigner = canAssign(me);
  const province = readsProvince(me);
  if (assigner && person) out.push('assigned');
  if (person) out.push('mine');
  if (!province) out.push('unit');
  if (province) out.push('all');
  if (hasAnyRole(me, BOUNCED_ROLES)) out.push('bounced');
  // An officer's own work comes first.
  if (!assigner && person) out.sort((a, b) => (a === 'mine' ? -1 : b === 'mine' ? 1 : 0));
  return out.length ? out : ['unit'];
}

export const isOpenStatus = (s: TaskStatus) => (OPEN_STATUSES as readonly string[]).includes(s);

/** Overdue, or due within three days (the server's "soon" window), while the task is open. */
export function taskDueState(t: Pick<TTaskSummary, 'status' | 'dueAt'>, now = Date.now()): 'overdue' | 'soon' | null {
  if (!isOpenStatus(t.status)) return null;
  const at = Date.parse(t.dueAt);
  if (at < now) return 'overdue';
  if (at <= now + 3 * 86_400_000) return 'soon';
  return null;
}

/** "Thứ Sáu, 28/11/2026 17:00". */
export function dueWithWeekday(t: TFunction, iso: string): string {
  return `${t(`weekday.${vnWeekday(iso)}` as TKey)}, ${formatDateTime(iso)}`;
}

const EVENT_TYPES = new Set([
  'create',
  'report_progress',
  'submit',
  'accept',
  'send_back',
  'request_extension',
  'decide_extension',
  'transfer',
  'cancel',
  'file_attached',
]);

/** The timeline label of an event in the current language; unknown types keep the server's label. */
export function taskEventLabel(t: TFunction, type: string, serverLabel?: string): string {
  return EVENT_TYPES.has(type) ? t(`tasks.event.${type}` as TKey) : (serverLabel ?? type);
}

/** Today's date in Vietnam as "yyyy-MM-dd". */
export function vnToday(now = new Date()): string {
  return vnWallClock(now)?.date ?? now.toISOString().slice(0, 10);
}
