import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { dbConnectTimeoutMs } from '../config.ts';
import { allowDirectQueries, preparingPool } from './prepared.ts';
import type { DB } from './schema.ts';

export type Database = Kysely<DB>;

export interface DatabaseHandle {
  db: Database;
  /** Read-only queries may go here: a streaming replica when DATABASE_READ_URL is set, else `db` itself. */
  readDb: Database;
  kind: 'pglite' | 'postgres';
  /** PGlite only: the whole database as a tarball (a test template, a copy). */
  dumpDataDir?: () => Promise<Blob>;
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

function openPool(connectionString: string, max: number, connectionTimeoutMillis: number): Database {
  // Without a connect timeout a database host that drops packets (network cut, failed-over
  // address) holds every request forever; with it the wait ends in an error answered 503.
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis });
  // An idle connection dropped by the server (restart, failover) must not crash the process:
  // the pool discards it and the next query opens a new one.
  pool.on('error', (err) => console.error(`PostgreSQL: kết nối rỗi bị đóng (${err.message}); sẽ kết nối lại khi cần.`));
  // The same for a connection checked out by a query or transaction (the pool listens only while
  // it is idle): unheard, the error event would end the process. Its next query fails (answered
  // 503) and the pool discards it when it comes back.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  allowDirectQueries(db, pool);
  return db;
}

/**
 * PGlite's own source maps (1.2 MB, parsed and kept for the life of the process whenever source
 * maps are on, as bin/congvu.mjs turns them on for the application's stack traces) map only into
 * PGlite's sources, which are not installed: load it without them.
 */
async function importPGlite() {
  const maps = process.sourceMapsEnabled;
  if (maps) process.setSourceMapsEnabled(false);
  try {
    return await import('@electric-sql/pglite');
  } finally {
    if (maps) process.setSourceMapsEnabled(true);
  }
}

/**
 * PostgreSQL when databaseUrl is set (plus a second pool on databaseReadUrl, a streaming replica,
 * when given), else embedded PGlite in dataDir; PGlite has no replicas, so databaseReadUrl is ignored.
 */
export async function openDatabase(opts: {
  databaseUrl?: string;
  databaseReadUrl?: string;
  dataDir?: string;
  loadDataDir?: Blob;
  /** PostgreSQL: how long to wait for a connection; defaults to CONGVU_DB_CONNECT_TIMEOUT_MS (5 s). */
  connectTimeoutMs?: number;
}): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const timeout = opts.connectTimeoutMs ?? dbConnectTimeoutMs();
    pg.types.setTypeParser(INT8, parsers[INT8]);
    pg.types.setTypeParser(DATE, parsers[DATE]);
    pg.types.setTypeParser(NUMERIC, parsers[NUMERIC]);
    const max = Number(process.env.CONGVU_DB_POOL || 10);
    const db = openPool(opts.databaseUrl, max, timeout);
    const readDb = opts.databaseReadUrl ? openPool(opts.databaseReadUrl, Number(process.env.CONGVU_DB_READ_POOL || max), timeout) : db;
    return {
      db,
      readDb,
      kind: 'postgres',
      close: async () => {
        await db.destroy();
        if (readDb !== db) await readDb.destroy();
      },
    };
  }
  const { PGlite } = await importPGlite();
  let dataDir: string | undefined;
  if (opts.dataDir && opts.dataDir !== 'memory://') {
    dataDir = path.resolve(opts.dataDir, 'pglite');
    fs.mkdirSync(dataDir, { recursive: true });
  }
  const pglite = await PGlite.create({
    dataDir,
    parsers,
    // PostgreSQL's shared buffers live in the WebAssembly heap and are touched at start-up: the
    // 128MB initdb writes into postgresql.conf was ~100 MB more resident memory from the first
    // second. The operating system's file cache still holds the data directory; at demo scale 32MB
    // serves the public lookup as fast as 128MB did (16MB halved it). CONGVU_PGLITE_SHARED_BUFFERS
    // overrides it (a command-line setting: the data directory's postgresql.conf is left alone).
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${process.env.CONGVU_PGLITE_SHARED_BUFFERS || '32MB'}`],
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    readDb: db,
    kind: 'pglite',
    dumpDataDir: async () => (await pglite.dumpDataDir('none')) as Blob,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
