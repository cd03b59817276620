import { vnDateOf } from '../../../domain/calendar/index.ts';
import { NO_SCORES, figuresOf, ratio } from '../../../domain/metrics/figures.ts';
import { type Period, monthsOf, monthsUntil, previousPeriod, resolvePeriod } from '../../../domain/metrics/period.ts';
import { byDescNullsLast, headScore, ranksOf, trendOf } from '../../../domain/metrics/ranking.ts';
import type {
  TFigures,
  THeadRankRow,
  THeadsRanking,
  TMetricsOverview,
  TMyFigures,
  TPeriodQuery,
  TPortal,
  TTreeNode,
  TTrendPoint,
  TTrendQuery,
  TUnitRankRow,
  TUnitTree,
} from '../../../shared/schemas/metrics.ts';
import { notFound } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { requirePermission } from '../access/policy.ts';
import type { Executor } from '../audit/audit.store.ts';
import { findRootUnit, unitPathInScope } from '../org/unit.store.ts';
import * as store from './figures.store.ts';
import { figureLinks, myLinks } from './metrics-links.ts';

type UnitRow = Awaited<ReturnType<typeof store.unitsUnder>>[number];

/** The subtree a request is about: an explicit unit in scope (else 404), or the caller's scope root. */
async function targetOf(db: Executor, ctx: RequestContext, unitId: string | undefined): Promise<{ unit: UnitRow | null; prefix: string }> {
  const scope = requirePermission(ctx.actor, 'metrics.read');
  const id = unitId ?? (scope === '' ? null : ctx.actor.unitId);
  if (id === null) return { unit: null, prefix: '' };
  await unitPathInScope(db, id, scope);
  const unit = (await store.findUnitRef(db, id))!;
  return { unit, prefix: unit.path };
}

const periodOut = (p: Period) => ({ kind: p.kind, from: p.from, to: p.to, label: p.label });

const byName = new Intl.Collator('vi');

type PerUnit = Awaited<ReturnType<typeof store.perUnitSums>>;

/**
 * Per-unit sums for a period and the one before it: read once per request, shared by figures and
 * rankings. Units deeper than `rankDepth` (the depth of the units ranked) are folded into their
 * ancestor at that depth by the database.
 */
async function periodSums(db: Executor, prefix: string, p: Period, rankDepth: number): Promise<{ now: PerUnit; before: PerUnit }> {
  const prev = previousPeriod(p);
  const [now, before] = await Promise.all([store.perUnitSums(db, prefix, p.from, p.to, rankDepth), store.perUnitSums(db, prefix, prev.from, prev.to, rankDepth)]);
  return { now, before };
}

function figuresFrom(perUnit: PerUnit, scores: Awaited<ReturnType<typeof store.closedScores>>): TFigures {
  const s = store.totalSums(perUnit);
  return figuresOf(s.dossier, s.activity, scores);
}

/** Rank rows of `units` for a period, ranked by the 766 index then on-time rate, with trend against the previous period. */
function rankUnits(units: readonly UnitRow[], sums: { now: PerUnit; before: PerUnit }): TUnitRankRow[] {
  if (units.length === 0) return [];
  const rowsOf = (perUnit: PerUnit) => {
    const subtree = store.subtreeSums(perUnit, units);
    return units.map((u) => {
      const s = subtree.get(u.id)!;
      const f = figuresOf(s.dossier, s.activity, NO_SCORES);
      return { id: u.id, u, f, hasData: s.dossier.received > 0 || s.dossier.finished > 0, complaints: s.activity.complaints_received };
    });
  };
  const { now, before } = sums;
  const order = byDescNullsLast<{ f: TFigures }>(
    (x) => x.f.index766.total,
    (x) => x.f.dossiers.onTimeRate,
  );
  const current = rowsOf(now).sort((a, b) => order(a, b) || byName.compare(a.u.name, b.u.name));
  const previous = rowsOf(before).filter((x) => x.hasData).sort((a, b) => order(a, b) || byName.compare(a.u.name, b.u.name));
  const prevRanks = ranksOf(previous);
  return current.map((x, i) => {
    const previousRank = prevRanks.get(x.id) ?? null;
    return {
      unitId: x.u.id,
      code: x.u.code,
      name: x.u.name,
      kind: x.u.kind,
      rank: i + 1,
      previousRank,
      trend: trendOf(i + 1, previousRank),
      received: x.f.dossiers.received,
      onTimeRate: x.f.dossiers.onTimeRate,
      supplementRate: x.f.dossiers.supplementRate,
      satisfactionIndex: x.f.dossiers.satisfactionIndex,
      complaints: x.complaints,
      index766: x.f.index766.total,
    };
  });
}

/** A unit's (or the province's) figures for a period and the previous one, its children ranked, drill-down links. */
export async function overview(db: Executor, ctx: RequestContext, q: TPeriodQuery & { unitId?: string }): Promise<TMetricsOverview> {
  const { unit, prefix } = await targetOf(db, ctx, q.unitId);
  const p = resolvePeriod(q, ctx.now);
  const parentId = unit?.id ?? (await findRootUnit(db))?.id;
  const [sums, scores, previousScores, children] = await Promise.all([
    // The children ranked sit one level below the unit (the root, depth 0, when none is given).
    periodSums(db, prefix, p, (unit?.depth ?? 0) + 1),
    store.closedScores(db, prefix, monthsOf(p)),
    store.closedScores(db, prefix, monthsOf(previousPeriod(p))),
    parentId ? store.unitsUnder(db, { parentId }) : Promise.resolve([]),
  ]);
  const figures = figuresFrom(sums.now, scores);
  const previous = figuresFrom(sums.before, previousScores);
  return {
    unit: unit ? { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind } : null,
    period: periodOut(p),
    figures,
    previous,
    links: figureLinks(unit?.id ?? null, p, figures.scores.month),
    children: rankUnits(children, sums),
  };
}

/** Month by month up to `until` (default: this month). */
export async function trend(db: Executor, ctx: RequestContext, q: TTrendQuery): Promise<{ points: TTrendPoint[] }> {
  const { prefix } = await targetOf(db, ctx, q.unitId);
  const months = monthsUntil(q.until ?? vnDateOf(ctx.now).slice(0, 7), q.months ?? 12);
  const sums = await store.monthlySums(db, prefix, months[0]!.from, months.at(-1)!.to);
  return {
    points: months.map((m) => {
      const s = sums.get(m.from.slice(0, 7)) ?? store.emptySums();
      const f = figuresOf(s.dossier, s.activity, NO_SCORES);
      return {
        month: m.from.slice(0, 7),
        received: f.dossiers.received,
        onTimeRate: f.dossiers.onTimeRate,
        satisfactionIndex: f.dossiers.satisfactionIndex,
        index766: f.index766.total,
        tasksOnTimeRate: f.tasks.onTimeRate,
      };
    }),
  };
}

/** Heads of units in scope ranked by their unit's figures and their own mean closed score; trend against the previous period. */
export async function headsRanking(db: Executor, ctx: RequestContext, q: TPeriodQuery): Promise<THeadsRanking> {
  const { prefix } = await targetOf(db, ctx, undefined);
  const p = resolvePeriod(q, ctx.now);
  const heads = await store.headsUnder(db, prefix);
  const roots = heads.map((h) => ({ id: h.unit_id, path: h.path }));
  const standing = async (period: Period) => {
    const [perUnit, scores] = await Promise.all([store.perUnitSums(db, prefix, period.from, period.to), store.averageClosedScores(db, heads.map((h) => h.id), monthsOf(period))]);
    const sums = store.subtreeSums(perUnit, roots);
    return heads.map((h) => {
      const s = sums.get(h.unit_id)!;
      const f = figuresOf(s.dossier, s.activity, NO_SCORES);
      const m = {
        index766: f.index766.total,
        index766Max: f.index766.max,
        onTimeRate: f.dossiers.onTimeRate,
        tasksOnTimeRate: f.tasks.onTimeRate,
        satisfactionIndex: f.dossiers.satisfactionIndex,
        averageScore: scores.get(h.id) ?? null,
      };
      return { id: h.id, h, m, score: headScore(m) };
    });
  };
  const byScore = byDescNullsLast<{ score: number | null }>((x) => x.score);
  const [now, before] = await Promise.all([standing(p), standing(previousPeriod(p))]);
  const current = now.sort((a, b) => byScore(a, b) || byName.compare(a.h.full_name, b.h.full_name));
  const prevRanks = ranksOf(before.filter((x) => x.score !== null).sort((a, b) => byScore(a, b) || byName.compare(a.h.full_name, b.h.full_name)));
  const items: THeadRankRow[] = current.map((x, i) => {
    const previousRank = prevRanks.get(x.id) ?? null;
    return {
      officialId: x.h.id,
      fullName: x.h.full_name,
      unitId: x.h.unit_id,
      unitName: x.h.unit_name,
      rank: i + 1,
      previousRank,
      trend: trendOf(i + 1, previousRank),
      onTimeRate: x.m.onTimeRate,
      tasksOnTimeRate: x.m.tasksOnTimeRate,
      satisfactionIndex: x.m.satisfactionIndex,
      index766: x.m.index766,
      averageScore: x.m.averageScore,
      score: x.score,
    };
  });
  return { period: periodOut(p), items };
}

/** Every unit in scope with its subtree's received count and on-time rate. */
export async function unitTree(db: Executor, ctx: RequestContext, q: TPeriodQuery): Promise<TUnitTree> {
  const { prefix } = await targetOf(db, ctx, undefined);
  const p = resolvePeriod(q, ctx.now);
  const [units, perUnit] = await Promise.all([store.unitsUnder(db, { prefix }), store.perUnitSums(db, prefix, p.from, p.to)]);
  const sums = store.subtreeSums(perUnit, units);
  const nodes: TTreeNode[] = units.map((u) => {
    const s = sums.get(u.id)!;
    return { id: u.id, parentId: u.parent_id, code: u.code, name: u.name, kind: u.kind, depth: u.depth, received: s.dossier.received, onTimeRate: ratio(s.dossier.on_time, s.dossier.finished) };
  });
  return { period: periodOut(p), nodes };
}

/** The caller's own figures: any logged-in official. */
export async function myFigures(db: Executor, ctx: RequestContext, q: TPeriodQuery): Promise<TMyFigures> {
  if (!ctx.actor.officialId) throw notFound('Tài khoản không gắn với cán bộ nào.');
  const official = await db
    .selectFrom('officials as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .select(['o.id', 'o.full_name', 'u.name as unit_name'])
    .where('o.id', '=', ctx.actor.officialId)
    .executeTakeFirst();
  if (!official) throw notFound('Không tìm thấy cán bộ.');
  const p = resolvePeriod(q, ctx.now);
  const months = monthsOf(p);
  const [own, scores] = await Promise.all([store.ownFigures(db, official.id, p.from, p.to), store.officialScores(db, official.id, months)]);
  return {
    official: { id: official.id, fullName: official.full_name, unitName: official.unit_name },
    period: periodOut(p),
    dossiers: {
      handled: own.dossiers.handled,
      onTime: own.dossiers.on_time,
      late: own.dossiers.late,
      onTimeRate: ratio(own.dossiers.on_time, own.dossiers.handled),
      ratings: { verySatisfied: own.dossiers.very, satisfied: own.dossiers.satisfied, dissatisfied: own.dossiers.dissatisfied },
    },
    tasks: { due: own.tasks.due, done: own.tasks.done, onTime: own.tasks.on_time, extended: own.tasks.extended, late: own.tasks.late, bounced: own.tasks.bounced, onTimeRate: ratio(own.tasks.on_time, own.tasks.done) },
    scores: months.map((m) => ({ month: m, final: scores.get(m) ?? null })),
    links: myLinks(p),
  };
}

/**
 * The public portal: the province's figures and its agencies and communes ranked. No names of
 * people, no citizens' data: only unit-level counts, rates and the index.
 */
export async function portal(db: Executor, q: TPeriodQuery, now = new Date()): Promise<TPortal> {
  const p = resolvePeriod(q, now);
  const top = await store.unitsUnder(db, { depth: 1 });
  const agencies = top.filter((u) => u.kind === 'department' || u.kind === 'center');
  const communes = top.filter((u) => u.kind === 'commune');
  const [sums, scores] = await Promise.all([periodSums(db, '', p, 1), store.closedScores(db, '', monthsOf(p))]);
  return { period: periodOut(p), updatedAt: now.toISOString(), province: figuresFrom(sums.now, scores), agencies: rankUnits(agencies, sums), communes: rankUnits(communes, sums) };
}
