import { sql } from 'kysely';
import { DEFAULT_FLAT_RULE, type FlatReason, flatReasons, mutualInflation, spreadOf } from '../../../domain/evaluation/flat-units.ts';
import type { Executor } from '../audit/audit.store.ts';
import { escapeLike } from '../org/unit.store.ts';

export const FLAT_REASON_VI: Record<FlatReason, string> = {
  same_scores: 'Điểm gần như bằng nhau',
  all_at_top: 'Hầu hết đạt điểm tối đa',
};

/**
 * Units whose closed scorecards of a month are "cào bằng", with their spread, and the peer pairs
 * who kept scoring each other at the top over the last months.
 */
export async function findFlatUnits(db: Executor, month: string, pathPrefix = '') {
  let q = db
    .selectFrom('scorecards as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['u.id', 'u.code', 'u.name', 's.final_score'])
    .where('s.month', '=', month)
    .where('s.status', '=', 'closed')
    .where('s.final_score', 'is not', null);
  if (pathPrefix) q = q.where('s.unit_path', 'like', `${escapeLike(pathPrefix)}%`);
  const rows = await q.execute();
  const byUnit = new Map<string, { code: string; name: string; scores: number[] }>();
  for (const r of rows) {
    const u = byUnit.get(r.id) ?? { code: r.code, name: r.name, scores: [] };
    u.scores.push(Number(r.final_score));
    byUnit.set(r.id, u);
  }
  const units = [...byUnit.entries()]
    .map(([id, u]) => ({ unitId: id, code: u.code, name: u.name, reasons: flatReasons(u.scores, DEFAULT_FLAT_RULE), spread: spreadOf(u.scores)! }))
    .filter((u) => u.reasons.length > 0)
    .sort((a, b) => a.code.localeCompare(b.code));
  return units;
}

export async function findMutualInflation(db: Executor, months: string[], pathPrefix = '') {
  const { rows } = await sql<{ month: string; rater: string; ratee: string; score: number }>`
    select s.month, p.reviewer_id as rater, s.official_id as ratee, p.score::float as score
    from peer_reviews p join scorecards s on s.id = p.scorecard_id
    where p.score is not null and s.month = any(${months}) and s.unit_path like ${`${escapeLike(pathPrefix)}%`}
  `.execute(db);
  return mutualInflation(rows, 95, Math.min(3, months.length));
}
