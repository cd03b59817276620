/**
 * Import benchmark (issue 8): `congvu import dossiers` of N generated dossier histories beside its
 * floor, a raw COPY of the rows it produced. Target: the import reaches at least 25% of COPY's
 * throughput (importSeconds ≤ 4 × copySeconds), and re-importing the file adds nothing.
 *
 *   node --import tsx bench/import-bench.ts [count]     (default 1,000,000; BENCH_DATABASE_URL, BENCH_CPU_PROF)
 *
 * The database named after BENCH_DATABASE_URL plus `_import` is dropped and made anew.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { createDefaultWorkingCalendar, toIsoVn, vnDateOf, vnInstant } from '../src/domain/calendar/index.ts';
import { pathInScope } from '../src/server/modules/access/policy.ts';
import { vietnameseName } from '../src/server/seed/names.ts';
import { Prng } from '../src/server/seed/prng.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin/congvu.mjs');
const SOURCE = 'bench';

export interface ImportBenchResult {
  importSeconds: number;
  copySeconds: number;
  dossiers: number;
  events: number;
  rerunAdded: number;
  rerunSeconds: number;
}

/** The bench database: the URL's database name plus `_import`, on the same server. */
function benchUrl(databaseUrl: string): { url: string; name: string; adminUrl: string } {
  const url = new URL(databaseUrl);
  const base = url.pathname.slice(1) || 'congvu_bench';
  const name = base.endsWith('_import') ? base : `${base}_import`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`tên CSDL không hợp lệ: ${name}`);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  url.pathname = `/${name}`;
  return { url: url.toString(), name, adminUrl: admin.toString() };
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// BENCH_CPU_PROF=<dir>: each `congvu` the bench runs writes a CPU profile there (its worker threads too).
const NODE_ARGS = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];

function run(args: string[], env: NodeJS.ProcessEnv, log: (s: string) => void): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, CLI, ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => log(`    ${d.toString('utf8').trimEnd()}`));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

interface Procedure {
  code: string;
  unitCode: string;
  handlers: string[];
}

/** The seeded procedures, each with the identity numbers of officials who may handle it (its unit's subtree). */
export async function loadCatalogue(url: string): Promise<Procedure[]> {
  return withClient(url, async (c) => {
    const procedures = (await c.query<{ code: string; unit_code: string; unit_path: string }>(
      'select p.code, u.code as unit_code, u.path as unit_path from procedures p join units u on u.id = p.unit_id order by u.code, p.code',
    )).rows;
    const officials = (await c.query<{ id_number: string; unit_path: string }>('select o.id_number, u.path as unit_path from officials o join units u on u.id = o.unit_id order by o.id_number')).rows;
    return procedures
      .map((p) => ({ code: p.code, unitCode: p.unit_code, handlers: officials.filter((o) => pathInScope(o.unit_path, p.unit_path)).map((o) => o.id_number) }))
      .filter((p) => p.handlers.length > 0);
  });
}

/**
 * Writes `count` dossier histories as JSON Lines, deterministically: create → assign → (sometimes
 * a supplement request and its completion) → propose → decide → return_result, the latest ones
 * still open; office hours on working days of the past year, ISO-8601 with +07:00.
 */
export async function generateImportFile(file: string, count: number, catalogue: Procedure[], today: Date): Promise<number> {
  const rng = new Prng(8_000_001);
  const calendar = createDefaultWorkingCalendar();
  const out = fs.createWriteStream(file);
  const latest = today.getTime() - 86_400_000;
  // The working days from a year ago on, looked up by index (the calendar walks day by day).
  const days: string[] = [];
  for (let d = vnDateOf(new Date(today.getTime() - 365 * 86_400_000)); days.length < 400; d = calendar.nextWorkingDay(d)) if (calendar.isWorkingDay(d)) days.push(d);
  const index = new Map(days.map((d, i) => [d, i]));
  const officeTime = (day: string) => vnInstant(day as never, rng.chance(0.55) ? rng.int(7 * 60 + 45, 11 * 60 + 15) : rng.int(13 * 60 + 15, 16 * 60 + 30));
  const later = (from: Date, workingDays: number) => {
    const t = officeTime(days[Math.min(index.get(vnDateOf(from))! + workingDays, days.length - 1)]!);
    return t > from ? t : new Date(from.getTime() + rng.int(10, 90) * 60_000);
  };
  let lines = 0;
  let buffer = '';
  for (let i = 1; i <= count; i++) {
    const proc = rng.pick(catalogue);
    const code = `HS-${String(i).padStart(7, '0')}`;
    const day = days[rng.int(0, 245)]!;
    const gender = rng.chance(0.5) ? 'male' : 'female';
    const year = rng.int(1950, 2004);
    const opened = officeTime(day);
    const events: Record<string, unknown>[] = [
      {
        ma_thu_tuc: proc.code,
        ma_don_vi: proc.unitCode,
        kenh: rng.weighted([[1, 6], [2, 3], [3, 1]] as const),
        ho_ten: vietnameseName(rng, gender),
        so_dinh_danh: `025${(year >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0)}${String(year % 100).padStart(2, '0')}${String(rng.int(0, 999_999)).padStart(6, '0')}`,
        dien_thoai: `09${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
        dia_chi: 'Phú Thọ',
        su_kien: 'create',
        thoi_gian: opened,
      },
    ];
    let at = later(opened, rng.int(0, 1));
    events.push({ su_kien: 'assign', thoi_gian: at, nguoi_xu_ly: rng.pick(proc.handlers) });
    if (rng.chance(0.3)) {
      at = later(at, rng.int(0, 2));
      events.push({ su_kien: 'request_supplement', thoi_gian: at, giay_to_bo_sung: 'Bản sao giấy tờ tùy thân; Tờ khai có chữ ký' });
      at = later(at, rng.int(1, 5));
      events.push({ su_kien: 'complete_supplement', thoi_gian: at });
    }
    const stage = rng.next();
    if (stage < 0.93) {
      at = later(at, rng.int(1, 6));
      events.push({ su_kien: 'propose', thoi_gian: at, ket_qua: 'approved' });
    }
    if (stage < 0.9) {
      const approved = rng.chance(0.95);
      at = later(at, rng.int(0, 2));
      events.push({ su_kien: 'decide', thoi_gian: at, ket_qua: approved ? 'approved' : 'rejected', ...(approved ? {} : { ly_do: 'Không đủ điều kiện' }) });
      at = later(at, rng.int(0, 3));
      events.push({ su_kien: 'return_result', thoi_gian: at });
    }
    for (const e of events) {
      const t = e.thoi_gian as Date;
      if (t.getTime() > latest) break;
      buffer += `${JSON.stringify({ ma_ho_so: code, ...e, thoi_gian: toIsoVn(t) })}\n`;
      lines++;
    }
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((r) => out.once('drain', () => r()));
      buffer = '';
    }
  }
  out.end(buffer);
  await new Promise<void>((r) => out.once('finish', () => r()));
  return lines;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, (performance.now() - started) / 1000];
}

async function importFile(url: string, file: string, log: (s: string) => void) {
  const r = await run(['import', 'dossiers', file, '--source', SOURCE, '--json', '--progress-every', '500000'], { DATABASE_URL: url }, log);
  if (r.code !== 0) throw new Error(`congvu import thoát với mã ${r.code}`);
  return JSON.parse(r.stdout) as { dossiersCreated: number; dossiersUpdated: number; eventsAdded: number; eventsSkipped: number; errors: unknown[] };
}

/**
 * The floor: the same rows the import stored — its dossiers and their events, as PostgreSQL holds
 * them — sent back with COPY … FROM STDIN into empty tables made LIKE dossiers / dossier_events
 * INCLUDING ALL (same columns, defaults, checks and indexes; no foreign keys, no triggers), each
 * COPY one transaction. Only the two COPY FROM are timed. The import writes more than this: the
 * step trail, the audit rows, codes and daily rollups, after parsing and replaying every event.
 */
async function copyFloor(url: string, dir: string): Promise<number> {
  return withClient(url, async (c) => {
    const dossiersFile = path.join(dir, 'dossiers.copy');
    const eventsFile = path.join(dir, 'events.copy');
    const eventColumns = 'dossier_id, seq, at, actor_account_id, actor, type, status, data';
    const out = async (query: string, file: string) => pipeline(c.query(copyTo(`copy (${query}) to stdout`)), fs.createWriteStream(file));
    await out(`select * from dossiers where external_ref like '${SOURCE}:%'`, dossiersFile);
    await out(`select ${eventColumns.replace(/(\w+)/g, 'e.$1')} from dossier_events e join dossiers d on d.id = e.dossier_id where d.external_ref like '${SOURCE}:%'`, eventsFile);
    await c.query('drop table if exists floor_dossiers, floor_dossier_events');
    await c.query('create table floor_dossiers (like dossiers including all)');
    await c.query('create table floor_dossier_events (like dossier_events including all)');
    await c.query('checkpoint');
    const [, seconds] = await timed(async () => {
      await pipeline(fs.createReadStream(dossiersFile), c.query(copyFrom('copy floor_dossiers from stdin')));
      await pipeline(fs.createReadStream(eventsFile), c.query(copyFrom(`copy floor_dossier_events (${eventColumns}) from stdin`)));
    });
    await c.query('drop table floor_dossiers, floor_dossier_events');
    fs.rmSync(dossiersFile);
    fs.rmSync(eventsFile);
    return seconds;
  });
}

export async function benchImport(opts: { databaseUrl: string; dossiers: number; log: (s: string) => void }): Promise<ImportBenchResult> {
  const { log } = opts;
  const { url, name, adminUrl } = benchUrl(opts.databaseUrl);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-import-bench-'));
  const file = path.join(dir, 'ho-so.jsonl');
  try {
    log(`  CSDL ${name}: tạo mới, di chuyển và nạp dữ liệu mẫu…`);
    await withClient(adminUrl, async (c) => {
      await c.query(`drop database if exists ${name} with (force)`);
      await c.query(`create database ${name}`);
    });
    const seeded = await run(['seed'], { DATABASE_URL: url }, () => undefined);
    if (seeded.code !== 0) throw new Error('seed thất bại');

    const today = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    const [lines, genSeconds] = await timed(async () => generateImportFile(file, opts.dossiers, await loadCatalogue(url), today));
    log(`  tệp: ${opts.dossiers.toLocaleString('vi-VN')} hồ sơ, ${lines.toLocaleString('vi-VN')} dòng, ${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB (${genSeconds.toFixed(1)} s)`);

    await withClient(url, (c) => c.query('checkpoint'));
    log('  congvu import dossiers…');
    const [first, importSeconds] = await timed(() => importFile(url, file, log));
    log(`  nhập: ${first.dossiersCreated} hồ sơ, ${first.eventsAdded} sự kiện, ${first.errors.length} lỗi trong ${importSeconds.toFixed(1)} s`);
    if (first.errors.length > 0) log(`  lỗi đầu tiên: ${JSON.stringify(first.errors[0])}`);

    for (const check of [['audit', 'verify'], ['metrics', 'verify']]) {
      const [r, s] = await timed(() => run(check, { DATABASE_URL: url }, log));
      log(`  congvu ${check.join(' ')}: ${r.code === 0 ? 'khớp' : `KHÔNG KHỚP (mã ${r.code})`} (${s.toFixed(1)} s)`);
      if (r.code !== 0) throw new Error(`congvu ${check.join(' ')} thất bại`);
    }

    log('  COPY thô (sàn)…');
    const copySeconds = await copyFloor(url, dir);
    log(`  COPY: ${copySeconds.toFixed(1)} s`);

    log('  nhập lại cùng tệp…');
    const [again, rerunSeconds] = await timed(() => importFile(url, file, log));
    log(`  nhập lại: ${again.dossiersCreated} hồ sơ mới, ${again.eventsAdded} sự kiện thêm, ${again.eventsSkipped} bỏ qua trong ${rerunSeconds.toFixed(1)} s`);
    return { importSeconds, copySeconds, dossiers: first.dossiersCreated, events: first.eventsAdded, rerunAdded: again.eventsAdded + again.dossiersCreated, rerunSeconds };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const count = Number(process.argv[2] ?? 1_000_000);
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/congvu_bench';
  const r = await benchImport({ databaseUrl, dossiers: count, log: (s) => console.log(s) });
  const ratio = r.copySeconds / r.importSeconds;
  console.log(
    `\nNhập ${r.dossiers.toLocaleString('vi-VN')} hồ sơ, ${r.events.toLocaleString('vi-VN')} sự kiện: ${r.importSeconds.toFixed(1)} s; ` +
      `COPY thô: ${r.copySeconds.toFixed(1)} s; thông lượng = ${(ratio * 100).toFixed(1)}% của COPY (mục tiêu ≥ 25%) ${ratio >= 0.25 ? 'ĐẠT' : 'CHƯA ĐẠT'}; ` +
      `nhập lại: thêm ${r.rerunAdded} trong ${r.rerunSeconds.toFixed(1)} s`,
  );
}
