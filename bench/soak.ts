/**
 * `npm run soak`: ten minutes (SOAK_SECONDS) of mixed traffic against a real `congvu serve` on a
 * fresh demo province in a throwaway PostgreSQL database (created on the server of
 * SOAK_DATABASE_URL, default the local one, and dropped after), with the scheduled jobs and
 * notifications on. Passes with zero errors, flat memory, and `congvu audit verify` and
 * `congvu metrics verify` clean on the soaked database; prints the table and exits non-zero
 * otherwise. SOAK_BACKEND=pglite soaks the embedded database instead (a temporary data directory).
 * Rate limits stay as in production: each person comes from an address of their own, reported by
 * X-Forwarded-For as the nginx in front would (trusted from loopback, CONGVU_TRUST_PROXY's default),
 * and stays under the limits of the routes they use; only a scraper's burst must be refused (429).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { soakFailures, soakTable } from './soak-report.ts';
import { type SoakDatabase, runSoak } from './soak-run.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.SOAK_SECONDS || 600);
const SERVER_URL = process.env.SOAK_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const BACKEND = process.env.SOAK_BACKEND === 'pglite' ? 'pglite' : 'postgres';

if (!(SECONDS >= 30)) {
  console.error('SOAK_SECONDS phải từ 30 trở lên.');
  process.exit(2);
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: SERVER_URL });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** A throwaway database (or data directory) holding the demo province, seeded by `congvu seed`. */
async function freshDatabase(): Promise<{ db: SoakDatabase; drop(): Promise<void> }> {
  let db: SoakDatabase;
  let drop: () => Promise<void>;
  if (BACKEND === 'postgres') {
    const name = `congvu_soak_${randomBytes(4).toString('hex')}`;
    await admin((c) => c.query(`create database ${name}`));
    const url = new URL(SERVER_URL);
    url.pathname = `/${name}`;
    db = { backend: 'postgres', databaseUrl: url.toString() };
    drop = () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined);
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-soak-pglite-'));
    db = { backend: 'pglite', dataDir };
    drop = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`▶ nạp tỉnh mẫu vào ${db.databaseUrl?.replace(/\/\/[^@]*@/, '//') ?? db.dataDir}…`);
  const env = { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: db.databaseUrl ?? '', DATABASE_READ_URL: '', CONGVU_DATA_DIR: db.dataDir ?? '' };
  const seeded = spawnSync(process.execPath, [path.join(ROOT, 'bin/congvu.mjs'), 'seed'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (seeded.status !== 0) {
    await drop();
    throw new Error('congvu seed thất bại');
  }
  return { db, drop };
}

console.log(`congvu soak — ${new Date().toISOString()} — ${os.cpus().length} nhân, Node ${process.version}, ${SECONDS} s trên ${BACKEND === 'postgres' ? 'PostgreSQL' : 'PGlite'}`);
const { db, drop } = await freshDatabase();
let failures: string[];
try {
  const result = await runSoak(db, {
    seconds: SECONDS,
    users: { citizens: 10, desks: 3, leaders: 1, unitStaff: 1, inspectors: 1, importers: 1, scrapers: 1 },
    pace: 1,
    importEveryMs: 15_000,
    scrapeEveryMs: 120_000,
    rssEveryMs: 5_000,
    heapEveryMs: 15_000,
    jobsEveryMs: 30_000,
    skipJobs: [],
    rssTolerance: { share: 0.15, mb: 30 },
    heapTolerance: { share: 0.15, mb: 30 },
    log: (line) => console.log(`  ${line}`),
  });
  console.log(soakTable(result));
  failures = soakFailures(result);
} finally {
  await drop();
}
process.exit(failures.length ? 1 : 0);
