import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { unitRanking } from '../../src/server/modules/metrics/metrics.service.ts';
import { seedDemo } from '../../src/server/seed/seed.ts';
import { BACKENDS, type TestDatabase, createTestDatabase } from '../support/databases.ts';

/**
 * DATABASE_READ_URL: public and dashboard reads go to the read database, writes to the primary.
 * The "replica" here is a second database with the same schema and other data (empty, then one
 * copied row standing for replication catching up), so where a read was served is visible.
 */
describe.each(BACKENDS)('read replica on %s', (backend) => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  let app: FastifyInstance;
  let dataDir: string;

  beforeAll(async () => {
    primary = await createTestDatabase(backend);
    replica = await createTestDatabase(backend);
    await seedDemo(primary.db, { volume: 0.02 });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-files-'));
    app = await buildApp({ db: primary.db, readDb: replica.db, config: { ...loadConfig({}), databaseUrl: primary.url, dataDir } });
    await app.ready();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await primary?.drop();
    await replica?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a complaint is filed on the primary; its public status is read from the replica', async () => {
    const filed = await app.inject({
      method: 'POST',
      url: '/api/v1/public/complaints',
      headers: { 'x-forwarded-for': '198.51.100.9' },
      payload: { kind: 'delay', description: 'Hồ sơ của tôi bị trễ hẹn nhiều ngày mà không có thông báo.', anonymous: true },
    });
    expect(filed.statusCode).toBe(201);
    const { trackingCode } = filed.json<{ trackingCode: string }>();
    const row = await primary.db.selectFrom('complaints').selectAll().where('tracking_code', '=', trackingCode).executeTakeFirstOrThrow();
    expect(await replica.db.selectFrom('complaints').select('id').execute()).toHaveLength(0);
    // The write's audit row went to the primary too, and so does the rate-limit counter: the
    // client's second hit on the route (refused by validation, after the limit counted it) writes
    // both hits, its first having waited in the process's memory.
    expect(await replica.db.selectFrom('audit_log').select('seq').execute()).toHaveLength(0);
    const again = await app.inject({ method: 'POST', url: '/api/v1/public/complaints', headers: { 'x-forwarded-for': '198.51.100.9' }, payload: {} });
    expect([400, 422]).toContain(again.statusCode);
    expect((await primary.db.selectFrom('rate_limits').select('count').execute()).map((r) => r.count)).toEqual([2]);
    expect(await replica.db.selectFrom('rate_limits').select('key').execute()).toHaveLength(0);

    // Not replicated yet: the public status and Open311 say "not found".
    expect((await app.inject({ method: 'GET', url: `/api/v1/public/complaints/${trackingCode}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/open311/v2/requests/${trackingCode}.json` })).statusCode).toBe(404);

    // Replication catches up (the row without its links to units and people, which the empty replica lacks).
    await replica.db.insertInto('complaints').values({ ...row, unit_id: null, unit_path: null, official_id: null, assigned_official_id: null, api_key_id: null, violation_id: null }).execute();
    // A later answer on the primary is not on the replica yet: the public page shows the replica's state.
    await primary.db.updateTable('complaints').set({ status: 'answered', answer: 'Đã xử lý', answered_at: new Date() }).where('id', '=', row.id).execute();
    const status = await app.inject({ method: 'GET', url: `/api/v1/public/complaints/${trackingCode}` });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ trackingCode, status: 'received', answer: null });
    const open311 = await app.inject({ method: 'GET', url: `/open311/v2/requests/${trackingCode}.json` });
    expect(open311.json()).toEqual([expect.objectContaining({ service_request_id: trackingCode, status: 'open' })]);
  });

  it('the public dossier lookup and public figures are read from the replica', async () => {
    const { code } = await primary.db.selectFrom('dossiers').select('code').limit(1).executeTakeFirstOrThrow();
    expect((await app.inject({ method: 'GET', url: `/api/v1/public/dossiers/${encodeURIComponent(code)}` })).statusCode).toBe(404);

    const period = { from: '2020-01-01', to: '2030-12-31' };
    expect((await unitRanking(primary.db, period)).items.length).toBeGreaterThan(0);
    const units = await app.inject({ method: 'GET', url: `/api/v1/public/metrics/units?from=${period.from}&to=${period.to}` });
    expect(units.statusCode).toBe(200);
    expect(units.json().items).toEqual([]);
  });

  it('without a replica, reads use the primary', async () => {
    const plain = await buildApp({ db: primary.db, config: { ...loadConfig({}), databaseUrl: primary.url, dataDir } });
    try {
      const { code } = await primary.db.selectFrom('dossiers').select('code').limit(1).executeTakeFirstOrThrow();
      expect((await plain.inject({ method: 'GET', url: `/api/v1/public/dossiers/${encodeURIComponent(code)}` })).statusCode).toBe(200);
    } finally {
      await plain.close();
    }
  });

  it('DATABASE_READ_URL opens a second pool on PostgreSQL; PGlite ignores it', async () => {
    expect(loadConfig({ DATABASE_READ_URL: 'postgres://replica/congvu' }).databaseReadUrl).toBe('postgres://replica/congvu');
    expect(loadConfig({}).databaseReadUrl).toBeUndefined();
    if (backend === 'pglite') {
      const handle = await openDatabase({ dataDir: 'memory://', databaseReadUrl: 'postgres://replica.invalid/congvu' });
      expect(handle.readDb).toBe(handle.db);
      await handle.close();
      return;
    }
    const handle = await openDatabase({ databaseUrl: primary.url, databaseReadUrl: replica.url });
    try {
      expect(handle.readDb).not.toBe(handle.db);
      const name = async (db: typeof handle.db) => (await sql<{ name: string }>`select current_database() as name`.execute(db)).rows[0]!.name;
      expect(await name(handle.db)).toBe(new URL(primary.url!).pathname.slice(1));
      expect(await name(handle.readDb)).toBe(new URL(replica.url!).pathname.slice(1));
    } finally {
      await handle.close();
    }
  });
});
