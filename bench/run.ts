/**
 * `npm run bench`: each figure beside its floor — the bare minimum doing the same work on the same
 * database — and the ratio, with the target of issue 8. Never a timed unit test: run it on purpose.
 * Data: PostgreSQL gets the province-scale data (`congvu seed --scale province`: 2,000 units,
 * 20,000 officials, 5,000,000 dossiers; BENCH_DOSSIERS to change, BENCH_SCALE=demo for the demo),
 * seeded once into its own database and reused; PGlite gets the demo province.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/server/config.ts';
import { closeScored, openCards } from '../src/server/modules/evaluation/scorecard.service.ts';
import { openMigrated } from '../src/cli/open.ts';
import { ratio } from '../src/domain/metrics/figures.ts';
import { PUBLIC_LOOKUP_SQL } from '../src/server/modules/dossiers/public-lookup.ts';
import { benchImport } from './import-bench.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin/congvu.mjs');
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/congvu_bench';
const LOOKUP_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
// Both servers first answer the same load unmeasured: the JIT, the pool's connections and their
// prepared statements are in place before the figures count (a cold start is measured on its own).
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const PG_SCALE = process.env.BENCH_SCALE === 'demo' ? 'demo' : 'province';
const IMPORT_DOSSIERS = Number(process.env.BENCH_IMPORT_DOSSIERS ?? 1_000_000);

interface Row {
  figure: string;
  value: string;
  floor: string;
  ratio: string;
  target: string;
  ok: boolean | null;
}
const rows: Row[] = [];
const fmt = (n: number, d = 1) => n.toLocaleString('vi-VN', { maximumFractionDigits: d });

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tiến trình đã dừng (${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet listening
    }
    if (Date.now() > deadline) throw new Error(`không lên: ${url}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// On PostgreSQL the server runs as README's production example runs it: with a 32 MB semi-space
// (fewer scavenges of each request's short-lived objects; +7–17% lookups/s in alternating pairs).
// Not on PGlite, whose lookup waits on the single-threaded database: there it only adds memory.
const PRODUCTION_NODE_OPTIONS = '--max-semi-space-size=32';

function env(backend: Backend, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, LOG_LEVEL: 'warn', CONGVU_JOBS: 'off', ...(backend.url ? { DATABASE_URL: backend.url } : { CONGVU_DATA_DIR: backend.dataDir }), ...extra };
}

async function startServer(backend: Backend) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve'], { cwd: ROOT, env: env(backend, { PORT: String(port), HOST: '127.0.0.1', ...(backend.url ? { NODE_OPTIONS: PRODUCTION_NODE_OPTIONS } : {}) }), stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/health`, child);
  return { url, child, startMs: performance.now() - started };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** 50 connections on the public lookup with rotating codes, each request from another citizen's address, after a warm-up. */
async function hammer(url: string, codes: string[], pathOf: (code: string) => string) {
  let i = 0;
  const result = await autocannon({
    url,
    connections: 50,
    duration: LOOKUP_SECONDS,
    ...(WARMUP_SECONDS > 0 ? { warmup: { connections: 50, duration: WARMUP_SECONDS } } : {}),
    requests: [
      {
        setupRequest: (req) => {
          i++;
          return { ...req, path: pathOf(codes[i % codes.length]!), headers: { ...req.headers, 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` } };
        },
      },
    ],
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx };
}

interface Backend {
  name: string;
  url?: string;
  dataDir?: string;
  scale: 'demo' | 'province';
}

async function query<T>(backend: Backend, text: string, params: unknown[] = []): Promise<T[]> {
  if (backend.url) {
    const client = new pg.Client({ connectionString: backend.url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(path.join(backend.dataDir!, 'pglite'));
  try {
    return (await db.query<T>(text, params)).rows;
  } finally {
    await db.close();
  }
}

async function ensureSeeded(backend: Backend) {
  if (backend.url) {
    const admin = new pg.Client({ connectionString: backend.url.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    const name = new URL(backend.url).pathname.slice(1);
    if (!(await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount) await admin.query(`create database "${name}"`);
    await admin.end();
  }
  const empty = backend.url ? (await query<{ n: string }>(backend, "select count(*) as n from information_schema.tables where table_name = 'dossiers'"))[0]!.n === '0' : !fs.existsSync(path.join(backend.dataDir!, 'pglite'));
  if (empty) {
    console.log(`  nạp dữ liệu mẫu (${backend.scale}) vào ${backend.name}…`);
    const args = backend.scale === 'province' ? ['seed', '--scale', 'province', ...(process.env.BENCH_DOSSIERS ? ['--dossiers', process.env.BENCH_DOSSIERS] : [])] : ['seed'];
    const r = spawnSync(process.execPath, ['--max-semi-space-size=64', CLI, ...args], { cwd: ROOT, env: env(backend), stdio: 'inherit' });
    if (r.status !== 0) throw new Error('seed thất bại');
  }
}

// The floor of the dashboard: the same ranking straight from the dossier table, with the rollup's
// rules (received by the day received; finished and on time by the day decided; ratings by the day
// given), for every depth-1 unit's subtree.
const RAW_RANKING = `select top.id,
    count(*) filter (where d.received_at >= $1::timestamptz and d.received_at < $2::timestamptz)::int as received,
    count(*) filter (where d.received_at >= $1::timestamptz and d.received_at < $2::timestamptz and d.supplement_count > 0)::int as with_supplement,
    count(*) filter (where d.status in ('result_ready', 'returned') and d.legal_due_at is not null and d.received_at is not null
                       and d.finished_at >= $1::timestamptz and d.finished_at < $2::timestamptz)::int as finished,
    count(*) filter (where d.status in ('result_ready', 'returned') and d.legal_due_at is not null and d.received_at is not null
                       and d.finished_at >= $1::timestamptz and d.finished_at < $2::timestamptz and d.finished_at <= d.legal_due_at)::int as on_time,
    count(r.level) filter (where d.received_at is not null and r.at >= $1::timestamptz and r.at < $2::timestamptz)::int as rated,
    count(r.level) filter (where d.received_at is not null and r.at >= $1::timestamptz and r.at < $2::timestamptz and r.level <> 'dissatisfied')::int as satisfied
  from units top join units u on u.path like top.path || '%'
  join dossiers d on d.unit_id = u.id
  left join dossier_ratings r on r.dossier_id = d.id
  where top.depth = 1 and top.active group by top.id`;

interface RawRank {
  id: string;
  received: number;
  with_supplement: number;
  finished: number;
  on_time: number;
  rated: number;
  satisfied: number;
}
interface DashRow {
  unitId: string;
  received: number;
  onTimeRate: number | null;
  supplementRate: number | null;
  satisfactionIndex: number | null;
}

/** Every unit's received count and the three rates agree with the raw aggregate. */
function sameNumbers(raw: readonly RawRank[], dashboard: readonly DashRow[]): boolean {
  const byId = new Map(dashboard.map((c) => [c.unitId, c]));
  return raw.every((r) => {
    const c = byId.get(r.id);
    if (!c) return r.received === 0 && r.finished === 0;
    return c.received === r.received && c.onTimeRate === ratio(r.on_time, r.finished) && c.supplementRate === ratio(r.with_supplement, r.received) && c.satisfactionIndex === ratio(r.satisfied, r.rated);
  });
}

async function timeIt(fn: () => Promise<unknown>, times: number) {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)]!;
}

async function benchBackend(backend: Backend) {
  console.log(`\n▶ ${backend.name}`);
  await ensureSeeded(backend);
  const size = (await query<{ units: number; officials: number; dossiers: number; events: number }>(
    backend,
    `select (select count(*) from units)::int as units, (select count(*) from officials)::int as officials,
            (select count(*) from dossiers)::int as dossiers, (select count(*) from dossier_events)::int as events`,
  ))[0]!;
  const label = `${backend.name} (${fmt(size.dossiers, 0)} hồ sơ)`;
  console.log(`  dữ liệu: ${fmt(size.units, 0)} đơn vị, ${fmt(size.officials, 0)} cán bộ, ${fmt(size.dossiers, 0)} hồ sơ, ${fmt(size.events, 0)} sự kiện`);
  const codes = (await query<{ code: string }>(backend, 'select code from dossiers order by md5(code) limit 2000')).map((r) => r.code);
  const year = new Date().getFullYear();

  // Start-up: three cold starts, the median.
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = await startServer(backend);
    starts.push(s.startMs);
    await stop(s.child);
  }
  starts.sort((a, b) => a - b);
  rows.push({ figure: `${label}: khởi động đến /health`, value: `${fmt(starts[1]! / 1000, 2)} s`, floor: '—', ratio: '—', target: '< 3 s', ok: starts[1]! < 3000 });

  const server = await startServer(backend);
  const app = await hammer(server.url, codes, (c) => `/api/v1/public/dossiers/${encodeURIComponent(c)}`);
  const rss = rssMb(server.child.pid!);
  // The leader's dashboard: the unit ranking for the year.
  const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'lanhdao', password: 'congvu-demo' }) });
  const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const dashUrl = `${server.url}/api/v1/metrics/overview?period=year&at=${year}`;
  let dashboard: { children: DashRow[] } | null = null;
  const dashMs = await timeIt(async () => {
    const res = await fetch(dashUrl, { headers: { cookie } });
    dashboard = res.ok ? ((await res.json()) as typeof dashboard) : null;
  }, 30);
  await stop(server.child);

  const floorPort = await freePort();
  const floor = spawn(process.execPath, [path.join(ROOT, 'bench/floor-server.mjs'), String(floorPort), backend.url ?? path.join(backend.dataDir!, 'pglite')], {
    cwd: ROOT,
    env: { ...process.env, FLOOR_SQL: PUBLIC_LOOKUP_SQL },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((r) => floor.stdout!.once('data', r));
  const bare = await hammer(`http://127.0.0.1:${floorPort}`, codes, (c) => `/${encodeURIComponent(c)}`);
  await stop(floor);
  const share = app.rps / bare.rps;
  rows.push({ figure: `${label}: tra cứu hồ sơ công khai, 50 kết nối (yêu cầu/giây)`, value: fmt(app.rps, 0), floor: fmt(bare.rps, 0), ratio: `${fmt(share * 100, 1)}%`, target: '≥ 60%', ok: share >= 0.6 });
  rows.push({ figure: `${label}: tra cứu — p99, lỗi`, value: `${app.p99} ms, ${app.errors} lỗi`, floor: `${bare.p99} ms`, ratio: '—', target: 'p99 < 25 ms, 0 lỗi', ok: app.p99 < 25 && app.errors === 0 });
  rows.push({ figure: `${label}: bộ nhớ thường trú sau tra cứu`, value: `${fmt(rss, 0)} MB`, floor: '—', ratio: '—', target: '< 300 MB', ok: rss < 300 });

  // The raw aggregate over the dossier table: the floor of the dashboard, and the numbers to agree with.
  const from = `${year}-01-01T00:00:00+07:00`;
  const to = `${year + 1}-01-01T00:00:00+07:00`;
  let raw: RawRank[] = [];
  const rawMs = await timeIt(async () => {
    raw = await query(backend, RAW_RANKING, [from, to]);
  }, 5);
  const got = dashboard as { children: DashRow[] } | null;
  const same = got !== null && sameNumbers(raw, got.children);
  rows.push({
    figure: `${label}: bảng điều hành lãnh đạo (xếp hạng đơn vị cả năm), p50`,
    value: got ? `${fmt(dashMs, 1)} ms` : 'lỗi',
    floor: `${fmt(rawMs, 1)} ms (tổng hợp thô)`,
    ratio: got ? `${fmt(rawMs / dashMs, 1)}×` : '—',
    target: 'p50 < 50 ms, ≥ 50× nhanh hơn, cùng số liệu',
    ok: got !== null && dashMs < 50 && rawMs / dashMs >= 50 && same,
  });
  rows.push({ figure: `${label}: số liệu bảng điều hành = tổng hợp thô`, value: same ? 'trùng khớp' : 'KHÁC', floor: `${raw.length} đơn vị`, ratio: '—', target: 'trùng khớp', ok: same });

  // Month close: open a month for every official (evidence, peers), score them, close.
  const handle = await openMigrated({ ...loadConfig(env(backend)) });
  try {
    const month = '2099-01';
    await sql`delete from peer_reviews where scorecard_id in (select id from scorecards where month = ${month})`.execute(handle.db);
    await sql`delete from scorecards where month = ${month}`.execute(handle.db);
    const t0 = performance.now();
    const opened = await handle.db.transaction().execute((trx) => openCards(trx, '', month, new Date()));
    const openMs = performance.now() - t0;
    await sql`update scorecards set status = 'head', head_general = 27, head_task = 60 where month = ${month}`.execute(handle.db);
    const t1 = performance.now();
    const closed = await handle.db.transaction().execute((trx) => closeScored(trx, '', month, new Date()));
    const closeMs = performance.now() - t1;
    rows.push({ figure: `${label}: mở tháng chấm điểm (${fmt(opened, 0)} cán bộ, minh chứng, phân công chéo)`, value: `${fmt(openMs / 1000, 2)} s`, floor: '—', ratio: '—', target: '—', ok: null });
    rows.push({ figure: `${label}: chốt điểm tháng (${fmt(closed.closed, 0)} phiếu)`, value: `${fmt(closeMs / 1000, 2)} s`, floor: '—', ratio: '—', target: '< 30 s với 20.000 cán bộ', ok: closeMs < 30_000 });
    await sql`delete from peer_reviews where scorecard_id in (select id from scorecards where month = ${month})`.execute(handle.db);
    await sql`delete from scorecards where month = ${month}`.execute(handle.db);
  } finally {
    await handle.close();
  }
}

async function pgAvailable(): Promise<boolean> {
  const url = new URL(PG_URL);
  return new Promise((resolve) => {
    const s = net.connect(Number(url.port || 5432), url.hostname, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

const pgliteDir = process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), 'congvu-bench-pglite');
const backends: Backend[] = [];
if (process.env.BENCH_ONLY !== 'postgres') backends.push({ name: 'PGlite', dataDir: pgliteDir, scale: 'demo' });
const pgUp = await pgAvailable();
if (pgUp && process.env.BENCH_ONLY !== 'pglite') backends.push({ name: 'PostgreSQL', url: PG_URL, scale: PG_SCALE });
console.log(`congvu bench — ${new Date().toISOString()} — ${os.cpus().length} nhân, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`);
for (const b of backends) await benchBackend(b);

// Import through `congvu import` against raw COPY of the same rows, into its own database.
if (pgUp && IMPORT_DOSSIERS > 0 && process.env.BENCH_ONLY !== 'pglite') {
  console.log(`\n▶ Nhập ${fmt(IMPORT_DOSSIERS, 0)} hồ sơ qua congvu import`);
  const r = await benchImport({ databaseUrl: PG_URL.replace(/\/[^/]+$/, '/congvu_bench_import'), dossiers: IMPORT_DOSSIERS, log: (line) => console.log(`  ${line}`) });
  const share = r.copySeconds / r.importSeconds;
  rows.push({
    figure: `PostgreSQL: nhập ${fmt(r.dossiers, 0)} hồ sơ, ${fmt(r.events, 0)} sự kiện qua \`congvu import\``,
    value: `${fmt(r.importSeconds, 1)} s (${fmt(r.dossiers / r.importSeconds, 0)} hồ sơ/giây)`,
    floor: `${fmt(r.copySeconds, 1)} s (COPY thô)`,
    ratio: `${fmt(share * 100, 1)}%`,
    target: '≥ 25% tốc độ COPY',
    ok: share >= 0.25,
  });
  rows.push({ figure: 'PostgreSQL: nhập lại cùng tệp', value: `${r.rerunAdded} sự kiện thêm, ${fmt(r.rerunSeconds, 1)} s`, floor: '—', ratio: '—', target: '0 sự kiện thêm', ok: r.rerunAdded === 0 });
}

console.log('\n| Chỉ số | Kết quả | Sàn | Tỷ lệ | Mục tiêu | Đạt |\n|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.figure} | ${r.value} | ${r.floor} | ${r.ratio} | ${r.target} | ${r.ok === null ? '—' : r.ok ? 'đạt' : 'CHƯA'} |`);
