/**
 * Issue 9, faults: PostgreSQL stopped and started again while a `congvu serve` process is under
 * load (public lookups, logged-in reads, writes). During the outage requests fail fast with a 503
 * problem+json, never hang and never crash the process; once PostgreSQL is back the same process
 * serves again without a restart. Runs on a private cluster (initdb in a temporary folder), so it
 * needs the PostgreSQL binaries but not TEST_DATABASE_URL.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { verifyAuditChain } from '../../src/server/modules/audit/verify-audit.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-province.ts';
import { seedDemo } from '../../src/server/seed/seed.ts';
import { type PgCluster, pgClusterUnavailable, startPgCluster } from '../support/pg-cluster.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A request that takes longer than this counts as hung. */
const HANG_MS = 10_000;

type Kind = 'lookup' | 'read' | 'write';
interface Outcome {
  kind: Kind;
  startedAt: number;
  endedAt: number;
  /** 0: no HTTP answer at all (connection refused or reset, or no answer within HANG_MS). */
  status: number;
  contentType: string;
  body: string;
}

async function loginOver(url: string, username: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('congvu_sid='))!.split(';')[0]!;
  return { cookie, csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken };
}

const TITLE = 'PostgreSQL restarted under load';
describe.skipIf(pgClusterUnavailable)(pgClusterUnavailable ? `${TITLE} (skipped: ${pgClusterUnavailable})` : TITLE, () => {
  let cluster: PgCluster;
  let server: RunningServer;
  let dossierCode: string;
  let adminId: string;

  beforeAll(async () => {
    cluster = await startPgCluster();
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('create database congvu');
    await admin.end();
    const handle = await openDatabase({ databaseUrl: cluster.url('congvu') });
    try {
      await migrateToLatest(handle.db);
      await seedDemo(handle.db, { volume: 0.02 });
      dossierCode = (await handle.db.selectFrom('dossiers').select('code').limit(1).executeTakeFirstOrThrow()).code;
      adminId = (await handle.db.selectFrom('accounts').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    } finally {
      await handle.close();
    }
    server = await startServer({ DATABASE_URL: cluster.url('congvu'), CONGVU_SHOW_DEMO: '0' });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await cluster?.destroy();
  });

  it('answers 503 problem+json only while PostgreSQL is down, never hangs, and serves again from the same process', { timeout: 120_000 }, async () => {
    const pid = server.process.pid;
    const [head, admin] = [await loginOver(server.url, 'truongphong'), await loginOver(server.url, 'admin')];
    const created: string[] = [];
    let n = 0;
    const send = async (kind: Kind): Promise<Outcome> => {
      const i = n++;
      const startedAt = Date.now();
      const init: RequestInit =
        kind === 'lookup'
          ? // A different client address each time (the proxy on loopback is trusted): the lookup's 60-a-minute limit stays out of the way.
            { headers: { 'x-forwarded-for': `198.51.${(i >> 8) & 255}.${i & 255}` } }
          : kind === 'read'
            ? { headers: { cookie: head.cookie } }
            : {
                method: 'POST',
                headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
                body: JSON.stringify({ name: `Khóa thử khởi động lại ${i}`, accountId: adminId }),
              };
      const url = { lookup: `/api/v1/public/dossiers/${encodeURIComponent(dossierCode)}`, read: '/api/v1/dossiers?limit=5', write: '/api/v1/api-tokens' }[kind];
      try {
        const res = await fetch(`${server.url}${url}`, { ...init, signal: AbortSignal.timeout(HANG_MS) });
        const body = await res.text();
        if (kind === 'write' && res.status === 201) created.push((JSON.parse(body) as { id: string }).id);
        return { kind, startedAt, endedAt: Date.now(), status: res.status, contentType: res.headers.get('content-type') ?? '', body };
      } catch (error) {
        return { kind, startedAt, endedAt: Date.now(), status: 0, contentType: '', body: String(error) };
      }
    };

    const outcomes: Outcome[] = [];
    let running = true;
    const worker = async (kind: Kind) => {
      while (running) {
        outcomes.push(await send(kind));
        await sleep(25);
      }
    };
    const load = Promise.all((['lookup', 'lookup', 'read', 'write', 'write'] as const).map(worker));

    await sleep(1_500);
    const stopAt = Date.now();
    await cluster.stop('fast');
    await sleep(2_000);
    await cluster.start();
    const upAt = Date.now();
    await sleep(3_000);
    running = false;
    await load;

    const summary = (list: Outcome[]) => list.map((o) => `${o.kind} +${o.startedAt - stopAt}ms ${o.status} ${o.body.slice(0, 120)}`).join('\n');
    // Never a hang, a dropped connection or a 500: every answer is a success or a 503.
    const odd = outcomes.filter((o) => ![200, 201, 503].includes(o.status));
    expect(odd, `${summary(odd.slice(0, 20))}\n${server.output().slice(-3000)}`).toEqual([]);

    // The 503s fall in the outage, are problem+json in Vietnamese, and every kind of request met one.
    const unavailable = outcomes.filter((o) => o.status === 503);
    for (const kind of ['lookup', 'read', 'write'] as const) expect(unavailable.filter((o) => o.kind === kind).length, kind).toBeGreaterThan(0);
    for (const o of unavailable) {
      expect(o.contentType).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(o.body)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', title: 'Dịch vụ tạm ngừng' });
      expect(o.endedAt).toBeGreaterThanOrEqual(stopAt);
      expect(o.startedAt).toBeLessThan(upAt);
    }
    expect(outcomes.filter((o) => o.endedAt < stopAt).every((o) => o.status !== 503)).toBe(true);

    // Back: everything sent after PostgreSQL came up succeeded, from the same process.
    const after = outcomes.filter((o) => o.startedAt >= upAt);
    for (const kind of ['lookup', 'read', 'write'] as const) expect(after.filter((o) => o.kind === kind && o.status < 300).length, kind).toBeGreaterThan(3);
    expect(after.filter((o) => o.status >= 300), summary(after)).toEqual([]);
    expect(server.process.pid).toBe(pid);
    expect(server.process.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/unhandled error|uncaught/i);

    // Every write answered 201 is stored, and the audit chain holds across the outage.
    const handle = await openDatabase({ databaseUrl: cluster.url('congvu') });
    try {
      const stored = await handle.db.selectFrom('api_tokens').select('id').where('id', 'in', created).execute();
      expect(stored).toHaveLength(created.length);
      expect((await verifyAuditChain(handle.db)).problem).toBeNull();
    } finally {
      await handle.close();
    }
  });
});
