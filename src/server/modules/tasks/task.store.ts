import { type Insertable, type Selectable, sql } from 'kysely';
import type { TaskEventsTable, TaskFilesTable, TasksTable } from '../../db/schema.ts';
import type { Executor } from '../audit/audit.store.ts';
import { escapeLike } from '../org/unit.store.ts';

export type TaskRow = Selectable<TasksTable>;
export type TaskDetailRow = TaskRow & { unit_name: string; owner_name: string; accountable_name: string };

const detail = (db: Executor) =>
  db
    .selectFrom('tasks as t')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .innerJoin('officials as o', 'o.id', 't.owner_id')
    .innerJoin('officials as a', 'a.id', 't.accountable_id')
    .selectAll('t')
    .select(['u.name as unit_name', 'o.full_name as owner_name', 'a.full_name as accountable_name']);

export async function findTaskById(db: Executor, id: string): Promise<TaskDetailRow | undefined> {
  return detail(db).where('t.id', '=', id).executeTakeFirst();
}

export async function lockTask(db: Executor, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom('tasks').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertTask(db: Executor, row: Insertable<TasksTable>) {
  await db.insertInto('tasks').values(row).execute();
}

export async function updateTaskRow(db: Executor, id: string, patch: Partial<Insertable<TasksTable>>) {
  await db.updateTable('tasks').set(patch).where('id', '=', id).execute();
}

export async function appendTaskEvent(db: Executor, event: Omit<Insertable<TaskEventsTable>, 'seq'>) {
  const last = await db
    .selectFrom('task_events')
    .select(sql<number>`coalesce(max(seq), 0)::int`.as('seq'))
    .where('task_id', '=', event.task_id)
    .executeTakeFirstOrThrow();
  await db.insertInto('task_events').values({ ...event, seq: last.seq + 1 }).execute();
}

export async function listTaskEvents(db: Executor, taskId: string) {
  return db.selectFrom('task_events').selectAll().where('task_id', '=', taskId).orderBy('seq').execute();
}

export async function insertTaskFile(db: Executor, row: Insertable<TaskFilesTable>) {
  await db.insertInto('task_files').values(row).execute();
}

export async function listTaskFiles(db: Executor, taskId: string) {
  return db.selectFrom('task_files').selectAll().where('task_id', '=', taskId).orderBy('created_at').execute();
}

export async function findTaskFile(db: Executor, taskId: string, fileId: string) {
  return db.selectFrom('task_files').selectAll().where('task_id', '=', taskId).where('id', '=', fileId).executeTakeFirst();
}

export type TaskView = 'mine' | 'unit' | 'assigned' | 'bounced' | 'all';
const OPEN = ['open', 'in_progress', 'submitted'] as const;

/** A page of tasks, the most urgent first; scope = the task's unit or the assigner's unit is in reach. */
export async function listTasksPage(
  db: Executor,
  opts: {
    prefix: string;
    view: TaskView;
    officialId: string | null;
    unitPath?: string;
    statuses?: string[];
    due?: 'soon' | 'overdue';
    hard?: boolean;
    folded?: string;
    now: Date;
    soon: Date;
    after?: [string, string];
    limit: number;
    from?: string;
    to?: string;
    timeliness?: 'on_time' | 'extended' | 'late';
  },
) {
  let q = detail(db).orderBy('t.due_at').orderBy('t.id').limit(opts.limit);
  // Metrics drill-down, with the rollup's cohort rules (src/domain/metrics/activity-rollup.ts).
  if (opts.from || opts.to || opts.timeliness) q = q.where('t.status', '<>', 'cancelled');
  if (opts.from) q = q.where(sql<boolean>`t.original_due_at >= ${`${opts.from}T00:00:00+07:00`}::timestamptz`);
  if (opts.to) q = q.where(sql<boolean>`t.original_due_at < (${opts.to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`);
  if (opts.timeliness) q = q.where('t.status', '=', 'done').where('t.completed_at', 'is not', null);
  if (opts.timeliness === 'on_time') q = q.where(sql<boolean>`t.completed_at <= t.original_due_at`);
  if (opts.timeliness === 'extended') q = q.where(sql<boolean>`t.completed_at > t.original_due_at and t.completed_at <= t.due_at`);
  if (opts.timeliness === 'late') q = q.where(sql<boolean>`t.completed_at > t.due_at`);
  if (opts.prefix) {
    const like = `${escapeLike(opts.prefix)}%`;
    q = q.where((eb) => eb.or([eb('t.unit_path', 'like', like), eb('t.assigner_unit_path', 'like', like)]));
  }
  const none = '00000000-0000-0000-0000-000000000000';
  switch (opts.view) {
    case 'mine':
      q = q.where((eb) => eb.or([eb('t.owner_id', '=', opts.officialId ?? none), sql<boolean>`${opts.officialId ?? none}::uuid = any(t.collaborator_ids)`]));
      break;
    case 'assigned':
      q = q.where((eb) => eb.or([eb('t.assigner_official_id', '=', opts.officialId ?? none), eb('t.accountable_id', '=', opts.officialId ?? none)]));
      break;
    case 'bounced':
      q = q.where(sql<boolean>`cardinality(t.bounce_reasons) > 0`);
      break;
    case 'unit':
    case 'all':
      break;
  }
  if (opts.unitPath) q = q.where('t.unit_path', 'like', `${escapeLike(opts.unitPath)}%`);
  if (opts.statuses?.length) q = q.where('t.status', 'in', opts.statuses as TaskRow['status'][]);
  if (opts.due === 'overdue') q = q.where('t.status', 'in', [...OPEN]).where('t.due_at', '<', opts.now);
  if (opts.due === 'soon') q = q.where('t.status', 'in', [...OPEN]).where('t.due_at', '>=', opts.now).where('t.due_at', '<=', opts.soon);
  if (opts.hard !== undefined) q = q.where('t.hard', '=', opts.hard);
  if (opts.folded) q = q.where('t.search_text', 'like', `%${escapeLike(opts.folded)}%`);
  if (opts.after) q = q.where(sql<boolean>`(t.due_at, t.id) > (${opts.after[0]}::timestamptz, ${opts.after[1]}::uuid)`);
  return q.execute();
}

/** Task figures under a path for tasks due in a period: on time, extended and late counted apart. */
export async function aggregateTaskFigures(db: Executor, opts: { pathPrefix: string; from: Date; to: Date; now: Date }) {
  const { rows } = await sql<{ total: number; done: number; on_time: number; extended: number; late: number; open_overdue: number; bounced: number }>`
    select
      count(*)::int as total,
      count(*) filter (where status = 'done')::int as done,
      count(*) filter (where status = 'done' and completed_at <= original_due_at)::int as on_time,
      count(*) filter (where status = 'done' and completed_at > original_due_at and completed_at <= due_at)::int as extended,
      count(*) filter (where (status = 'done' and completed_at > due_at) or (status in ('open','in_progress','submitted') and due_at < ${opts.now}))::int as late,
      count(*) filter (where status in ('open','in_progress','submitted') and due_at < ${opts.now})::int as open_overdue,
      count(*) filter (where cardinality(bounce_reasons) > 0)::int as bounced
    from tasks
    where unit_path like ${`${escapeLike(opts.pathPrefix)}%`}
      and status <> 'cancelled'
      and original_due_at >= ${opts.from} and original_due_at < ${opts.to}
  `.execute(db);
  return rows[0]!;
}
