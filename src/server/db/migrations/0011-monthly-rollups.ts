import type { Kysely } from 'kysely';
import { createRollupCopies } from '../rollup-copy.ts';

// Month-level copies of the two daily rollups (issue 8): a year's dashboard for a province of
// 2,000 units reads 12 rows per unit instead of 365.
export async function up(db: Kysely<unknown>): Promise<void> {
  await createRollupCopies(db, 'daily', 'monthly');
}
