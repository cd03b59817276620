import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

const BUCKETS = [1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60, 90];
const HIST = [...BUCKETS.map((b) => `proc_le_${b}d`), 'proc_over_90d'];

// Daily figures of tasks, complaints, inspections and violations per unit, kept current in the
// same transaction as each change (src/domain/metrics/activity-rollup.ts), and a processing-time
// histogram in dossier_daily for the 90th percentile. Existing rows are backfilled here with the
// same rules in SQL, so `congvu metrics verify` agrees right after the upgrade.
const bucketOf = (minutes: string) => `case ${BUCKETS.map((b) => `when ${minutes} <= ${b * 1440} then 'proc_le_${b}d'`).join(' ')} else 'proc_over_90d' end`;
const vnDay = (col: string) => `(${col} at time zone 'Asia/Ho_Chi_Minh')::date`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    ...HIST.map((c) => `alter table dossier_daily add column ${c} int not null default 0`),
    `create table activity_daily (
      unit_id uuid not null references units(id),
      day date not null,
      tasks_due int not null default 0,
      tasks_done int not null default 0,
      tasks_on_time int not null default 0,
      tasks_extended int not null default 0,
      tasks_late int not null default 0,
      tasks_bounced int not null default 0,
      complaints_received int not null default 0,
      complaints_upheld int not null default 0,
      inspections_concluded int not null default 0,
      violations_found int not null default 0,
      primary key (unit_id, day)
    )`,
    `create index activity_daily_day_idx on activity_daily (day)`,
    `create index tasks_owner_due_idx on tasks (owner_id, original_due_at)`,
    ...BACKFILL,
  ]);
}

/** Fills the new columns and table from existing records (exported for its test). */
export const BACKFILL = [
    // Backfill: the histogram of finished dossiers (as contributionOf counts them) …
    `update dossier_daily d set ${HIST.map((c) => `${c} = h.${c}`).join(', ')}
      from (
        select unit_id, day, ${HIST.map((c) => `count(*) filter (where bucket = '${c}')::int as ${c}`).join(', ')}
        from (
          select unit_id, ${vnDay('finished_at')} as day,
            ${bucketOf('greatest(0, round(extract(epoch from finished_at - received_at) / 60))')} as bucket
          from dossiers
          where received_at is not null and finished_at is not null and legal_due_at is not null and status in ('result_ready', 'returned')
        ) b
        group by unit_id, day
      ) h
      where h.unit_id = d.unit_id and h.day = d.day`,
    // … and the activity figures (as activityContribution counts them).
    `insert into activity_daily (unit_id, day, tasks_due, tasks_done, tasks_on_time, tasks_extended, tasks_late, tasks_bounced,
        complaints_received, complaints_upheld, inspections_concluded, violations_found)
      select unit_id, day, sum(a)::int, sum(b)::int, sum(c)::int, sum(d)::int, sum(e)::int, sum(f)::int, sum(g)::int, sum(h)::int, sum(i)::int, sum(j)::int
      from (
        select unit_id, ${vnDay('original_due_at')} as day, 1 as a,
          (status = 'done' and completed_at is not null)::int as b,
          (status = 'done' and completed_at <= original_due_at)::int as c,
          (status = 'done' and completed_at > original_due_at and completed_at <= due_at)::int as d,
          (status = 'done' and completed_at > due_at)::int as e,
          (cardinality(bounce_reasons) > 0)::int as f, 0 as g, 0 as h, 0 as i, 0 as j
        from tasks where status <> 'cancelled'
        union all
        select unit_id, ${vnDay('created_at')}, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0 from complaints where unit_id is not null and kind <> 'praise'
        union all
        select unit_id, ${vnDay('answered_at')}, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0 from complaints
          where unit_id is not null and kind <> 'praise' and outcome = 'upheld' and answered_at is not null
        union all
        select distinct_targets.unit_id, ${vnDay('concluded_at')}, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0
          from inspections, lateral (select distinct unnest(target_unit_ids) as unit_id) distinct_targets
          where status = 'concluded' and concluded_at is not null
        union all
        select unit_id, ${vnDay('found_at')}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 from violations
      ) x
      group by unit_id, day`,
  ];
