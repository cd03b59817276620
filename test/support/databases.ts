import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';

export type Backend = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL names a server (CI sets it). */
export const BACKENDS: Backend[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends DatabaseHandle {
  /** postgres://… of the throwaway database, for CLI tests; undefined on PGlite (in memory). */
  url: string | undefined;
  drop(): Promise<void>;
}

/** A fresh, migrated, empty database: in-memory PGlite, or a new database on the test server. */
export async function createTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(handle.db);
    return { ...handle, url: undefined, drop: () => handle.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const { name } = await createEmptyPostgres();
  const database = await openThrowaway(serverUrl, name);
  await migrateToLatest(database.db);
  return database;
}

/** A new database on the test server with nothing in it, not even the migrations; drop() removes it. */
export async function createEmptyPostgres(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `congvu_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Opens database `name` on the test server; drop() removes it. */
async function openThrowaway(serverUrl: string, name: string): Promise<TestDatabase> {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  return {
    ...handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * A fresh database holding the demo province at test volume. Within one `npm test` run
 * (CONGVU_TEST_RUN set by scripts/test.mjs) the province is seeded once per backend into a template
 * — a PostgreSQL template database, a PGlite dump — and each test file gets a copy of it in a
 * second instead of seeding its own; outside such a run each file seeds as before.
 */
export async function createSeededTestDatabase(backend: Backend, seed: (db: TestDatabase) => Promise<unknown>): Promise<TestDatabase> {
  const run = process.env.CONGVU_TEST_RUN;
  if (!run || !/^[a-z0-9]+$/.test(run)) {
    const database = await createTestDatabase(backend);
    await seed(database);
    return database;
  }
  if (backend === 'pglite') {
    const file = path.join(os.tmpdir(), `congvu-test-${run}.pglite.tar`);
    await withFileLock(`${file}.lock`, async () => {
      if (fs.existsSync(file)) return;
      const database = await createTestDatabase('pglite');
      await seed(database);
      const dump = await database.dumpDataDir!();
      await database.drop();
      fs.writeFileSync(`${file}.part`, Buffer.from(await dump.arrayBuffer()));
      fs.renameSync(`${file}.part`, file);
    });
    const handle = await openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([fs.readFileSync(file)]) });
    return { ...handle, url: undefined, drop: () => handle.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const template = `congvu_tpl_${run}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(hashtext($1))', [template]);
    if (!(await admin.query('select 1 from pg_database where datname = $1', [template])).rowCount) {
      const database = await createTestDatabase('postgres');
      await seed(database);
      await database.db.destroy();
      const name = new URL(database.url!).pathname.slice(1);
      await admin.query(`alter database ${name} rename to ${template}`);
    }
    await admin.query('select pg_advisory_unlock(hashtext($1))', [template]);
    const name = `congvu_test_${randomBytes(6).toString('hex')}`;
    await admin.query(`create database ${name} template ${template}`);
    return await openThrowaway(serverUrl, name);
  } finally {
    await admin.end();
  }
}

async function withFileLock(lock: string, work: () => Promise<void>) {
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx'));
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    await work();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}
