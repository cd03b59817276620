/**
 * Issue 9, faults: the server killed with SIGKILL while the scheduled job closes scored months,
 * then started again and the months closed through the API — each card closed once, with the
 * score a clean close gives, the audit chain intact. Then the same server stopped with SIGTERM
 * while requests are in flight: the one that finishes gets its 200, the one that stalls is cut
 * after the drain limit, and the process exits 0 long before the keep-alive timeout.
 */
import fs from 'node:fs';
import http from 'node:http';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/database.ts';
import { verifyAuditChain } from '../../src/server/modules/audit/verify-audit.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-province.ts';
import { BACKENDS } from '../support/databases.ts';
import { type DiskDatabase, createDiskDatabase, killHard } from '../support/crash.ts';
import { type RunningServer, startServer } from '../support/server.ts';

/** Months the heads scored that nobody closed: ~9,400 cards for the job to close in one transaction. */
const BACKLOG = ['2025-09', '2025-10', '2025-11', '2025-12'];
const DRAIN_MS = 2_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Copies a closed month's cards into the backlog months as scored by the head, not closed. */
async function makeBacklog(db: Database) {
  for (const month of BACKLOG) {
    await sql`insert into scorecards (id, official_id, unit_id, unit_path, month, regime, template_id, status, is_head, auto, evidence_score,
        self_general, self_task, self_at, peer_mean, head_general, head_task, head_reason, head_at, created_at, updated_at)
      select gen_random_uuid(), official_id, unit_id, unit_path, ${month}, regime, template_id, 'head', is_head, auto, evidence_score,
        self_general, self_task, self_at, peer_mean, head_general, head_task, head_reason, head_at, created_at, updated_at
      from scorecards where month = (select max(month) from scorecards where status = 'closed')`.execute(db);
  }
}

async function backlogCards(db: Database) {
  return db
    .selectFrom('scorecards')
    .select(['id', 'status', 'final_score', sql<number>`head_general + head_task`.as('head_total')])
    .where('month', 'in', BACKLOG)
    .execute();
}

const closeAudits = (db: Database) => db.selectFrom('audit_log').select(['entity_id', 'actor', 'after']).where('action', '=', 'evaluation.close_month').where('entity_id', 'in', BACKLOG).execute();

async function sessionsOf(db: Database, username: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from sessions s join accounts a on a.id = s.account_id where a.username = ${username}`.execute(db);
  return rows[0]!.n;
}

async function loginOver(url: string, username: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('congvu_sid='))!.split(';')[0]!;
  return { cookie, csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** A POST whose body is sent in two halves: the request is in flight until finish() sends the rest. */
function halfSentPost(url: string, path: string, body: string) {
  const { hostname, port } = new URL(url);
  // A keep-alive agent, as browsers keep their connections: shutdown must not wait for it to idle out.
  const agent = new http.Agent({ keepAlive: true });
  const req = http.request({ host: hostname, port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
  });
  response.catch(() => undefined);
  return { finish: () => req.end(body.slice(half)), response, agent };
}

/** Stops a server, or — when it was killed — removes what it left: RunningServer.stop() would wait for an exit already made. */
async function discard(server: RunningServer) {
  if (server.process.exitCode === null && server.process.signalCode === null) return server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
}

describe.each(BACKENDS)('faults of a running server on %s', (backend) => {
  let database: DiskDatabase;
  let expected: Map<string, number>;
  let server: RunningServer | undefined;
  /** Backlog cards the killed job had closed (committed just before the kill): 0 or all. */
  let closedBefore = 0;
  let sessionsBefore = 0;

  beforeAll(async () => {
    database = await createDiskDatabase(backend);
    const handle = await database.open();
    try {
      await makeBacklog(handle.db);
      // A clean close gives each card the head's total (numeric in SQL, as closeScored computes it).
      expected = new Map((await backlogCards(handle.db)).map((c) => [c.id, c.head_total]));
      sessionsBefore = await sessionsOf(handle.db, 'truongphong');
    } finally {
      await handle.close();
    }
    expect(expected.size).toBeGreaterThan(4 * 1000);
  }, 180_000);

  afterAll(async () => {
    if (server) await discard(server);
    await database?.drop();
  });

  /**
   * PostgreSQL: this test holds one backlog card's row lock, so the job's UPDATE stops on it with
   * the cards before it already changed, and the kill lands there for certain. PGlite runs its
   * queries on the server's event loop: a /health that does not answer means the job's UPDATE is
   * running, and the kill lands then.
   */
  async function killDuringClose(): Promise<void> {
    const env = { ...database.env, CONGVU_JOBS: 'close-scored-months', CONGVU_JOBS_FIRST_MS: '1000' };
    if (backend === 'postgres') {
      const locker = new pg.Client({ connectionString: database.env.DATABASE_URL });
      // Outside the locker's transaction: pg_stat_activity is read once per transaction.
      const watcher = new pg.Client({ connectionString: database.env.DATABASE_URL });
      await Promise.all([locker.connect(), watcher.connect()]);
      const closing = (onLock: boolean) =>
        watcher.query(`select pid from pg_stat_activity where datname = current_database() and query ilike 'update "scorecards"%' and state = 'active' and ($1 = false or wait_event_type = 'Lock')`, [onLock]);
      try {
        await locker.query('begin');
        await locker.query(`select id from scorecards where month = $1 order by id desc limit 1 for update`, [BACKLOG[BACKLOG.length - 1]]);
        server = await startServer(env);
        const deadline = Date.now() + 30_000;
        // Waiting on this test's lock, with the months before it already updated in its transaction.
        while (!(await closing(true)).rowCount) {
          if (Date.now() > deadline) throw new Error(`the close did not start:\n${server.output()}`);
          await sleep(50);
        }
        await killHard(server.process);
      } finally {
        await locker.query('rollback').catch(() => undefined);
        await locker.end();
      }
      // The orphaned session finds its client gone at its next read and rolls back.
      while ((await closing(false)).rowCount) await sleep(50);
      await watcher.end();
    } else {
      server = await startServer(env);
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(250) });
        } catch {
          break;
        }
        if (Date.now() > deadline) throw new Error(`the server never got busy:\n${server.output()}`);
        await sleep(20);
      }
      await killHard(server.process);
    }
    await discard(server);
    server = undefined;
  }

  it('a month close killed mid-way is all or nothing; closed again, each card is closed once with the clean score', { timeout: 120_000 }, async () => {
    await killDuringClose();

    let handle = await database.open();
    try {
      const cards = await backlogCards(handle.db);
      closedBefore = cards.filter((c) => c.status === 'closed').length;
      const audits = await closeAudits(handle.db);
      // All or nothing: the job closes every late month in one transaction.
      if (backend === 'postgres') expect(closedBefore).toBe(0);
      expect([0, expected.size]).toContain(closedBefore);
      expect(audits).toHaveLength(closedBefore ? BACKLOG.length : 0);
      expect((await verifyAuditChain(handle.db)).problem).toBeNull();
    } finally {
      await handle.close();
    }

    // Started again, jobs off: the leader closes each month through the API; a second close finds nothing left.
    server = await startServer({ ...database.env, CONGVU_JOBS: 'off', CONGVU_SHUTDOWN_DRAIN_MS: String(DRAIN_MS) });
    const leader = await loginOver(server.url, 'lanhdao');
    const close = async (month: string) => {
      const res = await fetch(`${server!.url}/api/v1/evaluation/months/close`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: leader.cookie, 'x-csrf-token': leader.csrfToken }, body: JSON.stringify({ month }) });
      expect(res.status).toBe(200);
      return ((await res.json()) as { closed: number }).closed;
    };
    let closedNow = 0;
    for (const month of BACKLOG) closedNow += await close(month);
    expect(closedBefore + closedNow).toBe(expected.size);
    expect(await close(BACKLOG[0]!)).toBe(0);

    if (backend === 'postgres') {
      handle = await database.open();
      try {
        await checkClosedOnce(handle.db);
      } finally {
        await handle.close();
      }
    }
  });

  async function checkClosedOnce(db: Database) {
    const cards = await backlogCards(db);
    expect(cards).toHaveLength(expected.size);
    for (const c of cards) {
      expect(c.status).toBe('closed');
      expect(c.final_score, c.id).toBe(expected.get(c.id));
    }
    // Once: one close per month (the job's if it committed before the kill, else the leader's), plus the empty second close.
    const audits = await closeAudits(db);
    const closedByAudit = audits.reduce((n, a) => n + Number((a.after as { closed: number }).closed), 0);
    expect(closedByAudit).toBe(expected.size);
    expect(audits.filter((a) => Number((a.after as { closed: number }).closed) > 0)).toHaveLength(BACKLOG.length);
    expect(audits.filter((a) => a.actor === 'system')).toHaveLength(closedBefore ? BACKLOG.length : 0);
    expect((await verifyAuditChain(db)).problem).toBeNull();
  }

  it('SIGTERM: a request in flight finishes with 200, a stalled one is cut after the drain limit, the process exits 0', async () => {
    if (!server) throw new Error('the server of the previous test is not running');
    const body = JSON.stringify({ username: 'truongphong', password: DEMO_PASSWORD });
    const inFlight = halfSentPost(server.url, '/api/v1/auth/login', body);
    const stalled = halfSentPost(server.url, '/api/v1/auth/login', body);
    await sleep(300);
    const exited = new Promise<number | null>((r) => server!.process.once('exit', (code) => r(code)));
    const sentAt = Date.now();
    server.process.kill('SIGTERM');
    // No new connection is accepted once shutdown begins.
    for (let i = 0; ; i++) {
      try {
        await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(1000) });
      } catch {
        break;
      }
      if (i > 50) throw new Error('still accepting connections after SIGTERM');
      await sleep(20);
    }
    // The rest of the body arrives after SIGTERM: the whole login (session row, audit) runs during shutdown.
    inFlight.finish();
    const res = await inFlight.response;
    expect(res.status, res.body).toBe(200);
    expect(JSON.parse(res.body)).toHaveProperty('csrfToken');
    await expect(stalled.response).rejects.toThrow();
    expect(await exited).toBe(0);
    const took = Date.now() - sentAt;
    expect(took).toBeGreaterThanOrEqual(DRAIN_MS - 200);
    expect(took).toBeLessThan(DRAIN_MS + 8_000);
    expect(server.output()).not.toMatch(/destroyed|unhandled error/i);
    inFlight.agent.destroy();
    stalled.agent.destroy();
    await server.stop();
    server = undefined;

    // The login made during shutdown is stored; the months are closed once; the chain holds.
    const handle = await database.open();
    try {
      expect(await sessionsOf(handle.db, 'truongphong')).toBe(sessionsBefore + 1);
      // PGlite's data directory can be read only now that the server is gone.
      if (backend === 'pglite') await checkClosedOnce(handle.db);
      expect((await verifyAuditChain(handle.db)).problem).toBeNull();
    } finally {
      await handle.close();
    }
  });
});
