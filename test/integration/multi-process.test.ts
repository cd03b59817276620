import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { verifyAuditChain } from '../../src/server/modules/audit/verify-audit.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-province.ts';
import { seedDemo } from '../../src/server/seed/seed.ts';
import { login } from '../support/app.ts';
import { type TestDatabase, createTestDatabase } from '../support/databases.ts';
import { type RunningServer, startServer } from '../support/server.ts';

/**
 * Issue 8: two real `congvu serve` processes on one PostgreSQL database share everything a user
 * notices: sessions, rate limits, and scheduled jobs (which run once, not once per process).
 * PostgreSQL only: PGlite is embedded in one process.
 */
const MONTH = '2025-02';

describe.skipIf(!process.env.TEST_DATABASE_URL)('two server processes on one PostgreSQL (skipped: TEST_DATABASE_URL is not set)', () => {
  let database: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  let scoredCardId: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await seedDemo(database.db, { volume: 0.02 });

    // Make the evaluation jobs due before any process starts its scheduler: a month long past
    // (every step late → reminders) with one card scored by the head but not closed.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-files-'));
    const setup = await buildApp({ db: database.db, config: { ...loadConfig({}), databaseUrl: database.url, dataDir } });
    try {
      const head = await login(setup, 'truongphong');
      expect((await head.request('POST', '/api/v1/evaluation/months', { month: MONTH })).statusCode).toBe(201);
      const officer = await login(setup, 'chuyenvien');
      const card = (await officer.request('GET', '/api/v1/evaluation/me')).json().items.find((c: { month: string }) => c.month === MONTH);
      expect((await officer.request('POST', `/api/v1/evaluation/scorecards/${card.id}/self`, { general: 27, task: 60 })).statusCode).toBe(200);
      const scored = await head.request('POST', `/api/v1/evaluation/scorecards/${card.id}/head`, { general: 27, task: 60, reason: 'Đánh giá theo kết quả thực tế của tháng' });
      expect(scored.statusCode).toBe(200);
      scoredCardId = card.id;
    } finally {
      await setup.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }

    // Both processes start together and tick every second from ~1.5 s after start, so their
    // scheduler rounds overlap: only the advisory lock keeps the jobs from running twice. Only the
    // jobs under test run (the monthly report archive would render ~150 files meanwhile).
    const env = {
      DATABASE_URL: database.url,
      CONGVU_JOBS: 'evaluation-reminders,close-scored-months',
      CONGVU_JOBS_FIRST_MS: '1500',
      CONGVU_JOBS_EVERY_MS: '1000',
      CONGVU_SHOW_DEMO: '0',
    };
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await database?.drop();
  }, 60_000);

  it('a session made on one process works on the other, and logging out on one ends it on both', async () => {
    const res = await fetch(`${a.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
    expect(res.status).toBe(200);
    const sid = res.headers.getSetCookie().find((c) => c.startsWith('congvu_sid='));
    expect(sid).toBeTruthy();
    const cookie = sid!.split(';')[0]!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };

    const me = await fetch(`${b.url}/api/v1/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { username: string }).username).toBe('admin');

    // A cookie write on B needs the CSRF token issued by A: without it 403, with it done.
    const admin = await database.db.selectFrom('accounts').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const body = JSON.stringify({ name: 'Khóa thử hai tiến trình', accountId: admin.id });
    const json = { 'content-type': 'application/json', cookie };
    expect((await fetch(`${b.url}/api/v1/api-tokens`, { method: 'POST', headers: json, body })).status).toBe(403);
    const created = await fetch(`${b.url}/api/v1/api-tokens`, { method: 'POST', headers: { ...json, 'x-csrf-token': csrfToken }, body });
    expect(created.status).toBe(201);
    const tokenId = ((await created.json()) as { id: string }).id;
    const listed = (await (await fetch(`${a.url}/api/v1/api-tokens`, { headers: { cookie } })).json()) as { items: { id: string }[] };
    expect(listed.items.map((t) => t.id)).toContain(tokenId);

    expect((await fetch(`${b.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } })).status).toBe(200);
    expect((await fetch(`${a.url}/api/v1/me`, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(`${b.url}/api/v1/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('a rate limit counts the requests of both processes together', async () => {
    // The public dossier lookup allows 60 a minute per client address (trustProxy: the
    // load balancer's X-Forwarded-For names the client).
    const { code } = await database.db.selectFrom('dossiers').select('code').limit(1).executeTakeFirstOrThrow();
    const headers = { 'x-forwarded-for': '203.0.113.77' };
    const statuses: { server: 'a' | 'b'; status: number }[] = [];
    for (let i = 0; i < 64; i++) {
      const server = i % 2 === 0 ? a : b;
      const res = await fetch(`${server.url}/api/v1/public/dossiers/${encodeURIComponent(code)}`, { headers });
      await res.arrayBuffer();
      statuses.push({ server: server === a ? 'a' : 'b', status: res.status });
    }
    expect(statuses.slice(0, 60).every((s) => s.status === 200)).toBe(true);
    expect(statuses.slice(60).map((s) => s.status)).toEqual([429, 429, 429, 429]);
    // Each process alone served only 30: the limit was reached on their shared count.
    expect(statuses.slice(60).filter((s) => s.server === 'a')).toHaveLength(2);
    expect(statuses.slice(60).filter((s) => s.server === 'b')).toHaveLength(2);
    // Another client is not affected.
    expect((await fetch(`${a.url}/api/v1/public/dossiers/${encodeURIComponent(code)}`, { headers: { 'x-forwarded-for': '203.0.113.78' } })).status).toBe(200);
  });

  it('scheduled jobs run once across both processes: one month close, one reminder per person, the audit chain intact', async () => {
    const closeRows = () =>
      database.db.selectFrom('audit_log').select(['seq']).where('action', '=', 'evaluation.close_month').where('entity_id', '=', MONTH).where('actor', '=', 'system').execute();
    const remindRows = () => database.db.selectFrom('audit_log').select(['seq']).where('action', '=', 'evaluation.remind').where('actor', '=', 'system').execute();
    const deadline = Date.now() + 40_000;
    while ((await closeRows()).length === 0 || (await remindRows()).length === 0) {
      if (Date.now() > deadline) throw new Error(`jobs did not run:\n${a.output()}\n${b.output()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // Let both schedulers tick a few more rounds: a job that ran once per process would show now.
    await new Promise((r) => setTimeout(r, 4_000));

    expect(await closeRows()).toHaveLength(1);
    const card = await database.db.selectFrom('scorecards').select(['status']).where('id', '=', scoredCardId).executeTakeFirstOrThrow();
    expect(card.status).toBe('closed');

    const reminders = await database.db.selectFrom('outbox').select(['recipient']).where('kind', '=', 'evaluation_reminder').execute();
    expect(reminders.length).toBeGreaterThan(0);
    const recipients = reminders.map((m) => m.recipient);
    expect(new Set(recipients).size).toBe(recipients.length);
    // Every late step was marked reminded once; nothing is left for another round to send.
    expect(await remindRows()).toHaveLength(1);

    const chain = await verifyAuditChain(database.db);
    expect(chain.problem).toBeNull();
    expect(a.process.exitCode).toBeNull();
    expect(b.process.exitCode).toBeNull();
  }, 60_000);
});
