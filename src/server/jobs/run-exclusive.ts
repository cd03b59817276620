import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { type Tx, inTransaction } from '../db/transaction.ts';

/**
 * Runs a scheduled job in one transaction holding a PostgreSQL advisory lock named after the job:
 * when several server processes share a database, one runs it and the others skip this round.
 * Returns null when another process holds the lock.
 */
export async function runExclusive<T>(db: Database, jobName: string, work: (trx: Tx) => Promise<T>): Promise<T | null> {
  return inTransaction(db, async (trx) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext(${`congvu:${jobName}`})) as locked`.execute(trx);
    if (!rows[0]?.locked) return null;
    return work(trx);
  });
}
