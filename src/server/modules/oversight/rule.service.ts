import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import type { RulesTable } from '../../db/schema.ts';
import { audit, inTransaction } from '../../db/transaction.ts';
import { notFound } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { requirePermission } from '../access/policy.ts';

export const RULE_CATEGORY_VI: Record<RulesTable['category'], string> = {
  code_of_conduct: 'Quy tắc ứng xử',
  three_no: 'Cam kết "3 không"',
  three_against: 'Cam kết "3 chống"',
  communication: 'Nguyên tắc giao tiếp với Nhân dân',
  other: 'Quy định khác',
};

function toRule(r: RulesTable) {
  return { id: r.id, code: r.code, version: r.version, category: r.category, categoryLabel: RULE_CATEGORY_VI[r.category], title: r.title, body: r.body, effectiveFrom: r.effective_from, current: r.superseded_at === null };
}

/** The rules in force, or every version when history is asked for (old records cite old versions). */
export async function listRules(db: Database, ctx: RequestContext, q: { history?: 'true' | 'false' }) {
  requirePermission(ctx.actor, 'org.read');
  let query = db.selectFrom('rules').selectAll().orderBy('category').orderBy('code').orderBy('version', 'desc');
  if (q.history !== 'true') query = query.where('superseded_at', 'is', null);
  return { items: (await query.execute()).map(toRule) };
}

/**
 * Adds a rule, or a new version of one (same code): the old version is marked superseded but
 * stays, so checklists and violations recorded under it keep their wording.
 */
export async function saveRule(db: Database, ctx: RequestContext, input: { code: string; category: RulesTable['category']; title: string; body: string; effectiveFrom: string }) {
  requirePermission(ctx.actor, 'rules.manage');
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('rules').selectAll().where('code', '=', input.code).where('superseded_at', 'is', null).forUpdate().executeTakeFirst();
    if (current) await trx.updateTable('rules').set({ superseded_at: ctx.now }).where('id', '=', current.id).execute();
    const row: RulesTable = { id: randomUUID(), code: input.code, version: (current?.version ?? 0) + 1, category: input.category, title: input.title, body: input.body, effective_from: input.effectiveFrom, superseded_at: null, created_at: ctx.now, created_by: ctx.actor.username };
    await trx.insertInto('rules').values(row).execute();
    await audit(trx, ctx, { action: current ? 'rule.new_version' : 'rule.create', entityType: 'rule', entityId: row.id, before: current ? toRule(current) : null, after: toRule(row) });
    return toRule(row);
  });
}

export async function getRule(db: Database, id: string) {
  const r = await db.selectFrom('rules').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('Không tìm thấy quy tắc.');
  return toRule(r);
}
