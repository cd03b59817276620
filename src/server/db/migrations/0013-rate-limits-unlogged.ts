import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

// Rate-limit counters skip the write-ahead log: every public request may write one, and a counter
// lost in a crash (PostgreSQL empties unlogged tables on recovery) costs nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [`alter table rate_limits set unlogged`]);
}
