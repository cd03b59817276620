import type { Kysely } from 'kysely';
import { createRollupCopy } from '../rollup-copy.ts';

// Month-level copies of the two daily rollups (issue 8): a year's dashboard for a province of
// 2,000 units reads 12 rows per unit instead of 365.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const kind of ['dossier', 'activity']) {
    await createRollupCopy(db, { source: `${kind}_daily`, target: `${kind}_monthly`, sourceKey: 'day', targetKey: 'month', unit: 'month', trigger: `${kind}_daily_to_monthly` });
  }
}
