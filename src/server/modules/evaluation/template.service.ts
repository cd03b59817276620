import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ScoreTemplatesTable } from '../../db/schema.ts';
import { regimeFor } from '../../../domain/evaluation/regimes.ts';
import { DEFAULT_TEMPLATE, type ScoreTemplate, templateErrors } from '../../../domain/evaluation/template.ts';
import type { Database } from '../../db/database.ts';
import { audit, inTransaction } from '../../db/transaction.ts';
import { forbidden, invalid } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import type { Executor } from '../audit/audit.store.ts';
import { requirePermission } from '../access/policy.ts';

export const UNIT_KINDS = ['province', 'department', 'commune', 'division', 'center', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
const codeOf = (kind: UnitKind | null) => (kind ? `LOAI-${kind.toUpperCase()}` : 'MAC-DINH');

export interface TemplateRow extends ScoreTemplate {
  id: string;
  code: string;
  version: number;
  name: string;
  unitKind: UnitKind | null;
}

const selectTemplates = (db: Executor) => db.selectFrom('score_templates').selectAll().orderBy('version', 'desc');

function toTemplate(r: Selectable<ScoreTemplatesTable>): TemplateRow & { createdAt: Date; createdBy: string | null } {
  return {
    id: r.id,
    code: r.code,
    version: r.version,
    name: r.name,
    unitKind: r.unit_kind as UnitKind | null,
    criteria: r.criteria,
    deductions: r.deductions,
    headReasonMargin: Number(r.head_reason_margin),
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

async function latest(db: Executor) {
  return (await selectTemplates(db).execute()).map(toTemplate);
}

/**
 * The template in force for each unit kind: the newest version for that kind, else the newest
 * default. The default is created from the legal criteria the first time it is needed.
 */
export async function templatesInForce(db: Executor, now: Date): Promise<(kind: string) => TemplateRow> {
  let all = await latest(db);
  if (!all.some((t) => t.unitKind === null)) {
    await db.insertInto('score_templates').values({ id: randomUUID(), code: codeOf(null), version: 1, name: 'Mẫu chấm điểm hằng tháng (30 + 70)', unit_kind: null, criteria: JSON.stringify(DEFAULT_TEMPLATE.criteria), deductions: JSON.stringify(DEFAULT_TEMPLATE.deductions), head_reason_margin: DEFAULT_TEMPLATE.headReasonMargin, created_at: now }).execute();
    all = await latest(db);
  }
  const fallback = all.find((t) => t.unitKind === null)!;
  return (kind) => all.find((t) => t.unitKind === kind) ?? fallback;
}

export async function templateById(db: Executor, id: string) {
  const row = await selectTemplates(db).where('id', '=', id).executeTakeFirst();
  return row ? toTemplate(row) : null;
}

export async function listTemplates(db: Database, ctx: RequestContext) {
  requirePermission(ctx.actor, 'evaluation.read');
  const all = await latest(db);
  const inForce = new Set(UNIT_KINDS.map((k) => all.find((t) => t.unitKind === k)?.id).concat(all.find((t) => t.unitKind === null)?.id));
  return { items: all.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), inForce: inForce.has(t.id) })) };
}

/** A new version for a unit kind (or the default); earlier scorecards keep the version they were scored on. */
export async function createTemplateVersion(db: Database, ctx: RequestContext, input: ScoreTemplate & { unitKind: UnitKind | null; name: string }) {
  const prefix = requirePermission(ctx.actor, 'evaluation.manage');
  if (prefix !== '') throw forbidden('Mẫu chấm điểm do cấp tỉnh ban hành.');
  const errors = templateErrors(input, regimeFor('cong_chuc', ctx.now.toISOString().slice(0, 10)));
  if (errors.length) throw invalid(errors);
  return inTransaction(db, async (trx) => {
    const code = codeOf(input.unitKind);
    const last = await trx.selectFrom('score_templates').select('version').where('code', '=', code).orderBy('version', 'desc').forUpdate().executeTakeFirst();
    const id = randomUUID();
    const version = (last?.version ?? 0) + 1;
    await trx
      .insertInto('score_templates')
      .values({ id, code, version, name: input.name, unit_kind: input.unitKind, criteria: JSON.stringify(input.criteria), deductions: JSON.stringify(input.deductions), head_reason_margin: input.headReasonMargin, created_by: ctx.actor.username, created_at: ctx.now })
      .execute();
    await audit(trx, ctx, { action: 'score_template.create', entityType: 'score_template', entityId: id, before: last ? { version: last.version } : null, after: { code, version, ...input } });
    return { id, code, version };
  });
}
