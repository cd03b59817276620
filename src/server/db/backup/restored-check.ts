import { sql } from 'kysely';
import { type AuditVerification, verifyAuditChain } from '../../modules/audit/verify-audit.ts';
import type { Database } from '../database.ts';
import type { BackupError } from './backup-file.ts';
import { migrateToLatest } from '../migrate.ts';

export interface RestoredCheck {
  /** Migrations applied after loading: the backup came from an older version of congvu. */
  applied: string[];
  tables: number;
  rows: number;
  audit: AuditVerification;
}

/** Tables of the application schema (public) and their exact row counts. */
export async function countRows(db: Database): Promise<{ tables: number; rows: number }> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' order by 1`.execute(db);
  let rows = 0;
  for (const { name } of tables.rows) {
    const counted = await sql<{ n: number }>`select count(*)::int8 as n from ${sql.table(name)}`.execute(db);
    rows += Number(counted.rows[0]!.n);
  }
  return { tables: tables.rows.length, rows };
}

/**
 * What a restore ends with: the loaded database brought to this version's schema (a backup may be
 * older than the code restoring it), then its audit chain recomputed end to end.
 */
export async function checkRestored(db: Database, migrationFailed: (reason: string) => BackupError): Promise<RestoredCheck> {
  let applied: string[];
  try {
    applied = await migrateToLatest(db);
  } catch (error) {
    throw migrationFailed(error instanceof Error ? error.message : String(error));
  }
  const audit = await verifyAuditChain(db);
  return { applied, ...(await countRows(db)), audit };
}
