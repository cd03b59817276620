/**
 * Issue 9, faults: a PostgreSQL host that accepts connections and then says nothing (a black-holed
 * address, a hung server, a half-open network path). Every pool — the main one, the read replica's
 * and the rate-limit counters' — gives up after CONGVU_DB_CONNECT_TIMEOUT_MS and the request gets a
 * 503 DATABASE_UNAVAILABLE problem+json; before the connect timeout, it waited forever. PGlite has
 * no pool and no network: the gap is PostgreSQL's only, so the database here is a TCP port that
 * accepts and never answers (no PostgreSQL, no TEST_DATABASE_URL needed).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { DEFAULT_DB_CONNECT_TIMEOUT_MS, loadConfig } from '../../src/server/config.ts';
import { isDatabaseUnavailable } from '../../src/server/db/connection-errors.ts';
import { type DatabaseHandle, openDatabase } from '../../src/server/db/database.ts';

const TIMEOUT_MS = 400;
/** No answer by then counts as hung: without a connect timeout pg waits forever. */
const HANG_MS = 5_000;

/** A "database" that accepts TCP connections and never writes a byte. */
async function silentServer() {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    // Read (and drop) what the client sends, so its closing the connection is seen here.
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: (db = 'congvu') => `postgres://congvu@127.0.0.1:${port}/${db}`,
    accepted: () => accepted,
    open: () => sockets.size,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Resolves with what happened within HANG_MS: the outcome and how long it took. */
async function timed<T>(work: Promise<T>): Promise<{ outcome: T | 'hung'; ms: number }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), HANG_MS)));
  try {
    return { outcome: await Promise.race([work, hung]), ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

function expectUnavailable({ outcome, ms }: { outcome: LightMyRequestResponse | 'hung'; ms: number }, what: string) {
  expect(outcome, `${what}: no answer within ${HANG_MS} ms`).not.toBe('hung');
  const res = outcome as LightMyRequestResponse;
  expect(res.statusCode, `${what}: ${res.body}`).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['retry-after']).toBe('5');
  expect(res.json()).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', title: 'Dịch vụ tạm ngừng' });
  // Answered by the timeout (not by a refused connection), and soon after it.
  expect(ms, what).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
  expect(ms, what).toBeLessThan(TIMEOUT_MS + 2_000);
}

describe('a PostgreSQL host that never answers', () => {
  let silent: Awaited<ReturnType<typeof silentServer>>;
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  let dataDir: string;

  beforeAll(async () => {
    silent = await silentServer();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-pg-timeout-'));
    handle = await openDatabase({ databaseUrl: silent.url(), databaseReadUrl: silent.url('replica'), connectTimeoutMs: TIMEOUT_MS });
    const config = { ...loadConfig({ CONGVU_DB_CONNECT_TIMEOUT_MS: String(TIMEOUT_MS) }), databaseUrl: silent.url(), dataDir };
    app = await buildApp({ db: handle.db, readDb: handle.readDb, config });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await handle?.close();
    await silent?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads the connect timeout from CONGVU_DB_CONNECT_TIMEOUT_MS, 5 s by default', () => {
    expect(DEFAULT_DB_CONNECT_TIMEOUT_MS).toBe(5_000);
    expect(loadConfig({}).dbConnectTimeoutMs).toBe(5_000);
    expect(loadConfig({ CONGVU_DB_CONNECT_TIMEOUT_MS: '1500' }).dbConnectTimeoutMs).toBe(1_500);
    // 0 would be pg's "wait forever": never taken, nor anything that is not a positive number.
    for (const bad of ['0', '-1', 'abc', '']) expect(loadConfig({ CONGVU_DB_CONNECT_TIMEOUT_MS: bad }).dbConnectTimeoutMs).toBe(5_000);
  });

  it('public lookups get 503 problem+json once the timeout passes (the first on the read pool, a second one already on the rate-limit pool)', async () => {
    const before = silent.accepted();
    const lookup = () => timed(app.inject({ method: 'GET', url: '/api/v1/public/dossiers/000.00.00.H00-260101-0001', remoteAddress: '192.0.2.44' }));
    // A client's first hit is counted from memory: the lookup's own query waits on the read pool.
    expectUnavailable(await lookup(), 'first public lookup');
    // Its next hit is counted in the database before the handler runs: the rate-limit pool waits.
    expectUnavailable(await lookup(), 'second public lookup');
    expect(silent.accepted()).toBeGreaterThan(before);
  });

  it('API calls on the main pool get 503 problem+json, also more at once than the pool holds (they wait in its queue)', async () => {
    // CONGVU_DB_POOL is 10: 15 calls at once leave 5 waiting for a free connection, which times out too.
    const calls = Array.from({ length: 15 }, (_, i) =>
      timed(app.inject({ method: 'GET', url: '/api/v1/dossiers?limit=5', headers: { authorization: `Bearer cv_${'x'.repeat(40)}${i}` } })),
    );
    for (const [i, result] of (await Promise.all(calls)).entries()) expectUnavailable(result, `call ${i}`);
    // The timed-out connections are closed, not left open on the silent host.
    await expect.poll(() => silent.open(), { timeout: 3_000 }).toBe(0);
  });

  it('the read replica pool gives up too, with an error the API answers 503', async () => {
    const { outcome, ms } = await timed(handle.readDb.selectFrom('units').select('id').execute().catch((error: unknown) => error));
    expect(outcome).not.toBe('hung');
    expect(isDatabaseUnavailable(outcome), String(outcome)).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(TIMEOUT_MS + 2_000);
  });

  it('`congvu serve` pointed at it stops with an error instead of waiting forever at start', { timeout: 60_000 }, async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const child = spawn(process.execPath, [path.join(root, 'bin/congvu.mjs'), 'serve'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: silent.url(), CONGVU_DB_CONNECT_TIMEOUT_MS: '500', PORT: '0', HOST: '127.0.0.1', CONGVU_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      // Start-up (bundling the sources on a first run) plus one timeout, not forever.
      const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 45_000))]);
      expect(code, output).toBe(1);
      expect(output).toMatch(/Lỗi: .*(timeout|Connection terminated)/i);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    }
  });
});
