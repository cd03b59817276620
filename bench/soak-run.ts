/**
 * One soak on a seeded database: a real `congvu serve` process with its scheduled jobs and the
 * outbox worker running (SMS and Zalo to a webhook sink here, e-mail to files), the traffic of
 * bench/soak-traffic.ts, the process's memory sampled throughout; then, with the server stopped,
 * `congvu audit verify` and `congvu metrics verify` on the soaked database.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/database.ts';
import { JOBS } from '../src/server/jobs/scheduler.ts';
import { startServer } from '../test/support/server.ts';
import { SoakClient } from './soak-client.ts';
import { type MemoryTrend, type Tolerance, memoryTrend, readHeapSamples, rssMb, sampleRss } from './soak-memory.ts';
import { type TrafficResult, type TrafficSettings, runTraffic } from './soak-traffic.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin/congvu.mjs');
const PROBE = pathToFileURL(path.join(import.meta.dirname, 'soak-heap-probe.mjs')).href;

export interface SoakDatabase {
  backend: 'postgres' | 'pglite';
  /** postgres://… of the seeded database, or the data directory holding its PGlite files. */
  databaseUrl?: string;
  dataDir?: string;
}

export interface SoakSettings extends TrafficSettings {
  rssEveryMs: number;
  heapEveryMs: number;
  /** The scheduler's period for every job during the soak (the first round runs after 1 s). */
  jobsEveryMs: number;
  /** Jobs left out of this soak (the CI form leaves out the monthly report archive: see its test). */
  skipJobs: string[];
  rssTolerance: Tolerance;
  heapTolerance: Tolerance;
  log: (line: string) => void;
}

export interface Verification {
  name: string;
  ok: boolean;
  detail: string;
}

export interface SoakResult {
  backend: SoakDatabase['backend'];
  settings: SoakSettings;
  traffic: TrafficResult;
  jobs: string[];
  rss: MemoryTrend | null;
  heap: MemoryTrend | null;
  firstRssMb: number | null;
  serverExited: boolean;
  /** Server log lines at level error or above (message only), and other lines it printed. */
  serverErrors: string[];
  serverOther: string[];
  notifications: { sent: number; pending: number; failed: number; webhookCalls: number };
  verifications: Verification[];
}

/** Stands in for the SMS and Zalo gateways: answers every message 200 and counts them. */
async function webhookSink() {
  let calls = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return { url, calls: () => calls, close: () => new Promise((resolve) => server.close(resolve)) };
}

function databaseEnv(db: SoakDatabase): NodeJS.ProcessEnv {
  return db.databaseUrl ? { DATABASE_URL: db.databaseUrl, DATABASE_READ_URL: '' } : { DATABASE_URL: '', DATABASE_READ_URL: '', CONGVU_DATA_DIR: db.dataDir };
}

function runCli(db: SoakDatabase, args: string[]): Promise<Verification> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...databaseEnv(db), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => {
      const lines = out.split('\n').filter((l) => l.trim());
      resolve({ name: `congvu ${args.join(' ')}`, ok: code === 0, detail: `thoát ${code}: ${lines.slice(-3).join(' / ').slice(0, 400)}` });
    });
  });
}

/** Both checks; at once on PostgreSQL, one after the other on PGlite (one process per data directory). */
async function verifyDatabase(db: SoakDatabase): Promise<Verification[]> {
  const checks = [['audit', 'verify'], ['metrics', 'verify']];
  if (db.databaseUrl) return Promise.all(checks.map((args) => runCli(db, args)));
  const done: Verification[] = [];
  for (const args of checks) done.push(await runCli(db, args));
  return done;
}

/** Lines the server prints on start; anything else in its log is reported. */
const BANNER = /^(congvu đang chạy|Tài liệu API)/;

function readServerLog(output: string) {
  const errors: string[] = [];
  const other: string[] = [];
  for (const line of output.split('\n').filter((l) => l.trim() && !BANNER.test(l))) {
    let entry: { level?: number; msg?: string; job?: string; err?: string | { type?: string; message?: string } } | null = null;
    try {
      entry = JSON.parse(line);
    } catch {
      // not a log entry
    }
    if (entry && typeof entry.level === 'number') {
      const err = typeof entry.err === 'string' ? entry.err : entry.err && `${entry.err.type ?? ''}: ${entry.err.message ?? ''}`;
      if (entry.level >= 50) errors.push([entry.msg, entry.job, err].filter(Boolean).join(' — '));
      else other.push(entry.msg ?? line.slice(0, 200));
    } else other.push(line.slice(0, 200));
  }
  return { errors, other };
}

async function outboxSince(db: SoakDatabase, since: Date) {
  const handle = await openDatabase({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
  try {
    const rows = await handle.db
      .selectFrom('outbox')
      .select(['status', sql<boolean>`attempts > 0 and status = 'pending'`.as('retrying'), sql<number>`count(*)::int`.as('n')])
      .where('created_at', '>=', since)
      .groupBy(['status', sql`attempts > 0 and status = 'pending'`])
      .execute();
    const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((a, r) => a + r.n, 0);
    return { sent: count((r) => r.status === 'sent'), pending: count((r) => r.status === 'pending' && !r.retrying), failed: count((r) => r.status === 'failed' || r.retrying) };
  } finally {
    await handle.close();
  }
}

export async function runSoak(db: SoakDatabase, s: SoakSettings): Promise<SoakResult> {
  const sink = await webhookSink();
  const heapFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-soak-')), 'heap.txt');
  const jobs = JOBS.map((j) => j.name).filter((n) => !s.skipJobs.includes(n));
  const server = await startServer({
    ...databaseEnv(db),
    CONGVU_JOBS: jobs.join(','),
    CONGVU_JOBS_FIRST_MS: '1000',
    CONGVU_JOBS_EVERY_MS: String(s.jobsEveryMs),
    CONGVU_SHOW_DEMO: '0',
    CONGVU_SMS_WEBHOOK_URL: `${sink.url}/sms`,
    CONGVU_ZALO_WEBHOOK_URL: `${sink.url}/zalo`,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${PROBE}`.trim(),
    SOAK_HEAP_FILE: heapFile,
    SOAK_HEAP_EVERY_MS: String(s.heapEveryMs),
  });
  const since = new Date();
  s.log(`máy chủ ${server.url} (pid ${server.process.pid}), tác vụ định kỳ: ${jobs.join(', ')} mỗi ${s.jobsEveryMs / 1000} s`);
  let traffic: TrafficResult;
  let rssSamples;
  const sampler = sampleRss(server.process.pid!, s.rssEveryMs);
  const client = new SoakClient(server.url);
  const progress = setInterval(() => {
    const requests = [...client.latencies.values()].reduce((a, l) => a + l.length, 0);
    s.log(`${Math.round(client.seconds)} s: ${requests} yêu cầu, ${client.errors.length} lỗi, RSS ${Math.round(rssMb(server.process.pid!) ?? 0)} MB`);
  }, 60_000);
  try {
    traffic = await runTraffic(client, s);
  } finally {
    clearInterval(progress);
    rssSamples = sampler.stop();
  }
  const serverExited = server.process.exitCode !== null;
  await server.stop();
  const log = readServerLog(server.output());
  const heapSamples = readHeapSamples(heapFile);
  fs.rmSync(path.dirname(heapFile), { recursive: true, force: true });
  await sink.close();
  s.log('kiểm tra cơ sở dữ liệu sau khi chạy: congvu audit verify, congvu metrics verify…');
  const verifications = await verifyDatabase(db);
  const outbox = await outboxSince(db, since);
  return {
    backend: db.backend,
    settings: s,
    traffic,
    jobs,
    rss: memoryTrend(rssSamples, traffic.startedAt, traffic.seconds, s.rssTolerance),
    heap: memoryTrend(heapSamples, traffic.startedAt, traffic.seconds, s.heapTolerance),
    firstRssMb: rssSamples[0]?.mb ?? null,
    serverExited,
    serverErrors: log.errors,
    serverOther: log.other,
    notifications: { ...outbox, webhookCalls: sink.calls() },
    verifications,
  };
}
