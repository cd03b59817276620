import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type Database = Kysely<DB>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

// int8 → number (ids and counters stay far below 2^53); date → 'YYYY-MM-DD' string, never a
// local-midnight Date (business dates are Asia/Ho_Chi_Minh, the process may run in UTC).
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;
const parsers = {
  [INT8]: (v: string) => Number(v),
  [DATE]: (v: string) => v,
  [NUMERIC]: (v: string) => Number(v),
};

export async function openDatabase(opts: { databaseUrl?: string; dataDir?: string }): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    pg.types.setTypeParser(INT8, parsers[INT8]);
    pg.types.setTypeParser(DATE, parsers[DATE]);
    pg.types.setTypeParser(NUMERIC, parsers[NUMERIC]);
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: Number(process.env.CONGVU_DB_POOL || 10) });
    // An idle connection dropped by the server (restart, failover) must not crash the process:
    // the pool discards it and the next query opens a new one.
    pool.on('error', (err) => console.error(`PostgreSQL: kết nối rỗi bị đóng (${err.message}); sẽ kết nối lại khi cần.`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  let dataDir: string | undefined;
  if (opts.dataDir && opts.dataDir !== 'memory://') {
    dataDir = path.resolve(opts.dataDir, 'pglite');
    fs.mkdirSync(dataDir, { recursive: true });
  }
  const pglite = await PGlite.create({ dataDir, parsers });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
