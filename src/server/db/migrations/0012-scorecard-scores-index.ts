import { type Kysely, sql } from 'kysely';

// The dashboards read a month's closed final scores under a unit (20,000 cards a month for a
// province). With status and score carried in the index that read is an index-only scan instead
// of one heap visit per card, which was most of the leader's dashboard at province scale.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index scorecards_month_path_idx`.execute(db);
  await sql`create index scorecards_month_path_idx on scorecards (month, unit_path text_pattern_ops) include (status, final_score)`.execute(db);
}
