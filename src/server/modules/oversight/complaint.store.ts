import type { Insertable, Selectable } from 'kysely';
import type { ComplaintsTable } from '../../db/schema.ts';
import type { Executor } from '../audit/audit.store.ts';
import { escapeLike } from '../org/unit.store.ts';

export type ComplaintRow = Selectable<ComplaintsTable> & { unit_name: string | null };

const base = (db: Executor) =>
  db.selectFrom('complaints as c').leftJoin('units as u', 'u.id', 'c.unit_id').selectAll('c').select('u.name as unit_name');

export async function insertComplaint(db: Executor, row: Insertable<ComplaintsTable>) {
  await db.insertInto('complaints').values(row).execute();
}

export async function findComplaint(db: Executor, by: { id?: string; trackingCode?: string; token?: string }): Promise<ComplaintRow | undefined> {
  let q = base(db);
  if (by.id) q = q.where('c.id', '=', by.id);
  else if (by.trackingCode) q = q.where('c.tracking_code', '=', by.trackingCode);
  else if (by.token) q = q.where('c.token', '=', by.token);
  else return undefined;
  return q.executeTakeFirst();
}

export async function findRecentByFingerprint(db: Executor, fingerprint: string, since: Date) {
  return db.selectFrom('complaints').select(['tracking_code']).where('fingerprint', '=', fingerprint).where('created_at', '>=', since).executeTakeFirst();
}

export async function updateComplaintRow(db: Executor, id: string, patch: Partial<Insertable<ComplaintsTable>>) {
  await db.updateTable('complaints').set(patch).where('id', '=', id).execute();
}

/** Complaints in reach: those of units under the prefix; those with no unit only for the whole-province scope. */
export async function listComplaints(
  db: Executor,
  opts: { prefix: string; status?: string[]; kind?: string; overdue?: boolean; now: Date; from?: Date; to?: Date; answeredFrom?: Date; answeredTo?: Date; outcome?: 'upheld' | 'not_upheld'; trackingCode?: string; limit: number; beforeCreatedAt?: Date },
) {
  let q = base(db).orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(opts.limit);
  if (opts.prefix) q = q.where('c.unit_path', 'like', `${escapeLike(opts.prefix)}%`);
  if (opts.status?.length) q = q.where('c.status', 'in', opts.status as ComplaintRow['status'][]);
  // One kind, or several separated by commas (a dashboard's "received" counts every kind but praise).
  if (opts.kind) q = q.where('c.kind', 'in', opts.kind.split(',') as ComplaintRow['kind'][]);
  if (opts.overdue) q = q.where('c.status', 'in', ['received', 'assigned']).where('c.response_due_at', '<', opts.now);
  if (opts.from) q = q.where('c.created_at', '>=', opts.from);
  if (opts.to) q = q.where('c.created_at', '<', opts.to);
  if (opts.answeredFrom) q = q.where('c.answered_at', '>=', opts.answeredFrom);
  if (opts.answeredTo) q = q.where('c.answered_at', '<', opts.answeredTo);
  if (opts.outcome) q = q.where('c.outcome', '=', opts.outcome);
  if (opts.trackingCode) q = q.where('c.tracking_code', '=', opts.trackingCode);
  if (opts.beforeCreatedAt) q = q.where('c.created_at', '<', opts.beforeCreatedAt);
  return q.execute();
}
