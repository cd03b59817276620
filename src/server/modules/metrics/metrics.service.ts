import { sql } from 'kysely';
import { index766 } from '../../../domain/metrics/index-766.ts';
import { ACTIVITY_FIELDS } from '../../../domain/metrics/activity-rollup.ts';
import { ROLLUP_FIELDS } from '../../../domain/metrics/dossier-rollup.ts';
import type { Database } from '../../db/database.ts';
import type { Executor } from '../audit/audit.store.ts';
import { recomputeRollups, storedRollups } from '../dossiers/dossier-rollup.store.ts';
import { recomputeActivityRollups, storedActivityRollups } from './activity-rollup.store.ts';
import { byPeriod, storedDaily } from './daily-table.ts';

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null);

/**
 * Figures of every department, centre and commune for a period, from the daily rollups (never the
 * raw dossiers), with complaints and the 766 index, ranked by the index. Public: no personal data.
 */
export async function unitRanking(db: Executor, q: { from: string; to: string }) {
  const { rows } = await sql<{
    unit_id: string;
    code: string;
    name: string;
    kind: string;
    received: number;
    online: number;
    with_supplement: number;
    visits: number;
    digitized: number;
    finished: number;
    on_time: number;
    early: number;
    late: number;
    processing_minutes: number;
    very: number;
    satisfied: number;
    dissatisfied: number;
  }>`
    select top.id as unit_id, top.code, top.name, top.kind,
      coalesce(sum(d.received), 0)::int as received, coalesce(sum(d.online), 0)::int as online,
      coalesce(sum(d.with_supplement), 0)::int as with_supplement, coalesce(sum(d.visits), 0)::int as visits,
      coalesce(sum(d.digitized), 0)::int as digitized, coalesce(sum(d.finished), 0)::int as finished,
      coalesce(sum(d.on_time), 0)::int as on_time, coalesce(sum(d.early), 0)::int as early, coalesce(sum(d.late), 0)::int as late,
      coalesce(sum(d.processing_minutes), 0)::float as processing_minutes,
      coalesce(sum(d.rated_very_satisfied), 0)::int as very, coalesce(sum(d.rated_satisfied), 0)::int as satisfied,
      coalesce(sum(d.rated_dissatisfied), 0)::int as dissatisfied
    from units top
    join units u on u.path like top.path || '%'
    left join dossier_daily d on d.unit_id = u.id and d.day >= ${q.from}::date and d.day <= ${q.to}::date
    where top.depth = 1 and top.active
    group by top.id, top.code, top.name, top.kind
  `.execute(db);
  const complaints = await sql<{ unit: string; received: number; upheld: number }>`
    select split_part(unit_path, '/', 3) as unit, count(*) filter (where kind <> 'praise')::int as received, count(*) filter (where outcome = 'upheld')::int as upheld
    from complaints where created_at >= ${`${q.from}T00:00:00+07:00`}::timestamptz and created_at < (${q.to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh' and unit_path is not null
    group by 1
  `.execute(db);
  const items = rows
    .filter((r) => r.received > 0 || r.finished > 0)
    .map((r) => {
      const rated = r.very + r.satisfied + r.dissatisfied;
      const idx = index766({ received: r.received, online: r.online, digitized: r.digitized, finished: r.finished, onTime: r.on_time, late: r.late, rated, dissatisfied: r.dissatisfied });
      const c = complaints.rows.find((x) => x.unit === r.unit_id);
      return {
        unitId: r.unit_id,
        code: r.code,
        name: r.name,
        kind: r.kind,
        received: r.received,
        finished: r.finished,
        onTime: r.on_time,
        early: r.early,
        late: r.late,
        onTimeRate: ratio(r.on_time, r.finished),
        supplementRate: ratio(r.with_supplement, r.received),
        visitsPerDossier: r.received ? Math.round((100 * r.visits) / r.received) / 100 : null,
        averageProcessingDays: r.finished ? Math.round((r.processing_minutes / r.finished / 1440) * 10) / 10 : null,
        ratings: { verySatisfied: r.very, satisfied: r.satisfied, dissatisfied: r.dissatisfied },
        satisfactionRate: ratio(r.very + r.satisfied, rated),
        complaints: c?.received ?? 0,
        upheldComplaints: c?.upheld ?? 0,
        index: idx,
      };
    })
    .sort((a, b) => (b.index.points ?? -1) - (a.index.points ?? -1) || a.name.localeCompare(b.name));
  return { from: q.from, to: q.to, items: items.map((it, i) => ({ rank: i + 1, ...it })) };
}

/**
 * `congvu metrics verify`: every stored daily figure (dossier_daily, activity_daily) against its
 * recomputation from the dossiers, tasks, complaints, inspections and violations themselves, and
 * every monthly and yearly figure against its daily rows. Keys name the table, unit, day and column of each difference.
 */
export async function verifyMetrics(db: Database) {
  const dossierDaily = await storedRollups(db);
  const activityDaily = await storedActivityRollups(db);
  const pairs = [
    ['dossier_daily', dossierDaily, await recomputeRollups(db)],
    ['activity_daily', activityDaily, await recomputeActivityRollups(db)],
    ['dossier_monthly', await storedDaily(db, 'dossier_monthly', ROLLUP_FIELDS), byPeriod(dossierDaily, 'month')],
    ['activity_monthly', await storedDaily(db, 'activity_monthly', ACTIVITY_FIELDS), byPeriod(activityDaily, 'month')],
    ['dossier_yearly', await storedDaily(db, 'dossier_yearly', ROLLUP_FIELDS), byPeriod(dossierDaily, 'year')],
    ['activity_yearly', await storedDaily(db, 'activity_yearly', ACTIVITY_FIELDS), byPeriod(activityDaily, 'year')],
  ] as const;
  const differences: { key: string; stored: number; recomputed: number }[] = [];
  let compared = 0;
  for (const [table, stored, recomputed] of pairs) {
    const keys = new Set([...stored.keys(), ...recomputed.keys()]);
    compared += keys.size;
    for (const key of keys) {
      const a = stored.get(key) ?? 0;
      const b = recomputed.get(key) ?? 0;
      if (a !== b) differences.push({ key: `${table}|${key}`, stored: a, recomputed: b });
    }
  }
  return { compared, differences };
}

export { headsRanking, myFigures, overview, portal, trend, unitTree } from './dashboards.service.ts';
