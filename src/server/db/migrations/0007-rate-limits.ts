import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.ts';

// Rate-limit counters in the database, so they count across every server process.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table rate_limits (
      key text primary key,
      window_start timestamptz not null,
      count int not null
    )`,
    `create index rate_limits_window_idx on rate_limits (window_start)`,
  ]);
}
