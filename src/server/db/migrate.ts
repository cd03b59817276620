import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as m0001 from './migrations/0001-foundation.ts';
import * as m0002 from './migrations/0002-dossiers.ts';
import * as m0003 from './migrations/0003-tasks.ts';
import * as m0004 from './migrations/0004-oversight.ts';
import * as m0005 from './migrations/0005-evaluation.ts';
import * as m0006 from './migrations/0006-metrics.ts';
import * as m0007 from './migrations/0007-rate-limits.ts';
import * as m0008 from './migrations/0008-evaluation-templates.ts';
import * as m0009 from './migrations/0009-activity-rollups.ts';
import * as m0010 from './migrations/0010-metric-reports.ts';
import * as m0011 from './migrations/0011-monthly-rollups.ts';
import * as m0012 from './migrations/0012-scorecard-scores-index.ts';
import * as m0013 from './migrations/0013-rate-limits-unlogged.ts';
import * as m0014 from './migrations/0014-yearly-rollups.ts';

// Forward-only, versioned migrations; the same files run on PGlite and PostgreSQL.
// Listed here (not read from disk) so the order is explicit and bundling cannot lose one.
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-dossiers': m0002,
  '0003-tasks': m0003,
  '0004-oversight': m0004,
  '0005-evaluation': m0005,
  '0006-metrics': m0006,
  '0007-rate-limits': m0007,
  '0008-evaluation-templates': m0008,
  '0009-activity-rollups': m0009,
  '0010-metric-reports': m0010,
  '0011-monthly-rollups': m0011,
  '0012-scorecard-scores-index': m0012,
  '0013-rate-limits-unlogged': m0013,
  '0014-yearly-rollups': m0014,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * True when exactly the migrations listed here have run: one cheap read, where the Migrator would
 * introspect every table of the schema (twice) and take its lock even with nothing to do — the
 * common case on every start. Anything else (a fresh database, a pending or an unknown migration)
 * goes through the Migrator as before.
 */
async function upToDate<T>(db: Kysely<T>): Promise<boolean> {
  const present = await sql<{ t: string | null }>`select to_regclass('kysely_migration')::text as t`.execute(db);
  if (!present.rows[0]?.t) return false;
  const done = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const names = new Set(done.rows.map((r) => r.name));
  return names.size === Object.keys(migrations).length && Object.keys(migrations).every((name) => names.has(name));
}

export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
  if (await upToDate(db)) return [];
  const migrator = new Migrator({ db: db as Kysely<unknown>, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
