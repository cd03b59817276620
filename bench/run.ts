/**
 * `npm run bench`: each figure beside its floor — the bare minimum doing the same work on the same
 * database — and the ratio, with the target of issue 8. Never a timed unit test: run it on purpose.
 * Data: the demo province (CONGVU_BENCH_SCALE is reported; the province-scale generator is not built
 * yet, so the figures are at demo scale on both databases).
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

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin/congvu.mjs');
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/congvu_bench';
const LOOKUP_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

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

function env(backend: Backend, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, LOG_LEVEL: 'warn', CONGVU_JOBS: 'off', ...(backend.url ? { DATABASE_URL: backend.url } : { CONGVU_DATA_DIR: backend.dataDir }), ...extra };
}

async function startServer(backend: Backend) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve'], { cwd: ROOT, env: env(backend, { PORT: String(port), HOST: '127.0.0.1' }), stdio: ['ignore', 'ignore', 'inherit'] });
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

/** 50 connections on the public lookup with rotating codes, each request from another citizen's address. */
async function hammer(url: string, codes: string[], pathOf: (code: string) => string) {
  let i = 0;
  const result = await autocannon({
    url,
    connections: 50,
    duration: LOOKUP_SECONDS,
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
    console.log(`  nạp dữ liệu mẫu vào ${backend.name}…`);
    const r = spawnSync(process.execPath, [CLI, 'seed'], { cwd: ROOT, env: env(backend), stdio: 'inherit' });
    if (r.status !== 0) throw new Error('seed thất bại');
  }
}

const RAW_RANKING = `select top.id, count(d.id)::int as received,
    count(*) filter (where d.finished_at is not null and d.finished_at <= d.legal_due_at)::int as on_time,
    count(*) filter (where d.supplement_count > 0)::int as with_supplement
  from units top join units u on u.path like top.path || '%'
  left join dossiers d on d.unit_id = u.id and d.received_at >= $1::timestamptz and d.received_at < $2::timestamptz
  where top.depth = 1 and top.active group by top.id`;

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
  rows.push({ figure: `${backend.name}: khởi động đến /health`, value: `${fmt(starts[1]! / 1000, 2)} s`, floor: '—', ratio: '—', target: '< 3 s', ok: starts[1]! < 3000 });

  const server = await startServer(backend);
  const app = await hammer(server.url, codes, (c) => `/api/v1/public/dossiers/${encodeURIComponent(c)}`);
  const rss = rssMb(server.child.pid!);
  // The leader's dashboard: the unit ranking for the year.
  const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'lanhdao', password: 'congvu-demo' }) });
  const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const dashUrl = `${server.url}/api/v1/metrics/overview?period=year&at=${year}`;
  let dashboard: { children: { unitId: string; received: number }[] } | null = null;
  const dashMs = await timeIt(async () => {
    const res = await fetch(dashUrl, { headers: { cookie } });
    dashboard = res.ok ? ((await res.json()) as typeof dashboard) : null;
  }, 30);
  await stop(server.child);

  const floorPort = await freePort();
  const floor = spawn(process.execPath, [path.join(ROOT, 'bench/floor-server.mjs'), String(floorPort), backend.url ?? path.join(backend.dataDir!, 'pglite')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((r) => floor.stdout!.once('data', r));
  const bare = await hammer(`http://127.0.0.1:${floorPort}`, codes, (c) => `/${encodeURIComponent(c)}`);
  await stop(floor);
  const share = app.rps / bare.rps;
  rows.push({ figure: `${backend.name}: tra cứu hồ sơ công khai, 50 kết nối (yêu cầu/giây)`, value: fmt(app.rps, 0), floor: fmt(bare.rps, 0), ratio: `${fmt(share * 100, 0)}%`, target: '≥ 60%', ok: share >= 0.6 });
  rows.push({ figure: `${backend.name}: tra cứu — p99, lỗi`, value: `${app.p99} ms, ${app.errors} lỗi`, floor: `${bare.p99} ms`, ratio: '—', target: 'p99 < 25 ms, 0 lỗi', ok: app.p99 < 25 && app.errors === 0 });
  rows.push({ figure: `${backend.name}: bộ nhớ thường trú sau tra cứu`, value: `${fmt(rss, 0)} MB`, floor: '—', ratio: '—', target: '< 300 MB', ok: rss < 300 });

  // The raw aggregate over the dossier table: the floor of the dashboard, and the numbers to agree with.
  const from = `${year}-01-01T00:00:00+07:00`;
  const to = `${year + 1}-01-01T00:00:00+07:00`;
  let raw: { id: string; received: number }[] = [];
  const rawMs = await timeIt(async () => {
    raw = await query(backend, RAW_RANKING, [from, to]);
  }, 5);
  const got = dashboard as { children: { unitId: string; received: number }[] } | null;
  const same = got !== null && raw.every((r) => (got.children.find((c) => c.unitId === r.id)?.received ?? 0) === r.received);
  rows.push({
    figure: `${backend.name}: bảng điều hành lãnh đạo (xếp hạng đơn vị cả năm), p50`,
    value: got ? `${fmt(dashMs, 1)} ms` : 'lỗi',
    floor: `${fmt(rawMs, 1)} ms (tổng hợp thô)`,
    ratio: got ? `${fmt(rawMs / dashMs, 1)}×` : '—',
    target: 'p50 < 50 ms, ≥ 50× nhanh hơn, cùng số liệu',
    ok: got !== null && dashMs < 50 && rawMs / dashMs >= 50 && same,
  });
  rows.push({ figure: `${backend.name}: số liệu bảng điều hành = tổng hợp thô`, value: same ? 'trùng khớp' : 'KHÁC', floor: `${raw.length} đơn vị`, ratio: '—', target: 'trùng khớp', ok: same });

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
    rows.push({ figure: `${backend.name}: mở tháng chấm điểm (${fmt(opened, 0)} cán bộ, minh chứng, phân công chéo)`, value: `${fmt(openMs / 1000, 2)} s`, floor: '—', ratio: '—', target: '—', ok: null });
    rows.push({ figure: `${backend.name}: chốt điểm tháng (${fmt(closed.closed, 0)} phiếu)`, value: `${fmt(closeMs / 1000, 2)} s`, floor: '—', ratio: '—', target: '< 30 s với 20.000 cán bộ', ok: closeMs < 30_000 });
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
const backends: Backend[] = [{ name: 'PGlite', dataDir: pgliteDir }];
if (await pgAvailable()) backends.push({ name: 'PostgreSQL', url: PG_URL });
console.log(`congvu bench — ${new Date().toISOString()} — ${os.cpus().length} nhân, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}; quy mô dữ liệu: demo`);
for (const b of backends) await benchBackend(b);

console.log('\n| Chỉ số | Kết quả | Sàn | Tỷ lệ | Mục tiêu | Đạt |\n|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.figure} | ${r.value} | ${r.floor} | ${r.ratio} | ${r.target} | ${r.ok === null ? '—' : r.ok ? 'đạt' : 'CHƯA'} |`);
console.log('\nChưa đo: nhập 1.000.000 hồ sơ qua `congvu import` so với COPY thô; dữ liệu quy mô tỉnh (`congvu seed --scale province`) chưa có.');
