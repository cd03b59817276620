import type { Database } from '../../db/database.ts';
import { AppError } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission } from '../access/policy.ts';
import { renderConclusion } from './conclusion-pdf.ts';
import { getInspection } from './inspection.service.ts';

/** The concluded inspection as its conclusion document. */
export async function conclusionPdf(db: Database, ctx: RequestContext, id: string): Promise<Buffer> {
  const i = await getInspection(db, ctx, id);
  if (i.status !== 'concluded' || !i.concludedAt) throw new AppError(409, 'NOT_CONCLUDED', 'Cuộc kiểm tra chưa có kết luận.');
  const unitName = (uid: string) => i.targets.find((t) => t.id === uid)?.name ?? '';
  const found = await db
    .selectFrom('violations as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .innerJoin('rules as r', 'r.id', 'v.rule_id')
    .leftJoin('officials as o', 'o.id', 'v.official_id')
    .select(['u.name as unit', 'v.unit_path', 'o.full_name as official', 'r.title as rule', 'v.severity', 'v.description'])
    .where('v.inspection_id', '=', id)
    .execute();
  // A unit inspected with others reads its own violations only, as on the inspection's page.
  const prefix = requirePermission(ctx.actor, 'inspections.read');
  const violations = found.filter((v) => pathInScope(v.unit_path, prefix)).map(({ unit_path: _path, ...v }) => v);
  return renderConclusion({
    agencyName: 'Thanh tra tỉnh',
    parentName: 'UBND tỉnh Phú Thọ',
    no: i.no,
    title: i.title,
    surprise: i.surprise,
    concludedAt: new Date(i.concludedAt),
    startedAt: i.startedAt ? new Date(i.startedAt) : null,
    lead: i.lead.fullName,
    team: i.team.map((t) => t.fullName),
    targets: i.targets.map((t) => t.name),
    checklist: i.checklist.map((item, index) => ({
      text: item.text,
      results: i.answers.filter((a) => a.itemIndex === index).map((a) => ({ target: unitName(a.targetUnitId), result: a.result, note: a.note })),
    })),
    findings: i.findings.map((f) => f.text),
    conclusion: i.conclusion ?? '',
    violations,
  });
}
