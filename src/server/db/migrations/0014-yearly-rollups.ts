import type { Kysely } from 'kysely';
import { createRollupCopies } from '../rollup-copy.ts';

// Year-level copies of the monthly rollups, kept by triggers on the monthly tables (so a daily
// write moves day, month and year in one transaction): the leader's yearly ranking of a province
// reads one row per unit instead of twelve, which was most of the dashboard's database time.
export async function up(db: Kysely<unknown>): Promise<void> {
  await createRollupCopies(db, 'monthly', 'yearly');
}
