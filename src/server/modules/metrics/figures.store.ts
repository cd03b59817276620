import { sql } from 'kysely';
import { DEFAULT_FLAT_RULE, type ScoreSummary } from '../../../domain/evaluation/flat-units.ts';
import { ACTIVITY_FIELDS } from '../../../domain/metrics/activity-rollup.ts';
import { ROLLUP_FIELDS } from '../../../domain/metrics/dossier-rollup.ts';
import type { ActivitySums, DossierSums } from '../../../domain/metrics/figures.ts';
import { splitForRollups } from '../../../domain/metrics/period.ts';
import type { Executor } from '../audit/audit.store.ts';
import { escapeLike } from '../org/unit.store.ts';

// Reads of the rollups (dossier_/activity_ daily, monthly and yearly) and of closed scorecards: the only
// sources of the dashboards' figures. Never the raw dossiers or tasks.

export type Sums = { dossier: DossierSums; activity: ActivitySums };

// Copies of one template each: objects built by Object.fromEntries start in dictionary mode, and
// summing thousands of them (every unit, twice a request) was most of a province dashboard's time.
const ZERO_DOSSIER = Object.fromEntries(ROLLUP_FIELDS.map((f) => [f, 0])) as DossierSums;
const ZERO_ACTIVITY = Object.fromEntries(ACTIVITY_FIELDS.map((f) => [f, 0])) as ActivitySums;
export const emptySums = (): Sums => ({ dossier: { ...ZERO_DOSSIER }, activity: { ...ZERO_ACTIVITY } });

function addInto(target: Sums, src: Sums) {
  for (const f of ROLLUP_FIELDS) target.dossier[f] += src.dossier[f];
  for (const f of ACTIVITY_FIELDS) target.activity[f] += src.activity[f];
}

const sumsOf = (fields: readonly string[], alias: string) => sql.raw(fields.map((f) => `coalesce(sum(${alias}.${f}), 0)::float8 as ${f}`).join(', '));
const like = (prefix: string) => `${escapeLike(prefix)}%`;

type Rollup = 'dossier' | 'activity';
const FIELDS: Record<Rollup, readonly string[]> = { dossier: ROLLUP_FIELDS, activity: ACTIVITY_FIELDS };

/**
 * The rows of a rollup covering [from, to] exactly: whole years from the yearly table, whole months
 * from the monthly one (both kept by triggers on the daily table, migrations 0011 and 0014), the
 * days at either end from the daily table. A year for the whole province reads one row per unit
 * instead of 12 (or 365). `wholeYears: false` for figures grouped by month.
 */
function rollupRows(kind: Rollup, from: string, to: string, wholeYears = true) {
  const cols = sql.raw(['unit_id', ...FIELDS[kind]].join(', '));
  const { years, months, days } = splitForRollups(from, to, wholeYears);
  const parts = [
    ...(years ? [sql`select ${cols}, year as day from ${sql.table(`${kind}_yearly`)} where year >= ${years.from}::date and year <= ${years.to}::date`] : []),
    ...months.map((r) => sql`select ${cols}, month as day from ${sql.table(`${kind}_monthly`)} where month >= ${r.from}::date and month <= ${r.to}::date`),
    ...days.map((r) => sql`select ${cols}, day from ${sql.table(`${kind}_daily`)} where day >= ${r.from}::date and day <= ${r.to}::date`),
  ];
  return parts.length ? sql.join(parts, sql` union all `) : sql`select ${cols}, null::date as day from ${sql.table(`${kind}_daily`)} where false`;
}

/**
 * Per-unit sums of both rollups over [from, to], for the units under `prefix` ('' = all). With
 * `foldDepth`, a unit deeper than that is summed into its ancestor at that depth by PostgreSQL
 * (the entry keeps the ancestor's path): subtree and total sums come out the same, and a ranking
 * of a province's 400 agencies reads 400 rows instead of its 2,000 units'.
 */
export async function perUnitSums(db: Executor, prefix: string, from: string, to: string, foldDepth?: number): Promise<Map<string, { path: string; sums: Sums }>> {
  // A path is '/<root id>/…/<own id>/': its (d + 2)-th '/'-separated part is the ancestor at depth d.
  const key = foldDepth === undefined ? sql`u.id` : sql`case when u.depth > ${foldDepth} then split_part(u.path, '/', ${foldDepth + 2})::uuid else u.id end`;
  const query = (kind: Rollup) =>
    sql<Record<string, number> & { unit_id: string; path: string }>`
      select a.path, s.*
      from (select k.fold_id as unit_id, ${sumsOf(FIELDS[kind], 'k')}
              from (select ${key} as fold_id, r.*
                      -- Summed per unit first: the fold runs once per unit, not once per rollup row.
                      from (select unit_id, ${sumsOf(FIELDS[kind], 'x')} from (${rollupRows(kind, from, to)}) x group by unit_id) r
                      join units u on u.id = r.unit_id where u.path like ${like(prefix)}) k
             group by k.fold_id) s
      join units a on a.id = s.unit_id`.execute(db);
  const [dossier, activity] = await Promise.all([query('dossier'), query('activity')]);
  const out = new Map<string, { path: string; sums: Sums }>();
  const entry = (id: string, path: string) => out.get(id) ?? out.set(id, { path, sums: emptySums() }).get(id)!;
  for (const r of dossier.rows) for (const f of ROLLUP_FIELDS) entry(r.unit_id, r.path).sums.dossier[f] = Number(r[f]);
  for (const r of activity.rows) for (const f of ACTIVITY_FIELDS) entry(r.unit_id, r.path).sums.activity[f] = Number(r[f]);
  return out;
}

/** Sums over each root's subtree (root path included), from per-unit sums. */
export function subtreeSums(perUnit: Map<string, { path: string; sums: Sums }>, roots: readonly { id: string; path: string }[]): Map<string, Sums> {
  const out = new Map(roots.map((r) => [r.id, emptySums()]));
  // A path lists the unit's ancestors' ids: look each up instead of testing every root.
  for (const { path, sums } of perUnit.values()) {
    for (const id of path.split('/')) {
      const target = id ? out.get(id) : undefined;
      if (target) addInto(target, sums);
    }
  }
  return out;
}

/** Everything under `prefix`, summed. */
export function totalSums(perUnit: Map<string, { path: string; sums: Sums }>): Sums {
  const total = emptySums();
  for (const { sums } of perUnit.values()) addInto(total, sums);
  return total;
}

/** Month-by-month sums (keys 'YYYY-MM') under `prefix` over [from, to]. */
export async function monthlySums(db: Executor, prefix: string, from: string, to: string): Promise<Map<string, Sums>> {
  const query = (kind: Rollup) =>
    sql<Record<string, number> & { month: string }>`
      select to_char(r.day, 'YYYY-MM') as month, ${sumsOf(FIELDS[kind], 'r')}
      from (${rollupRows(kind, from, to, false)}) r join units u on u.id = r.unit_id
      where u.path like ${like(prefix)}
      group by 1`.execute(db);
  const [dossier, activity] = await Promise.all([query('dossier'), query('activity')]);
  const out = new Map<string, Sums>();
  const entry = (m: string) => out.get(m) ?? out.set(m, emptySums()).get(m)!;
  for (const r of dossier.rows) for (const f of ROLLUP_FIELDS) entry(r.month).dossier[f] = Number(r[f]);
  for (const r of activity.rows) for (const f of ACTIVITY_FIELDS) entry(r.month).activity[f] = Number(r[f]);
  return out;
}

/**
 * The summary of the final scores (count, extremes, sums, how many at the flat rule's top score)
 * of the latest month among `months` with closed scorecards under `prefix` (a closed month no
 * longer changes).
 */
export async function closedScores(db: Executor, prefix: string, months: readonly string[]): Promise<{ month: string | null; summary: ScoreSummary | null }> {
  if (months.length === 0) return { month: null, summary: null };
  // The latest month first, stopping at the first with a closed card (a max() over the period
  // visited every card of every month). Summed by the database: a province has 20,000 cards a
  // month, and reading them one by one (even as one text value) was a fifth of the leader's
  // dashboard in the node process.
  const topScore = DEFAULT_FLAT_RULE.topScore;
  const { rows } = await sql<Omit<ScoreSummary, 'topScore'> & { month: string }>`
    with last as (
      select m as month from unnest(${[...months]}::text[]) m
       where exists (select 1 from scorecards s where s.month = m and s.status = 'closed' and s.final_score is not null and s.unit_path like ${like(prefix)})
       order by m desc limit 1)
    select last.month, t.*
      from last cross join lateral (
        select count(*)::int as count, min(s.final_score)::float8 as min, max(s.final_score)::float8 as max,
               sum(s.final_score)::float8 as sum, sum(s.final_score * s.final_score)::float8 as "sumSquares",
               (count(*) filter (where s.final_score >= ${topScore}))::int as "atTop"
          from scorecards s
         where s.month = last.month and s.status = 'closed' and s.final_score is not null and s.unit_path like ${like(prefix)}) t`.execute(db);
  const row = rows[0];
  if (!row) return { month: null, summary: null };
  // `last` is a month with a closed card: the summary counts at least one.
  const { month, ...sums } = row;
  return { month, summary: { ...sums, topScore } };
}

/** Each official's mean closed final score over `months` (only officials with one). */
export async function averageClosedScores(db: Executor, officialIds: readonly string[], months: readonly string[]): Promise<Map<string, number>> {
  if (officialIds.length === 0 || months.length === 0) return new Map();
  const rows = await db
    .selectFrom('scorecards')
    .select(['official_id', sql<number>`round(avg(final_score)::numeric, 1)::float8`.as('avg')])
    .where('status', '=', 'closed')
    .where('final_score', 'is not', null)
    .where('official_id', 'in', [...officialIds])
    .where('month', 'in', [...months])
    .groupBy('official_id')
    .execute();
  return new Map(rows.map((r) => [r.official_id, Number(r.avg)]));
}

export async function unitsUnder(db: Executor, opts: { parentId?: string; prefix?: string; depth?: number }) {
  let q = db.selectFrom('units').select(['id', 'parent_id', 'code', 'name', 'kind', 'path', 'depth']).where('active', '=', true).orderBy('depth').orderBy('sort_order').orderBy('name');
  if (opts.parentId) q = q.where('parent_id', '=', opts.parentId);
  if (opts.prefix) q = q.where('path', 'like', like(opts.prefix));
  if (opts.depth !== undefined) q = q.where('depth', '=', opts.depth);
  return q.execute();
}

export async function findUnitRef(db: Executor, id: string) {
  return db.selectFrom('units').select(['id', 'parent_id', 'code', 'name', 'kind', 'path', 'depth']).where('id', '=', id).executeTakeFirst();
}

/** Active heads of units under `prefix`, with their unit. */
export async function headsUnder(db: Executor, prefix: string) {
  return db
    .selectFrom('officials as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .select(['o.id', 'o.full_name', 'u.id as unit_id', 'u.name as unit_name', 'u.path'])
    .where('o.is_head', '=', true)
    .where('o.active', '=', true)
    .where('u.active', '=', true)
    .where('u.path', 'like', like(prefix))
    .orderBy('o.sort_key')
    .execute();
}

/**
 * One official's own work in [from, to]: dossiers they handled (finished in the period, by their
 * handler index) and tasks they own (due in the period, by the owner index). A person's own
 * rows, not a scan: the per-unit rollups hold no per-person figures.
 */
export async function ownFigures(db: Executor, officialId: string, from: string, to: string) {
  const start = `${from}T00:00:00+07:00`;
  const { rows: d } = await sql<{ handled: number; on_time: number; late: number; very: number; satisfied: number; dissatisfied: number }>`
    select count(*)::int as handled,
      count(*) filter (where x.finished_at <= x.legal_due_at)::int as on_time,
      count(*) filter (where x.finished_at > x.legal_due_at)::int as late,
      count(r.*) filter (where r.level = 'very_satisfied')::int as very,
      count(r.*) filter (where r.level = 'satisfied')::int as satisfied,
      count(r.*) filter (where r.level = 'dissatisfied')::int as dissatisfied
    from dossiers x left join dossier_ratings r on r.dossier_id = x.id
    where x.handler_id = ${officialId} and x.status in ('result_ready', 'returned') and x.finished_at is not null and x.legal_due_at is not null
      and x.finished_at >= ${start}::timestamptz and x.finished_at < (${to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`.execute(db);
  const { rows: t } = await sql<{ due: number; done: number; on_time: number; extended: number; late: number; bounced: number }>`
    select count(*)::int as due,
      count(*) filter (where status = 'done' and completed_at is not null)::int as done,
      count(*) filter (where status = 'done' and completed_at <= original_due_at)::int as on_time,
      count(*) filter (where status = 'done' and completed_at > original_due_at and completed_at <= due_at)::int as extended,
      count(*) filter (where status = 'done' and completed_at > due_at)::int as late,
      count(*) filter (where cardinality(bounce_reasons) > 0)::int as bounced
    from tasks
    where owner_id = ${officialId} and status <> 'cancelled'
      and original_due_at >= ${start}::timestamptz and original_due_at < (${to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`.execute(db);
  return { dossiers: d[0]!, tasks: t[0]! };
}

export async function officialScores(db: Executor, officialId: string, months: readonly string[]) {
  if (months.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('scorecards')
    .select(['month', 'final_score'])
    .where('official_id', '=', officialId)
    .where('status', '=', 'closed')
    .where('month', 'in', [...months])
    .execute();
  return new Map(rows.filter((r) => r.final_score !== null).map((r) => [r.month, Number(r.final_score)]));
}
