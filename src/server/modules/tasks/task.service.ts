import { randomUUID } from 'node:crypto';
import { type BounceReason, bounceReasons } from '../../../domain/tasks/bounce.ts';
import { missingClears } from '../../../domain/tasks/five-clear.ts';
import {
  TASK_ACTOR,
  TASK_STATUS_LABEL_VI,
  type TaskAction,
  type TaskActionType,
  type TaskState,
  applyTaskAction,
  isTaskRefusal,
  taskTimeliness,
} from '../../../domain/tasks/transitions.ts';
import { foldDiacritics } from '../../../domain/text/fold.ts';
import type { TCreateTaskRequest, TTask, TTaskActionRequest, TTaskSummary } from '../../../shared/schemas/tasks.ts';
import type { Database } from '../../db/database.ts';
import type { TaskMilestone } from '../../db/schema.ts';
import { type Tx, audit, inTransaction } from '../../db/transaction.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/problem.ts';
import type { Actor, RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission, scopePrefix } from '../access/policy.ts';
import type { Executor } from '../audit/audit.store.ts';
import { findOfficialById } from '../org/official.store.ts';
import * as store from './task.store.ts';
import { unitPathInScope } from '../org/unit.store.ts';
import { syncActivityRollup } from '../metrics/activity-rollup.store.ts';

const EVENT_LABEL_VI: Record<TaskActionType | 'create', string> = {
  create: 'Giao nhiệm vụ',
  report_progress: 'Báo cáo tiến độ',
  submit: 'Báo cáo hoàn thành',
  accept: 'Nghiệm thu, chấp nhận kết quả',
  send_back: 'Trả lại, yêu cầu làm tiếp',
  request_extension: 'Đề nghị gia hạn',
  decide_extension: 'Quyết định gia hạn',
  transfer: 'Chuyển giao nhiệm vụ',
  cancel: 'Hủy nhiệm vụ',
};
const label = (type: string) => (EVENT_LABEL_VI as Record<string, string>)[type] ?? (type === 'file_attached' ? 'Đính kèm minh chứng' : type);

function stateOf(row: store.TaskRow): TaskState {
  const ext = row.pending_extension as { newDueAt: string; reason: string; requestedAt: string } | null;
  return {
    status: row.status,
    ownerId: row.owner_id,
    unitId: row.unit_id,
    dueAt: row.due_at,
    originalDueAt: row.original_due_at,
    progress: row.progress,
    submittedAt: row.submitted_at,
    completedAt: row.completed_at,
    pendingExtension: ext ? { newDueAt: new Date(ext.newDueAt), reason: ext.reason, requestedAt: new Date(ext.requestedAt) } : null,
    extensionCount: row.extension_count,
    transferCount: row.transfer_count,
  };
}

function toSummary(row: store.TaskDetailRow, now: Date): TTaskSummary {
  return {
    id: row.id,
    no: row.no,
    title: row.title,
    status: row.status,
    statusLabel: TASK_STATUS_LABEL_VI[row.status],
    priority: row.priority,
    hard: row.hard,
    unitId: row.unit_id,
    unitName: row.unit_name,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    accountableName: row.accountable_name,
    dueAt: row.due_at.toISOString(),
    originalDueAt: row.original_due_at.toISOString(),
    progress: row.progress,
    timeliness: taskTimeliness(stateOf(row), now),
    bounceReasons: row.bounce_reasons,
    transferCount: row.transfer_count,
  };
}

/** "Rõ thẩm quyền" is required when the assigner's unit or any unit above it says so. */
async function authorityRequired(db: Executor, unitPath: string): Promise<boolean> {
  const ids = unitPath.split('/').filter(Boolean);
  if (ids.length === 0) return false;
  const units = await db.selectFrom('units').select('settings').where('id', 'in', ids).execute();
  return units.some((u) => (u.settings as { requireAuthority?: boolean }).requireAuthority === true);
}

/**
 * An official the caller may name on a task — owner, accountable, collaborator, or the new owner
 * of a transfer: active and within the caller's scope (their unit subtree; the province for
 * leaders, who are the ones to bring several agencies together). An unknown id, a former official
 * and one outside the scope get the same answer, so a task never tells whether an id exists.
 */
async function assignableOfficial(db: Executor, id: string, scope: string, field: string, who: string) {
  const o = await findOfficialById(db, id);
  if (!o || !o.active || !pathInScope(o.unit_path, scope)) {
    throw invalid([{ field, message: `${who} phải là cán bộ đang công tác trong phạm vi bạn được giao việc.` }]);
  }
  return o;
}

export async function createTask(db: Database, ctx: RequestContext, input: TCreateTaskRequest): Promise<TTask> {
  const prefix = requirePermission(ctx.actor, 'tasks.assign');
  return inTransaction(db, async (trx) => {
    const missing = missingClears(input, { authorityRequired: await authorityRequired(trx, ctx.actor.unitPath) });
    if (missing.length) {
      throw new AppError(422, 'FIVE_CLEAR_MISSING', `Nhiệm vụ chưa đủ "5 rõ": thiếu ${missing.length} nội dung.`, missing);
    }
    const owner = await assignableOfficial(trx, input.ownerId!, prefix, 'ownerId', 'Người thực hiện');
    await assignableOfficial(trx, input.accountableId!, prefix, 'accountableId', 'Người chịu trách nhiệm');
    for (const [i, c] of input.collaboratorIds.entries()) await assignableOfficial(trx, c, prefix, `collaboratorIds.${i}`, 'Người phối hợp');
    const dueAt = new Date(input.dueAt!);
    if (dueAt <= ctx.now) throw invalid([{ field: 'dueAt', message: 'Thời hạn phải sau thời điểm giao việc.' }]);
    const milestones: TaskMilestone[] = input.milestones.map((m) => ({ title: m.title, dueAt: new Date(m.dueAt).toISOString(), doneAt: null }));
    const lateMilestone = milestones.findIndex((m) => new Date(m.dueAt) > dueAt);
    if (lateMilestone >= 0) throw invalid([{ field: `milestones.${lateMilestone}.dueAt`, message: 'Mốc tiến độ phải trước thời hạn hoàn thành.' }]);
    const description = input.description!.normalize('NFC').trim();
    const title = input.title ?? (description.length > 80 ? `${description.slice(0, 77)}…` : description);
    const id = randomUUID();
    await store.insertTask(trx, {
      id,
      title,
      description,
      search_text: foldDiacritics(`${title} ${description}`),
      expected_result: input.expectedResult!.normalize('NFC').trim(),
      authority: input.authority ?? null,
      source_document: input.sourceDocument ?? null,
      priority: input.priority,
      hard: input.hard,
      unit_id: owner.unit_id,
      unit_path: owner.unit_path,
      initial_unit_path: owner.unit_path,
      assigner_unit_path: ctx.actor.unitPath,
      owner_id: owner.id,
      accountable_id: input.accountableId!,
      assigner_official_id: ctx.actor.officialId,
      assigner_account_id: ctx.actor.accountId,
      collaborator_ids: input.collaboratorIds,
      milestones: JSON.stringify(milestones),
      status: 'open',
      due_at: dueAt,
      original_due_at: dueAt,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await syncActivityRollup(trx, 'task', id, null);
    await store.appendTaskEvent(trx, { task_id: id, at: ctx.now, actor_account_id: ctx.actor.accountId, actor: ctx.actor.username, type: 'create', status: 'open', data: JSON.stringify({ ownerId: owner.id, dueAt: dueAt.toISOString(), unitPath: owner.unit_path }) });
    await audit(trx, ctx, { action: 'task.create', entityType: 'task', entityId: id, after: { title, ownerId: owner.id, accountableId: input.accountableId, dueAt: dueAt.toISOString(), hard: input.hard } });
    return taskDetail(trx, ctx, id);
  });
}

function readPrefix(actor: Actor) {
  return requirePermission(actor, 'tasks.read');
}

function inReach(row: store.TaskRow, prefix: string) {
  return pathInScope(row.unit_path, prefix) || pathInScope(row.assigner_unit_path, prefix);
}

/** May this actor judge the task (accept, send back, extend, transfer, cancel)? */
function isAssigner(actor: Actor, row: store.TaskRow): boolean {
  if (actor.officialId && (actor.officialId === row.assigner_official_id || actor.officialId === row.accountable_id)) return true;
  const assign = scopePrefix(actor, 'tasks.assign');
  return assign !== null && pathInScope(row.unit_path, assign);
}

function allowedFor(actor: Actor, row: store.TaskRow): TaskActionType[] {
  const owner = actor.officialId === row.owner_id;
  const judge = isAssigner(actor, row);
  const open = ['open', 'in_progress'].includes(row.status);
  const list: TaskActionType[] = [];
  if (owner && open) list.push('report_progress', 'submit');
  if (owner && open && !row.pending_extension) list.push('request_extension');
  if (judge && row.status === 'submitted') list.push('accept', 'send_back');
  if (judge && row.pending_extension && row.status !== 'done' && row.status !== 'cancelled') list.push('decide_extension');
  if (judge && open) list.push('transfer');
  if (judge && ['open', 'in_progress', 'submitted'].includes(row.status)) list.push('cancel');
  return list;
}

async function taskDetail(db: Executor, ctx: RequestContext, id: string): Promise<TTask> {
  const row = await store.findTaskById(db, id);
  if (!row) throw notFound('Không tìm thấy nhiệm vụ.');
  const [events, files, collaborators] = await Promise.all([
    store.listTaskEvents(db, id),
    store.listTaskFiles(db, id),
    row.collaborator_ids.length ? db.selectFrom('officials').select(['id', 'full_name']).where('id', 'in', row.collaborator_ids).execute() : Promise.resolve([]),
  ]);
  const ext = row.pending_extension as { newDueAt: string; reason: string; requestedAt: string } | null;
  return {
    ...toSummary(row, ctx.now),
    description: row.description,
    expectedResult: row.expected_result,
    authority: row.authority,
    sourceDocument: row.source_document,
    accountableId: row.accountable_id,
    collaborators: collaborators.map((c) => ({ id: c.id, fullName: c.full_name })),
    milestones: row.milestones,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    pendingExtension: ext,
    extensionCount: row.extension_count,
    allowedActions: allowedFor(ctx.actor, row),
    files: files.map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size, createdAt: f.created_at.toISOString() })),
    timeline: events.map((e) => ({ seq: e.seq, at: e.at.toISOString(), type: e.type, label: label(e.type), status: e.status, actor: e.actor, data: e.data })),
  };
}

export async function getTask(db: Database, ctx: RequestContext, id: string): Promise<TTask> {
  const prefix = readPrefix(ctx.actor);
  const row = await store.findTaskById(db, id);
  if (!row || !inReach(row, prefix)) throw notFound('Không tìm thấy nhiệm vụ.');
  return taskDetail(db, ctx, id);
}

async function lockInReach(trx: Tx, ctx: RequestContext, id: string) {
  const row = await store.lockTask(trx, id);
  if (!row || !inReach(row, readPrefix(ctx.actor))) throw notFound('Không tìm thấy nhiệm vụ.');
  return row;
}

export async function actOnTask(db: Database, ctx: RequestContext, id: string, request: TTaskActionRequest): Promise<TTask> {
  return inTransaction(db, async (trx) => {
    const row = await lockInReach(trx, ctx, id);
    const role = TASK_ACTOR[request.type];
    if (role === 'owner' ? ctx.actor.officialId !== row.owner_id : !isAssigner(ctx.actor, row)) {
      throw forbidden(role === 'owner' ? 'Chỉ người được giao nhiệm vụ mới thực hiện thao tác này.' : 'Chỉ người giao việc hoặc lãnh đạo chịu trách nhiệm mới thực hiện thao tác này.');
    }
    let action: TaskAction;
    let toUnitPath: string | null = null;
    if (request.type === 'transfer') {
      // Within the caller's own scope only (an accountable official without the assign permission:
      // their unit), never the wider one of whoever first assigned the task.
      const target = await assignableOfficial(trx, request.toOwnerId, scopePrefix(ctx.actor, 'tasks.assign') ?? ctx.actor.unitPath, 'toOwnerId', 'Người nhận');
      toUnitPath = target.unit_path;
      action = { type: 'transfer', toOwnerId: target.id, toUnitId: target.unit_id, reason: request.reason };
    } else if (request.type === 'request_extension') {
      action = { ...request, newDueAt: new Date(request.newDueAt) };
    } else {
      action = request;
    }
    const result = applyTaskAction(stateOf(row), action, ctx.now);
    if (isTaskRefusal(result)) throw new AppError(result.status, result.code, result.message, result.field ? [{ field: result.field, message: result.message }] : undefined);
    const { next, data } = result;

    const milestones = [...row.milestones];
    if (request.type === 'report_progress' && request.milestoneIndex !== undefined) {
      const m = milestones[request.milestoneIndex];
      if (!m) throw invalid([{ field: 'milestoneIndex', message: 'Không có mốc tiến độ này.' }]);
      milestones[request.milestoneIndex] = { ...m, doneAt: m.doneAt ?? ctx.now.toISOString() };
      data.milestone = m.title;
    }
    let bounce: BounceReason[] = row.bounce_reasons as BounceReason[];
    if (toUnitPath) {
      data.fromUnitPath = row.unit_path;
      data.toUnitPath = toUnitPath;
      const events = await store.listTaskEvents(trx, id);
      const transfers = events
        .filter((e) => e.type === 'transfer')
        .map((e) => ({ fromUnitPath: String(e.data.fromUnitPath), toUnitPath: String(e.data.toUnitPath) }));
      transfers.push({ fromUnitPath: row.unit_path, toUnitPath });
      bounce = bounceReasons(row.initial_unit_path, transfers);
    }
    await store.updateTaskRow(trx, id, {
      status: next.status,
      owner_id: next.ownerId,
      unit_id: next.unitId,
      unit_path: toUnitPath ?? row.unit_path,
      due_at: next.dueAt,
      progress: next.progress,
      submitted_at: next.submittedAt,
      completed_at: next.completedAt,
      pending_extension: next.pendingExtension
        ? JSON.stringify({ newDueAt: next.pendingExtension.newDueAt.toISOString(), reason: next.pendingExtension.reason, requestedAt: next.pendingExtension.requestedAt.toISOString() })
        : null,
      extension_count: next.extensionCount,
      transfer_count: next.transferCount,
      bounce_reasons: bounce,
      milestones: JSON.stringify(milestones),
      updated_at: ctx.now,
    });
    await syncActivityRollup(trx, 'task', id, row);
    await store.appendTaskEvent(trx, { task_id: id, at: ctx.now, actor_account_id: ctx.actor.accountId, actor: ctx.actor.username, type: request.type, status: next.status, data: JSON.stringify(data) });
    await audit(trx, ctx, { action: `task.${request.type}`, entityType: 'task', entityId: id, before: { status: row.status, ownerId: row.owner_id, dueAt: row.due_at.toISOString() }, after: { status: next.status, ownerId: next.ownerId, dueAt: next.dueAt.toISOString(), ...data } });
    return taskDetail(trx, ctx, id);
  });
}

export async function listTasks(
  db: Database,
  ctx: RequestContext,
  query: { view: store.TaskView; status?: string; due?: 'soon' | 'overdue'; hard?: 'true' | 'false'; q?: string; unitId?: string; cursor?: string; limit: number; from?: string; to?: string; timeliness?: 'on_time' | 'extended' | 'late' },
) {
  const prefix = readPrefix(ctx.actor);
  let unitPath: string | undefined;
  if (query.unitId) {
    unitPath = await unitPathInScope(db, query.unitId, prefix);
  }
  const after = query.cursor ? (decodeCursor(query.cursor, 2, ['string', 'uuid']) as [string, string]) : undefined;
  if (after && Number.isNaN(Date.parse(after[0]))) throw invalid([{ field: 'cursor', message: 'Giá trị cursor không hợp lệ.' }]);
  const rows = await store.listTasksPage(db, {
    prefix,
    view: query.view,
    officialId: ctx.actor.officialId,
    unitPath: unitPath ?? (query.view === 'unit' ? ctx.actor.unitPath : undefined),
    statuses: query.status?.split(',').filter((s) => s in TASK_STATUS_LABEL_VI),
    due: query.due,
    hard: query.hard === undefined ? undefined : query.hard === 'true',
    folded: query.q ? foldDiacritics(query.q) : undefined,
    now: ctx.now,
    soon: new Date(ctx.now.getTime() + 3 * 86_400_000),
    after,
    limit: query.limit + 1,
    from: query.from,
    to: query.to,
    timeliness: query.timeliness,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map((r) => toSummary(r, ctx.now)), nextCursor: rows.length > query.limit && last ? encodeCursor([last.due_at.toISOString(), last.id]) : null };
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null);

/** A unit's tasks due in a period against the 100% on-time goal; extended and late apart. */
export async function taskFigures(db: Database, ctx: RequestContext, query: { unitId?: string; from: string; to: string }) {
  const prefix = readPrefix(ctx.actor);
  let pathPrefix = scopePrefix(ctx.actor, 'tasks.read') === '' && !query.unitId ? '' : ctx.actor.unitPath;
  if (query.unitId) {
    pathPrefix = await unitPathInScope(db, query.unitId, prefix);
  }
  const from = new Date(`${query.from}T00:00:00+07:00`);
  const to = new Date(new Date(`${query.to}T00:00:00+07:00`).getTime() + 86_400_000);
  const f = await store.aggregateTaskFigures(db, { pathPrefix, from, to, now: ctx.now });
  return {
    total: f.total,
    done: f.done,
    onTime: f.on_time,
    extended: f.extended,
    late: f.late,
    openOverdue: f.open_overdue,
    bounced: f.bounced,
    onTimeRate: ratio(f.on_time, f.on_time + f.extended + f.late),
    goal: 100 as const,
  };
}
