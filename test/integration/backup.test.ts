/**
 * `congvu backup --out FILE` and `congvu restore FILE` through the real CLI process, on each backend:
 * a round trip into an empty database gives identical tables (a digest of every row, in primary-key
 * order, and every sequence) and an intact audit chain; a non-empty target, a corrupt or truncated
 * file, a file of the other backend, an unwritable path and (PGlite) a data directory another
 * process holds open are refused with a clear message, a non-zero exit, and nothing changed or written.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/server/db/database.ts';
import { inTransaction } from '../../src/server/db/transaction.ts';
import { insertAuditRow } from '../../src/server/modules/audit/audit.store.ts';
import { seedDemo } from '../../src/server/seed/seed.ts';
import { BACKENDS, type Backend, type TestDatabase, createEmptyPostgres, createSeededTestDatabase } from '../support/databases.ts';
import { runCli } from '../support/cli.ts';


/** Where a CLI run points: a PostgreSQL database or a PGlite data directory. */
interface Target {
  env: Record<string, string>;
  open(): Promise<{ db: Database; close(): Promise<void> }>;
}

function runCliOn(args: string[], target: Target) {
  return runCli(args, target.env);
}

/** md5 of every table's rows in primary-key order, and every sequence's position, by name. */
async function digest(target: Target): Promise<Record<string, string>> {
  const { db, close } = await target.open();
  try {
    const tables = await sql<{ name: string; pk: string[] | null }>`
      select c.relname as name,
             (select array_agg(a.attname::text order by k.ord) from pg_index i
                cross join unnest(i.indkey) with ordinality as k(attnum, ord)
                join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
              where i.indrelid = c.oid and i.indisprimary) as pk
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' order by 1`.execute(db);
    const out: Record<string, string> = {};
    for (const { name, pk } of tables.rows) {
      const order = pk?.length ? sql.join(pk.map((col) => sql.ref(`t.${col}`))) : sql`t::text`;
      const r = await sql<{ md5: string; n: number }>`
        select md5(coalesce(string_agg(t::text, E'\n' order by ${order}), '')) as md5, count(*)::int as n from ${sql.table(name)} t`.execute(db);
      out[name] = `${r.rows[0]!.n}:${r.rows[0]!.md5}`;
    }
    const sequences = await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'S' order by 1`.execute(db);
    for (const { name } of sequences.rows) {
      const r = await sql<{ v: string }>`select last_value::text || '/' || is_called::text as v from ${sql.table(name)}`.execute(db);
      out[`sequence ${name}`] = r.rows[0]!.v;
    }
    return out;
  } finally {
    await close();
  }
}

function pgliteTarget(dataDir: string): Target {
  return {
    env: { CONGVU_DATA_DIR: dataDir },
    open: async () => openDatabase({ dataDir }),
  };
}

/** A new database on the test server with nothing in it (not even the migrations). */
async function createEmptyPostgresTarget(): Promise<Target & { drop(): Promise<void> }> {
  const { url, drop } = await createEmptyPostgres();
  return { env: { DATABASE_URL: url }, open: async () => openDatabase({ databaseUrl: url }), drop };
}

/** Audited changes on top of the seed, so the chain restored is long and holds Vietnamese text and JSON. */
async function appendAuditRows(db: Database) {
  await inTransaction(db, async (trx) => {
    for (let i = 1; i <= 25; i++) {
      await insertAuditRow(
        trx,
        { actorAccountId: null, actor: 'kiểm thử sao lưu', action: 'backup_test.change', entityType: 'unit', entityId: null, before: { lần: i - 1 }, after: { lần: i, ghiChú: 'Sở Tư pháp — đổi tên' }, ip: '127.0.0.1' },
        new Date(Date.UTC(2025, 0, 1, 0, i)),
      );
    }
  });
}

describe.each(BACKENDS)('congvu backup / restore on %s', (backend: Backend) => {
  let work: string;
  let backupFile: string;
  let seeded: TestDatabase;
  let source: Target;
  let restored: Target;
  const newEmptyTargets: (() => Promise<void>)[] = [];
  let sourceDigest: Record<string, string>;

  async function emptyTarget(): Promise<Target> {
    if (backend === 'pglite') return pgliteTarget(fs.mkdtempSync(path.join(work, 'empty-')));
    const target = await createEmptyPostgresTarget();
    newEmptyTargets.push(target.drop);
    return target;
  }

  async function isEmpty(target: Target): Promise<boolean> {
    if (backend === 'pglite') return !fs.existsSync(path.join(target.env.CONGVU_DATA_DIR!, 'pglite'));
    const { db, close } = await target.open();
    try {
      const r = await sql<{ n: number }>`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'`.execute(db);
      return r.rows[0]!.n === 0;
    } finally {
      await close();
    }
  }

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-backup-'));
    backupFile = path.join(work, 'congvu.backup');
    seeded = await createSeededTestDatabase(backend, (d) => seedDemo(d.db, { volume: 0.02 }));
    await appendAuditRows(seeded.db);
    if (backend === 'pglite') {
      // The seeded copy lives in memory: put it in a data directory, as `congvu serve` keeps it.
      const dump = await seeded.dumpDataDir!();
      await seeded.drop();
      const dataDir = path.join(work, 'source');
      const onDisk = await openDatabase({ dataDir, loadDataDir: dump });
      await onDisk.close();
      source = pgliteTarget(dataDir);
    } else {
      await seeded.db.destroy();
      source = { env: { DATABASE_URL: seeded.url! }, open: async () => openDatabase({ databaseUrl: seeded.url! }) };
    }
    sourceDigest = await digest(source);
    restored = await emptyTarget();
  }, 120_000);

  afterAll(async () => {
    if (backend === 'postgres') await seeded?.drop();
    await Promise.allSettled(newEmptyTargets.map((drop) => drop()));
    if (work) fs.rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('backs up, restores into an empty database: every table and sequence identical, audit chain intact', async () => {
    const backup = await runCliOn(['backup', '--out', backupFile], source);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('Xong:');
    // The file says which backend wrote it: a pg_dump custom archive, or PGlite's gzip tarball.
    const magic = backend === 'postgres' ? Buffer.from('PGDMP') : Buffer.from([0x1f, 0x8b]);
    expect(fs.readFileSync(backupFile).subarray(0, magic.length)).toEqual(magic);
    expect(fs.readdirSync(work).filter((f) => f.endsWith('.part'))).toEqual([]);

    const restore = await runCliOn(['restore', backupFile], restored);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('Lược đồ: đã ở phiên bản mới nhất.');
    const auditRows = Number(sourceDigest.audit_log!.split(':')[0]);
    expect(auditRows).toBeGreaterThan(25);
    expect(restore.stdout).toContain(`Nhật ký kiểm toán nguyên vẹn: ${auditRows.toLocaleString('vi-VN')} dòng.`);

    const after = await digest(restored);
    expect(Object.keys(after).length).toBeGreaterThan(40);
    expect(after).toEqual(sourceDigest);

    const verify = await runCliOn(['audit', 'verify'], restored);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain(`Nhật ký nguyên vẹn: ${auditRows} dòng.`);
  }, 90_000);

  it('refuses to restore into a database that is not empty, and changes nothing there', async () => {
    const refused = await runCliOn(['restore', backupFile], source);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Lỗi: Cơ sở dữ liệu đích .*không trống.*Không thay đổi gì\./s);
    expect(await digest(source)).toEqual(sourceDigest);
  }, 60_000);

  it('refuses a truncated file, a file that is no backup and a backup of the other backend; the empty target stays empty', async () => {
    const truncated = path.join(work, 'truncated.backup');
    fs.writeFileSync(truncated, fs.readFileSync(backupFile).subarray(0, Math.floor(fs.statSync(backupFile).size / 2)));
    const garbage = path.join(work, 'notes.txt');
    fs.writeFileSync(garbage, 'không phải bản sao lưu\n');
    const otherBackend = path.join(work, 'other.backup');
    fs.writeFileSync(otherBackend, backend === 'pglite' ? Buffer.concat([Buffer.from('PGDMP'), randomBytes(64)]) : zlib.gzipSync('x'));
    const target = await emptyTarget();

    const [cut, junk, other, missing] = await Promise.all([
      runCliOn(['restore', truncated], target),
      runCliOn(['restore', garbage], target),
      runCliOn(['restore', otherBackend], target),
      runCliOn(['restore', path.join(work, 'missing.backup')], target),
    ]);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(backend === 'pglite' ? /hỏng hoặc bị cắt cụt \(giải nén thất bại/ : /Khôi phục thất bại, cơ sở dữ liệu đích vẫn trống.*pg_restore/s);
    expect(junk.code).toBe(1);
    expect(junk.stderr).toContain('không phải bản sao lưu congvu');
    expect(other.code).toBe(1);
    expect(other.stderr).toContain(`là bản sao lưu ${backend === 'pglite' ? 'PostgreSQL' : 'PGlite'}, còn cơ sở dữ liệu đích là`);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Lỗi: Không có tệp');
    expect(await isEmpty(target)).toBe(true);
  }, 60_000);

  it('fails on an unwritable path or an unreachable database, leaving no file behind', async () => {
    const noDir = path.join(work, 'no-such-folder', 'x.backup');
    const aFile = path.join(work, 'a-file');
    fs.writeFileSync(aFile, '');
    const underFile = path.join(aFile, 'x.backup');
    const runs = [runCliOn(['backup', '--out', noDir], source), runCliOn(['backup', '--out', underFile], source)];
    const unreachableOut = path.join(work, 'unreachable.backup');
    if (backend === 'postgres') {
      const closed = new URL(process.env.TEST_DATABASE_URL!);
      closed.port = '1';
      runs.push(runCliOn(['backup', '--out', unreachableOut], { ...source, env: { DATABASE_URL: closed.toString() } }));
    } else {
      runs.push(runCliOn(['backup', '--out', unreachableOut], pgliteTarget(path.join(work, 'nothing-here'))));
    }
    const [missingDir, notDir, unreachable] = await Promise.all(runs);
    expect(missingDir!.code).toBe(1);
    expect(missingDir!.stderr).toContain('Không ghi được tệp sao lưu vào');
    expect(notDir!.code).toBe(1);
    expect(notDir!.stderr).toContain('Không ghi được tệp sao lưu vào');
    expect(unreachable!.code).toBe(1);
    expect(unreachable!.stderr).toMatch(backend === 'postgres' ? /Không kết nối được cơ sở dữ liệu PostgreSQL/ : /Không có cơ sở dữ liệu PGlite tại/);
    expect(fs.existsSync(noDir) || fs.existsSync(unreachableOut)).toBe(false);
    expect(fs.readdirSync(work).filter((f) => f.endsWith('.part'))).toEqual([]);
  }, 60_000);

  it.runIf(backend === 'postgres')('pg_dump failing half-way leaves no partial file, and an earlier backup under that name whole', async () => {
    // A stand-in pg_dump that reports the real version, writes half an archive, then fails.
    const bin = path.join(work, 'failing-bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(
      path.join(bin, 'pg_dump'),
      '#!/bin/sh\n[ "$1" = "--version" ] && exec pg_dump --version\nfor a; do case "$a" in --file=*) printf "PGDMP half" > "${a#--file=}";; esac; done\necho "pg_dump: error: simulated failure" >&2\nexit 1\n',
      { mode: 0o755 },
    );
    const before = fs.readFileSync(backupFile);
    const failed = await runCliOn(['backup', '--out', backupFile], { ...source, env: { ...source.env, CONGVU_PG_BIN: bin } });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('pg_dump thất bại');
    expect(failed.stderr).toContain('simulated failure');
    expect(fs.readFileSync(backupFile).equals(before)).toBe(true);
    expect(fs.readdirSync(work).filter((f) => f.endsWith('.part'))).toEqual([]);
  }, 60_000);

  it.runIf(backend === 'pglite')('refuses to back up a PGlite data directory another process holds open (a running server)', async () => {
    const held = await source.open();
    try {
      await sql`select 1`.execute(held.db);
      const out = path.join(work, 'held.backup');
      const refused = await runCliOn(['backup', '--out', out], source);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`đang được tiến trình ${process.pid} mở`);
      expect(refused.stderr).toContain('dừng máy chủ trước');
      expect(fs.existsSync(out)).toBe(false);
    } finally {
      await held.close();
    }
  }, 60_000);
});
