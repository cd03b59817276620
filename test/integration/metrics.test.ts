import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyMetrics } from '../../src/server/modules/metrics/metrics.service.ts';
import { type TestApp, login, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';

const root = path.resolve(import.meta.dirname, '../..');
const applicant = { fullName: 'Trần Thị Mai', idNumber: '025190001111', phone: '0911222333' };

describe.each(BACKENDS)('rollups and the public metrics API on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stay equal to their recomputation through receipt, supplement, decision, return, rating and the closing job', async () => {
    expect((await verifyMetrics(t.database.db)).differences).toEqual([]);
    const counter = await login(t.app, 'motcua');
    const head = await login(t.app, 'truongphong');
    const lltp = (await counter.request('GET', '/api/v1/procedures?q=ly%20lich')).json().items[0];
    const d = (await counter.request('POST', '/api/v1/dossiers', { procedureId: lltp.id, channel: 'online', applicant, documents: [{ name: 'Tờ khai', originals: 1, copies: 0, digitized: true, reused: false }] })).json();
    await counter.request('POST', `/api/v1/dossiers/${d.id}/supplement-request`, { items: ['Bản sao CCCD'] });
    await counter.request('POST', `/api/v1/dossiers/${d.id}/actions`, { type: 'complete_supplement' });
    await counter.request('POST', `/api/v1/dossiers/${d.id}/actions`, { type: 'record_visit', purpose: 'Nộp bổ sung' });
    await head.request('POST', `/api/v1/dossiers/${d.id}/actions`, { type: 'assign', handlerId: (await head.request('GET', '/api/v1/me')).json().officialId });
    await head.request('POST', `/api/v1/dossiers/${d.id}/actions`, { type: 'decide', outcome: 'approved' });
    await counter.request('POST', `/api/v1/dossiers/${d.id}/actions`, { type: 'return_result' });
    await t.app.inject({ method: 'POST', url: `/api/v1/public/dossiers/${d.code}/rating`, payload: { level: 'satisfied', phoneLast4: '2333' } });
    const check = await verifyMetrics(t.database.db);
    expect(check.differences).toEqual([]);
    expect(check.compared).toBeGreaterThan(100);
  });

  it('a tampered figure is found, and the CLI exits non-zero naming it', async () => {
    const row = await t.database.db.selectFrom('dossier_daily').select(['unit_id', 'day']).where('received', '>', 0).orderBy('day', 'desc').executeTakeFirstOrThrow();
    await t.database.db.updateTable('dossier_daily').set({ received: sql`received + 1` }).where('unit_id', '=', row.unit_id).where('day', '=', row.day).execute();
    const check = await verifyMetrics(t.database.db);
    expect(check.differences).toEqual([{ key: `dossier_daily|${row.unit_id}|${row.day}|received`, stored: expect.any(Number), recomputed: expect.any(Number) }]);
    if (backend === 'postgres') {
      const out = spawnSync(process.execPath, [path.join(root, 'bin/congvu.mjs'), 'metrics', 'verify'], { env: { ...process.env, DATABASE_URL: t.database.url }, encoding: 'utf8' });
      expect(out.status).not.toBe(0);
      expect(out.stderr).toContain(`${row.unit_id}|${row.day}|received`);
    }
    await t.database.db.updateTable('dossier_daily').set({ received: sql`received - 1` }).where('unit_id', '=', row.unit_id).where('day', '=', row.day).execute();
    if (backend === 'postgres') {
      const ok = spawnSync(process.execPath, [path.join(root, 'bin/congvu.mjs'), 'metrics', 'verify'], { env: { ...process.env, DATABASE_URL: t.database.url }, encoding: 'utf8' });
      expect(ok.status).toBe(0);
      expect(ok.stdout).toMatch(/Khớp: \d+ số liệu/);
    }
  });

  it('keeps the monthly and yearly copies equal to the daily rows through writes, and verify names a tampered copy', async () => {
    const daily = await t.database.db.selectFrom('dossier_daily').select(['unit_id', 'day']).where('received', '>', 0).orderBy('day', 'desc').executeTakeFirstOrThrow();
    const month = `${daily.day.slice(0, 8)}01`;
    const year = `${daily.day.slice(0, 4)}-01-01`;
    const sumOfDays = async (unit: 'month' | 'year', start: string) =>
      (await sql<{ n: number }>`select coalesce(sum(received), 0)::int as n from dossier_daily where unit_id = ${daily.unit_id} and date_trunc(${unit}, day) = ${start}::date`.execute(t.database.db)).rows[0]!.n;
    const monthly = async () => (await t.database.db.selectFrom('dossier_monthly').select('received').where('unit_id', '=', daily.unit_id).where('month', '=', month).executeTakeFirstOrThrow()).received;
    const yearly = async () => (await t.database.db.selectFrom('dossier_yearly').select('received').where('unit_id', '=', daily.unit_id).where('year', '=', year).executeTakeFirstOrThrow()).received;
    const inStep = async () => {
      expect(await monthly()).toBe(await sumOfDays('month', month));
      expect(await yearly()).toBe(await sumOfDays('year', year));
    };
    await inStep();
    // A daily write (as the live actions, imports and repairs make) moves its month and year in the same transaction.
    await t.database.db.updateTable('dossier_daily').set({ received: sql`received + 2` }).where('unit_id', '=', daily.unit_id).where('day', '=', daily.day).execute();
    await inStep();
    await t.database.db.updateTable('dossier_daily').set({ received: sql`received - 2` }).where('unit_id', '=', daily.unit_id).where('day', '=', daily.day).execute();
    await inStep();

    const differ = (table: string, start: string) => ({ key: `${table}|${daily.unit_id}|${start}|received`, stored: expect.any(Number), recomputed: expect.any(Number) });
    // A month changed by hand moves its year too (the yearly copy follows the monthly one): both are named.
    await t.database.db.updateTable('dossier_monthly').set({ received: sql`received + 1` }).where('unit_id', '=', daily.unit_id).where('month', '=', month).execute();
    expect((await verifyMetrics(t.database.db)).differences).toEqual([differ('dossier_monthly', month), differ('dossier_yearly', year)]);
    await t.database.db.updateTable('dossier_monthly').set({ received: sql`received - 1` }).where('unit_id', '=', daily.unit_id).where('month', '=', month).execute();
    await t.database.db.updateTable('dossier_yearly').set({ received: sql`received + 1` }).where('unit_id', '=', daily.unit_id).where('year', '=', year).execute();
    expect((await verifyMetrics(t.database.db)).differences).toEqual([differ('dossier_yearly', year)]);
    await t.database.db.updateTable('dossier_yearly').set({ received: sql`received - 1` }).where('unit_id', '=', daily.unit_id).where('year', '=', year).execute();
    expect((await verifyMetrics(t.database.db)).differences).toEqual([]);
  });

  it('the public ranking equals a raw aggregate over the dossiers and holds no personal data', async () => {
    // Far enough ahead that today's dossiers count whatever the UTC/Vietnam date difference.
    const to = '2099-12-31';
    const res = await t.app.inject({ url: `/api/v1/public/metrics/units?from=2020-01-01&to=${to}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.length).toBeGreaterThan(3);
    const stp = body.items.find((u: { code: string }) => u.code === 'STP');
    const unit = await t.database.db.selectFrom('units').select('path').where('code', '=', 'STP').executeTakeFirstOrThrow();
    const raw = await sql<{ received: number; finished: number; on_time: number }>`
      select count(*)::int as received,
        count(*) filter (where status in ('result_ready','returned'))::int as finished,
        count(*) filter (where status in ('result_ready','returned') and finished_at <= legal_due_at)::int as on_time
      from dossiers where unit_path like ${`${unit.path}%`} and received_at is not null`.execute(t.database.db);
    expect({ received: stp.received, finished: stp.finished, onTime: stp.onTime }).toEqual({ received: raw.rows[0]!.received, finished: raw.rows[0]!.finished, onTime: raw.rows[0]!.on_time });
    expect(body.items.map((u: { rank: number }) => u.rank)).toEqual(body.items.map((_: unknown, i: number) => i + 1));
    const ids = await t.database.db.selectFrom('dossiers').select(['applicant_id_number', 'applicant_name']).limit(200).execute();
    for (const i of ids) {
      expect(res.body).not.toContain(i.applicant_id_number);
      expect(res.body).not.toContain(i.applicant_name);
    }
    expect((await t.app.inject({ url: '/api/v1/public/metrics/units?from=2026-12-01&to=2026-01-01' })).statusCode).toBe(422);
  });
});
