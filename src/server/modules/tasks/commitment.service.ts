import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { hardTaskStanding, type PartyRole } from '../../../domain/tasks/quotas.ts';
import type { TCommitment } from '../../../shared/schemas/tasks.ts';
import type { Database } from '../../db/database.ts';
import { audit, inTransaction } from '../../db/transaction.ts';
import { escapeLike } from '../org/unit.store.ts';
import { forbidden, invalid, notFound } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission, scopePrefix } from '../access/policy.ts';
import type { Executor } from '../audit/audit.store.ts';
import { findOfficialById } from '../org/official.store.ts';
import { unitPathInScope } from '../org/unit.store.ts';

const select = (db: Executor) =>
  db
    .selectFrom('commitments as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .leftJoin('officials as o', 'o.id', 'c.official_id')
    .leftJoin('tasks as t', 't.id', 'c.task_id')
    .selectAll('c')
    .select(['u.name as unit_name', 'o.full_name as official_name', 't.status as task_status']);

type Row = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];

function toCommitment(r: Row): TCommitment {
  return {
    id: r.id,
    year: r.year,
    kind: r.kind,
    officialId: r.official_id,
    officialName: r.official_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    title: r.title,
    description: r.description,
    taskId: r.task_id,
    taskStatus: r.task_status,
    evaluation: r.evaluation,
    evaluationNote: r.evaluation_note,
  };
}

export async function listCommitments(db: Database, ctx: RequestContext, q: { year: number; unitId?: string; kind?: 'follow_uncle_ho' | 'hard_task' }) {
  const prefix = requirePermission(ctx.actor, 'tasks.read');
  let path = prefix;
  if (q.unitId) {
    path = await unitPathInScope(db, q.unitId, prefix);
  }
  let query = select(db).where('c.year', '=', q.year).orderBy('u.name').orderBy('o.sort_key').limit(5000);
  if (path) query = query.where('c.unit_path', 'like', `${escapeLike(path)}%`);
  if (q.kind) query = query.where('c.kind', '=', q.kind);
  return { items: (await query.execute()).map(toCommitment) };
}

/**
 * Registers a commitment: an official registers their own; a unit head or leader registers for
 * the unit (collective) or anyone in their scope. A hard task may be linked to its "5 rõ" task.
 */
export async function createCommitment(
  db: Database,
  ctx: RequestContext,
  input: { year: number; kind: 'follow_uncle_ho' | 'hard_task'; officialId?: string | null; unitId: string; title: string; description: string; taskId?: string | null },
): Promise<TCommitment> {
  return inTransaction(db, async (trx) => {
    const manage = scopePrefix(ctx.actor, 'commitments.manage');
    const own = input.officialId && input.officialId === ctx.actor.officialId;
    const unit = await trx.selectFrom('units').select(['id', 'path']).where('id', '=', input.unitId).executeTakeFirst();
    // Checked before anything is said about the unit or the official: out of reach, they answer as if they did not exist.
    if (!own && (manage === null || !(unit ? pathInScope(unit.path, manage) : manage === ''))) throw forbidden('Bạn chỉ đăng ký cam kết của chính mình.');
    if (!unit) throw invalid([{ field: 'unitId', message: 'Đơn vị không tồn tại.' }]);
    if (input.officialId) {
      const official = await findOfficialById(trx, input.officialId);
      if (!official || !official.active || !(own || pathInScope(official.unit_path, manage ?? ''))) throw invalid([{ field: 'officialId', message: 'Cán bộ không tồn tại.' }]);
      if (official.unit_id !== input.unitId) throw invalid([{ field: 'unitId', message: 'Đơn vị phải là đơn vị của cán bộ.' }]);
    }
    if (input.taskId) {
      const task = await trx.selectFrom('tasks').select(['id', 'owner_id', 'unit_path']).where('id', '=', input.taskId).executeTakeFirst();
      // The task of the official, or (collective) one held in the unit: never another unit's, whose status the commitment would show.
      if (!task || (input.officialId ? task.owner_id !== input.officialId : !pathInScope(task.unit_path, unit.path))) {
        throw invalid([{ field: 'taskId', message: 'Nhiệm vụ không tồn tại hoặc không giao cho cán bộ này.' }]);
      }
    }
    const id = randomUUID();
    await trx
      .insertInto('commitments')
      .values({ id, year: input.year, kind: input.kind, official_id: input.officialId ?? null, unit_id: unit.id, unit_path: unit.path, title: input.title, description: input.description, task_id: input.taskId ?? null, created_at: ctx.now, updated_at: ctx.now })
      .execute();
    await audit(trx, ctx, { action: 'commitment.create', entityType: 'commitment', entityId: id, after: input });
    return toCommitment((await select(trx).where('c.id', '=', id).executeTakeFirstOrThrow()));
  });
}

/** The year-end evaluation, by a head or leader over the unit: done / partly / not done, with evidence. */
export async function evaluateCommitment(db: Database, ctx: RequestContext, id: string, input: { evaluation: 'done' | 'partly' | 'not_done'; note: string }) {
  const manage = requirePermission(ctx.actor, 'commitments.manage');
  return inTransaction(db, async (trx) => {
    const row = await select(trx).where('c.id', '=', id).forUpdate('c').executeTakeFirst();
    if (!row || !pathInScope(row.unit_path, manage)) throw notFound('Không tìm thấy cam kết.');
    if (row.official_id && row.official_id === ctx.actor.officialId) throw forbidden('Không tự đánh giá cam kết của chính mình.');
    await trx.updateTable('commitments').set({ evaluation: input.evaluation, evaluation_note: input.note, evaluated_at: ctx.now, evaluated_by: ctx.actor.username, updated_at: ctx.now }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'commitment.evaluate', entityType: 'commitment', entityId: id, before: { evaluation: row.evaluation }, after: input });
    return toCommitment((await select(trx).where('c.id', '=', id).executeTakeFirstOrThrow()));
  });
}

/**
 * The hard-task quota view: every official who must register hard tasks (standing-committee
 * members 3, committee members 2, heads 1), what they registered, linked to a "5 rõ" task and
 * delivered (the task accepted as done). Below quota first.
 */
export async function hardTaskQuotas(db: Database, ctx: RequestContext, q: { year: number; unitId?: string }) {
  const prefix = requirePermission(ctx.actor, 'tasks.read');
  let path = prefix;
  if (q.unitId) {
    path = await unitPathInScope(db, q.unitId, prefix);
  }
  const { rows } = await sql<{ id: string; full_name: string; unit_name: string; party_role: PartyRole; is_head: boolean; registered: number; linked: number; delivered: number }>`
    select o.id, o.full_name, u.name as unit_name, o.party_role, o.is_head,
      count(c.id)::int as registered,
      count(c.task_id)::int as linked,
      count(t.id) filter (where t.status = 'done')::int as delivered
    from officials o
    join units u on u.id = o.unit_id
    left join commitments c on c.official_id = o.id and c.kind = 'hard_task' and c.year = ${q.year}
    left join tasks t on t.id = c.task_id
    where o.active and (o.party_role in ('standing_committee','committee') or o.is_head)
      and u.path like ${`${escapeLike(path)}%`}
    group by o.id, o.full_name, u.name, o.party_role, o.is_head, o.sort_key
    order by o.sort_key
  `.execute(db);
  const items = rows
    .map((r) => {
      const standing = hardTaskStanding({ partyRole: r.party_role, isHead: r.is_head }, r.registered, r.delivered);
      return { officialId: r.id, fullName: r.full_name, unitName: r.unit_name, partyRole: r.party_role, isHead: r.is_head, required: standing.required, registered: r.registered, linked: r.linked, delivered: r.delivered, shortfall: standing.shortfall };
    })
    .filter((r) => r.required > 0)
    .sort((a, b) => b.shortfall - a.shortfall);
  return { year: q.year, belowQuota: items.filter((i) => i.shortfall > 0).length, items };
}
