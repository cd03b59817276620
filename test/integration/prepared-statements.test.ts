/**
 * Named prepared statements on PostgreSQL (src/server/db/prepared.ts): a marked SQL text is sent
 * by name, so each connection parses and plans it once; every other text goes as before. The
 * public lookup is marked. PostgreSQL lists a session's named statements in pg_prepared_statements
 * (unnamed ones never appear there), so one connection shows what was prepared on it.
 * `queryPrepared` sends a marked text straight to the pool, past Kysely, except in a transaction.
 */
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { allowDirectQueries, preparedStatement, preparingPool, queryPrepared } from '../../src/server/db/prepared.ts';
import { PUBLIC_LOOKUP_SQL, getPublicDossier } from '../../src/server/modules/dossiers/public-lookup.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { createEmptyPostgres } from '../support/databases.ts';

const PREPARED = 'select statement from pg_prepared_statements where not from_sql order by prepare_time';

describe.runIf(process.env.TEST_DATABASE_URL)('named prepared statements on PostgreSQL', () => {
  let empty: Awaited<ReturnType<typeof createEmptyPostgres>>;
  beforeAll(async () => {
    empty = await createEmptyPostgres();
  });
  afterAll(async () => {
    await empty?.drop();
  });

  it('sends a marked text by name on each connection, other texts unnamed; transactions and errors as before', async () => {
    const db = new Kysely<never>({ dialect: new PostgresDialect({ pool: preparingPool(new pg.Pool({ connectionString: empty.url, max: 1 })) }) });
    try {
      const marked = preparedStatement('select $1::int + 1 as n');
      for (const i of [1, 2, 3]) expect((await db.executeQuery(CompiledQuery.raw(marked, [i]))).rows).toEqual([{ n: i + 1 }]);
      await db.executeQuery(CompiledQuery.raw('select $1::int * 2 as n', [4]));
      await db.transaction().execute(async (trx) => {
        expect((await trx.executeQuery(CompiledQuery.raw(marked, [9]))).rows).toEqual([{ n: 10 }]);
      });
      // A failing call of a prepared statement leaves the connection usable.
      await expect(db.executeQuery(CompiledQuery.raw(marked, ['không phải số']))).rejects.toThrow();
      expect((await db.executeQuery(CompiledQuery.raw(marked, [41]))).rows).toEqual([{ n: 42 }]);
      expect((await db.executeQuery<{ statement: string }>(CompiledQuery.raw(PREPARED))).rows.map((r) => r.statement)).toEqual([marked]);
    } finally {
      await db.destroy();
    }
  });

  it('queryPrepared goes straight to the pool, by name; through Kysely inside a transaction; refuses an unmarked text', async () => {
    const pool = new pg.Pool({ connectionString: empty.url, max: 1 });
    const throughKysely: string[] = [];
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: preparingPool(pool) }),
      log: (event) => {
        throughKysely.push(event.query.sql);
      },
    });
    allowDirectQueries(db, pool);
    try {
      const marked = preparedStatement('select $1::int + 2 as n');
      expect(await queryPrepared(db, marked, [1])).toEqual([{ n: 3 }]);
      expect(await queryPrepared(db, marked, [40])).toEqual([{ n: 42 }]);
      expect(throughKysely).toEqual([]);
      await db.transaction().execute(async (trx) => {
        expect(await queryPrepared(trx, marked, [5])).toEqual([{ n: 7 }]);
      });
      expect(throughKysely).toContain(marked);
      // An error of the statement reaches the caller as pg's own, and the connection stays usable.
      await expect(queryPrepared(db, marked, ['không phải số'])).rejects.toMatchObject({ code: '22P02' });
      expect(await queryPrepared(db, marked, [0])).toEqual([{ n: 2 }]);
      await expect(queryPrepared(db, 'select 1', [])).rejects.toThrow(/preparedStatement/);
      const statements = (await db.executeQuery<{ statement: string }>(CompiledQuery.raw(PREPARED))).rows.map((r) => r.statement);
      expect(statements).toContain(marked);
    } finally {
      await db.destroy();
    }
  });

  it('runs the public lookup as a prepared statement', async () => {
    const previous = process.env.CONGVU_DB_POOL;
    process.env.CONGVU_DB_POOL = '1';
    const handle = await openDatabase({ databaseUrl: empty.url });
    if (previous === undefined) delete process.env.CONGVU_DB_POOL;
    else process.env.CONGVU_DB_POOL = previous;
    try {
      await migrateToLatest(handle.db);
      await expect(getPublicDossier(handle.db, 'KHONG-CO-HO-SO-NAY', new Date())).rejects.toMatchObject({ status: 404 });
      const statements = (await handle.db.executeQuery<{ statement: string }>(CompiledQuery.raw(PREPARED))).rows.map((r) => r.statement);
      expect(statements).toContain(PUBLIC_LOOKUP_SQL);
    } finally {
      await handle.close();
    }
  });
});

describe('queryPrepared on PGlite', () => {
  it('runs a marked text through Kysely (no pool to go to) and returns its rows', async () => {
    const handle = await openDatabase({ dataDir: 'memory://' });
    try {
      expect(await queryPrepared(handle.db, preparedStatement('select $1::int * 3 as n'), [14])).toEqual([{ n: 42 }]);
    } finally {
      await handle.close();
    }
  });
});
