import type { AppConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { recordDossierAction } from '../modules/dossiers/dossier-record.ts';
import { runExclusive } from './run-exclusive.ts';

/**
 * Closes dossiers whose citizen did not bring the requested supplement within the waiting period
 * (15 working days by default, legal-facts §1.4). Idempotent: a closed dossier is no longer waiting.
 */
export async function closeIncompleteDossiers(db: Database, config: AppConfig, now: Date, batch = 200): Promise<number | null> {
  return runExclusive(db, 'close-incomplete-dossiers', async (trx) => {
    const due = await trx
      .selectFrom('dossiers')
      .selectAll()
      .where('status', '=', 'awaiting_supplement')
      .where('incomplete_close_at', '<=', now)
      .orderBy('incomplete_close_at')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const row of due) {
      await recordDossierAction(trx, config, { accountId: null, label: 'system', ip: null }, row, { type: 'close_incomplete' }, now);
    }
    return due.length;
  });
}
