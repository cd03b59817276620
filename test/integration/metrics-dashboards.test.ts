import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flatReasons, spreadOf } from '../../src/domain/evaluation/flat-units.ts';
import { BACKFILL } from '../../src/server/db/migrations/0009-activity-rollups.ts';
import { verifyMetrics } from '../../src/server/modules/metrics/metrics.service.ts';
import { type Session, type TestApp, login, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';

const root = path.resolve(import.meta.dirname, '../..');
const vnToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const shift = (day: string, days: number) => new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);

describe.each(BACKENDS)('metrics dashboards on %s', (backend) => {
  let t: TestApp;
  let leader: Session;
  let head: Session;
  let officer: Session;
  let stp: { id: string; path: string };
  let commune: { id: string; path: string };
  // A custom period over the whole demo history (a year back) and a little ahead.
  let from: string;
  let to: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    leader = await login(t.app, 'lanhdao');
    head = await login(t.app, 'truongphong');
    officer = await login(t.app, 'chuyenvien');
    stp = await t.database.db.selectFrom('units').select(['id', 'path']).where('code', '=', 'STP').executeTakeFirstOrThrow();
    commune = await t.database.db.selectFrom('units').select(['id', 'path']).where('code', '=', 'P.VINHYEN').executeTakeFirstOrThrow();
    from = shift(vnToday(), -500);
    to = shift(vnToday(), 200);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The same figures counted straight from the source tables, with the rollups' cohort rules. */
  async function rawFigures(prefix: string) {
    const day = (col: string) => sql.raw(`(${col} at time zone 'Asia/Ho_Chi_Minh')::date between '${from}' and '${to}'`);
    const like = `${prefix}%`;
    const d = await sql<Record<string, number>>`
      select count(*) filter (where ${day('received_at')})::int as received,
        count(*) filter (where ${day('received_at')} and channel = 'online')::int as online,
        count(*) filter (where ${day('finished_at')} and status in ('result_ready','returned') and legal_due_at is not null)::int as finished,
        count(*) filter (where ${day('finished_at')} and status in ('result_ready','returned') and legal_due_at is not null and finished_at <= legal_due_at)::int as on_time,
        count(*) filter (where ${day('finished_at')} and status in ('result_ready','returned') and legal_due_at is not null and finished_at > legal_due_at)::int as late
      from dossiers where unit_path like ${like} and received_at is not null`.execute(t.database.db);
    const k = await sql<Record<string, number>>`
      select count(*) filter (where ${day('original_due_at')})::int as due,
        count(*) filter (where ${day('original_due_at')} and status = 'done')::int as done,
        count(*) filter (where ${day('original_due_at')} and status = 'done' and completed_at <= original_due_at)::int as on_time,
        count(*) filter (where ${day('original_due_at')} and cardinality(bounce_reasons) > 0)::int as bounced
      from tasks where unit_path like ${like} and status <> 'cancelled'`.execute(t.database.db);
    const c = await sql<Record<string, number>>`
      select count(*) filter (where ${day('created_at')})::int as received,
        count(*) filter (where ${day('answered_at')} and outcome = 'upheld')::int as upheld
      from complaints where unit_path like ${like} and kind <> 'praise'`.execute(t.database.db);
    const v = await sql<{ n: number }>`select count(*)::int as n from violations where unit_path like ${like} and ${day('found_at')}`.execute(t.database.db);
    const i = await sql<{ n: number }>`
      select count(*)::int as n from inspections, lateral (select distinct unnest(target_unit_ids) as unit_id) x
      join units u on u.id = x.unit_id
      where status = 'concluded' and ${day('concluded_at')} and u.path like ${like}`.execute(t.database.db);
    return { d: d.rows[0]!, k: k.rows[0]!, c: c.rows[0]!, violations: v.rows[0]!.n, inspections: i.rows[0]!.n };
  }

  it('figures for a period equal a raw aggregate over the source tables, for the province and a unit', async () => {
    for (const [session, unitId, prefix] of [
      [leader, undefined, ''],
      [head, undefined, stp.path],
      [leader, commune.id, commune.path],
    ] as const) {
      const res = await session.request('GET', `/api/v1/metrics/overview?period=custom&from=${from}&to=${to}${unitId ? `&unitId=${unitId}` : ''}`);
      expect(res.statusCode).toBe(200);
      const { figures: f } = res.json();
      const raw = await rawFigures(prefix);
      expect(raw.d.received).toBeGreaterThan(0);
      expect(f.dossiers).toMatchObject({ received: raw.d.received, online: raw.d.online, finished: raw.d.finished, onTime: raw.d.on_time, late: raw.d.late });
      expect(f.tasks).toMatchObject({ due: raw.k.due, done: raw.k.done, onTime: raw.k.on_time, bounced: raw.k.bounced });
      expect(f.complaints).toEqual({ received: raw.c.received, upheld: raw.c.upheld });
      expect(f.oversight).toEqual({ inspections: raw.inspections, violations: raw.violations });
      // The score summary the database sums equals the spread of the month's final scores themselves.
      if (!prefix) expect(f.scores.month).not.toBeNull();
      if (f.scores.month) {
        const finals = (
          await t.database.db
            .selectFrom('scorecards')
            .select('final_score')
            .where('month', '=', f.scores.month)
            .where('status', '=', 'closed')
            .where('final_score', 'is not', null)
            .where('unit_path', 'like', `${prefix}%`)
            .execute()
        ).map((r) => Number(r.final_score));
        const s = spreadOf(finals)!;
        expect(f.scores).toEqual({ month: f.scores.month, count: s.count, min: s.min, max: s.max, mean: s.mean, stdev: s.stdDev, spread: s.spread, flat: flatReasons(finals).length > 0, flatReasons: flatReasons(finals) });
      }
    }
  });

  it('shapes: ranking, previous period, links, 766 groups with null ≠ 0, trend, tree, heads', async () => {
    const body = (await leader.request('GET', '/api/v1/metrics/overview?period=year')).json();
    expect(body.unit).toBeNull();
    expect(body.period.label).toMatch(/^Năm \d{4}$/);
    expect(body.children.map((c: { rank: number }) => c.rank)).toEqual(body.children.map((_: unknown, i: number) => i + 1));
    expect(['up', 'down', 'same', 'new']).toContain(body.children[0].trend);
    expect(body.figures.index766.groups.find((g: { code: string }) => g.code === 'transparency').score).toBeNull();
    expect(body.links.dossiersLate).toBe(`/mot-cua/ho-so?from=${body.period.from}&to=${body.period.to}&basis=finished&timeliness=late`);
    const trend = (await leader.request('GET', `/api/v1/metrics/trend?unitId=${stp.id}&months=6`)).json();
    expect(trend.points).toHaveLength(6);
    expect(trend.points.at(-1).month).toBe(vnToday().slice(0, 7));
    const tree = (await head.request('GET', '/api/v1/metrics/tree?period=year')).json();
    expect(tree.nodes.length).toBeGreaterThan(0);
    expect(tree.nodes.every((n: { id: string }) => n.id !== commune.id)).toBe(true);
    const heads = (await leader.request('GET', '/api/v1/metrics/heads?period=quarter')).json();
    expect(heads.items.length).toBeGreaterThan(3);
    expect(heads.period.label).toMatch(/^Quý (I|II|III|IV)\/\d{4}$/);
    const me = await officer.request('GET', '/api/v1/metrics/me?period=month');
    expect(me.statusCode).toBe(200);
    expect(me.json().scores.length).toBe(1);
  });

  it('every drill-down link lists exactly the records its figure counts', async () => {
    const body = (await head.request('GET', `/api/v1/metrics/overview?period=custom&from=${from}&to=${to}`)).json();
    const api = (link: string) => link.replace('/mot-cua/ho-so?', '/api/v1/dossiers?').replace('/nhiem-vu?', '/api/v1/tasks?').replace('/kiem-tra/phan-anh?', '/api/v1/complaints?').replace('/kiem-tra/vi-pham?', '/api/v1/violations?').replace('/kiem-tra/ke-hoach?', '/api/v1/inspections?');
    const count = async (link: string) => {
      let n = 0;
      let cursor: string | null = null;
      do {
        const res = await head.request('GET', `${api(link)}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(res.statusCode, link).toBe(200);
        n += res.json().items.length;
        cursor = res.json().nextCursor ?? null;
      } while (cursor);
      return n;
    };
    const f = body.figures;
    expect(await count(body.links.dossiersReceived)).toBe(f.dossiers.received);
    expect(await count(body.links.dossiersLate)).toBe(f.dossiers.late);
    expect(await count(body.links.dossiersEarly)).toBe(f.dossiers.early);
    expect(await count(body.links.dossiersSupplement)).toBe(Math.round((f.dossiers.supplementRate * f.dossiers.received) / 100));
    expect(await count(body.links.ratingsDissatisfied)).toBe(f.dossiers.ratings.dissatisfied);
    expect(await count(body.links.tasksDue)).toBe(f.tasks.due);
    expect(await count(body.links.tasksOnTime)).toBe(f.tasks.onTime);
    expect(await count(body.links.tasksBounced)).toBe(f.tasks.bounced);
    expect(await count(body.links.complaintsUpheld)).toBe(f.complaints.upheld);
    expect(await count(body.links.complaintsReceived)).toBe(f.complaints.received);
    expect(await count(body.links.inspections)).toBe(f.oversight.inspections);
    expect(await count(body.links.violations)).toBe(f.oversight.violations);
  });

  it('scoping: a head sees only their subtree (404 for another unit), an officer only /me', async () => {
    expect((await head.request('GET', '/api/v1/metrics/overview')).json().unit.id).toBe(stp.id);
    expect((await head.request('GET', `/api/v1/metrics/overview?unitId=${commune.id}`)).statusCode).toBe(404);
    expect((await head.request('GET', `/api/v1/metrics/trend?unitId=${commune.id}`)).statusCode).toBe(404);
    const ranked = (await head.request('GET', '/api/v1/metrics/heads')).json().items;
    const paths = await t.database.db.selectFrom('units').select(['id', 'path']).where('id', 'in', ranked.map((h: { unitId: string }) => h.unitId)).execute();
    expect(paths.every((p) => p.path.startsWith(stp.path))).toBe(true);
    expect((await officer.request('GET', '/api/v1/metrics/overview')).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/metrics/overview' })).statusCode).toBe(401);
  });

  it('bad input is a 400 problem in Vietnamese with field paths', async () => {
    for (const [qs, field] of [
      ['period=month&at=2026-13', 'at'],
      ['period=quarter&at=2026-Q5', 'at'],
      ['period=custom&to=2026-01-31', 'from'],
      ['period=custom&from=2026-02-01&to=2026-01-01', 'to'],
      ['period=week', 'period'],
    ]) {
      const res = await leader.request('GET', `/api/v1/metrics/overview?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(`query.${field}`);
    }
    expect((await leader.request('GET', '/api/v1/metrics/overview?period=month&at=2026-13')).json().errors[0].message).toBe('Tháng phải có dạng YYYY-MM.');
    expect((await leader.request('GET', '/api/v1/metrics/trend?months=0')).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/public/metrics/portal?period=custom' })).statusCode).toBe(400);
  });

  it('the public portal has figures and rankings but no personal data', async () => {
    const res = await t.app.inject({ url: '/api/v1/public/metrics/portal?period=year' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const body = res.json();
    expect(body.agencies.length).toBeGreaterThan(0);
    expect(body.communes.length).toBeGreaterThan(0);
    expect(body.communes.every((c: { kind: string }) => c.kind === 'commune')).toBe(true);
    const officials = await t.database.db.selectFrom('officials').select(['full_name', 'id']).execute();
    for (const o of officials) {
      expect(res.body).not.toContain(o.full_name);
      expect(res.body).not.toContain(o.id);
    }
    const citizens = await t.database.db.selectFrom('dossiers').select(['applicant_name', 'applicant_id_number']).limit(300).execute();
    for (const c of citizens) {
      expect(res.body).not.toContain(c.applicant_name);
      expect(res.body).not.toContain(c.applicant_id_number);
    }
    const contacts = await t.database.db.selectFrom('complaints').select(['contact_phone', 'contact_name']).where('contact_phone', 'is not', null).limit(100).execute();
    for (const c of contacts) expect(res.body).not.toContain(c.contact_phone!);
  });

  it('rollups move with a task in the same transaction, and not at all when it rolls back', async () => {
    const officerId = (await officer.request('GET', '/api/v1/me')).json().officialId;
    const headId = (await head.request('GET', '/api/v1/me')).json().officialId;
    const dueAt = new Date(Date.now() + 10 * 86_400_000);
    const dueDay = new Date(dueAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    const officerUnit = (await t.database.db.selectFrom('officials').select('unit_id').where('id', '=', officerId).executeTakeFirstOrThrow()).unit_id;
    const row = () => t.database.db.selectFrom('activity_daily').selectAll().where('unit_id', '=', officerUnit).where('day', '=', dueDay).executeTakeFirst();
    const dueBefore = (await row())?.tasks_due ?? 0;
    const created = await head.request('POST', '/api/v1/tasks', {
      title: 'Tổng hợp số liệu quý',
      description: 'Tổng hợp số liệu giải quyết thủ tục hành chính quý này',
      ownerId: officerId,
      accountableId: headId,
      dueAt: dueAt.toISOString(),
      expectedResult: 'Báo cáo số liệu',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await row())!.tasks_due).toBe(dueBefore + 1);
    await officer.request('POST', `/api/v1/tasks/${id}/actions`, { type: 'submit', note: 'Đã gửi báo cáo' });
    const doneBefore = (await row())!.tasks_done;

    // A failure after the rollup update (here: the task event insert) must take the update with it.
    await sql`create function metrics_test_fail() returns trigger language plpgsql as $$ begin raise exception 'test failure'; end $$`.execute(t.database.db);
    await sql`create trigger metrics_test_fail before insert on task_events for each row execute function metrics_test_fail()`.execute(t.database.db);
    try {
      expect((await head.request('POST', `/api/v1/tasks/${id}/actions`, { type: 'accept' })).statusCode).toBe(500);
    } finally {
      await sql`drop trigger metrics_test_fail on task_events`.execute(t.database.db);
      await sql`drop function metrics_test_fail()`.execute(t.database.db);
    }
    expect((await row())!.tasks_done).toBe(doneBefore);
    expect((await verifyMetrics(t.database.db)).differences).toEqual([]);

    expect((await head.request('POST', `/api/v1/tasks/${id}/actions`, { type: 'accept' })).statusCode).toBe(200);
    expect((await row())!).toMatchObject({ tasks_done: doneBefore + 1, tasks_on_time: expect.any(Number) });
    expect((await verifyMetrics(t.database.db)).differences).toEqual([]);
  });

  it('a filed and upheld complaint with its violation keeps activity_daily equal to its recomputation', async () => {
    const inspector = await login(t.app, 'thanhtra');
    const filed = (await t.app.inject({ method: 'POST', url: '/api/v1/public/complaints', payload: { kind: 'delay', description: 'Hồ sơ chờ quá lâu mà không được giải thích lý do', anonymous: true, unitId: stp.id } })).json();
    const inbox = (await head.request('GET', '/api/v1/complaints?status=received&limit=200')).json().items;
    const mine = inbox.find((c: { trackingCode: string }) => c.trackingCode === filed.trackingCode);
    const rule = (await inspector.request('GET', '/api/v1/rules')).json().items[0];
    expect((await head.request('POST', `/api/v1/complaints/${mine.id}/answer`, { answer: 'Đã xác minh, đơn vị xin lỗi.', outcome: 'upheld', violation: { ruleId: rule.id, severity: 'minor' } })).statusCode).toBe(200);
    expect((await verifyMetrics(t.database.db)).differences).toEqual([]);
  });

  it("migration 0009's SQL backfill gives what verify recomputes (upgrading a database with history)", async () => {
    await t.database.db.deleteFrom('activity_daily').execute();
    await t.database.db.updateTable('dossier_daily').set({ proc_le_1d: 0, proc_le_5d: 0, proc_le_10d: 0, proc_le_30d: 0, proc_over_90d: 0 }).execute();
    expect((await verifyMetrics(t.database.db)).differences.length).toBeGreaterThan(0);
    for (const statement of BACKFILL) await sql.raw(statement).execute(t.database.db);
    expect((await verifyMetrics(t.database.db)).differences).toEqual([]);
  });

  it('verify names a tampered activity figure; the CLI exits non-zero', async () => {
    const row = await t.database.db.selectFrom('activity_daily').select(['unit_id', 'day']).where('tasks_due', '>', 0).orderBy('day', 'desc').executeTakeFirstOrThrow();
    await t.database.db.updateTable('activity_daily').set({ tasks_late: sql`tasks_late + 2` }).where('unit_id', '=', row.unit_id).where('day', '=', row.day).execute();
    const check = await verifyMetrics(t.database.db);
    expect(check.differences).toEqual([{ key: `activity_daily|${row.unit_id}|${row.day}|tasks_late`, stored: expect.any(Number), recomputed: expect.any(Number) }]);
    if (backend === 'postgres') {
      const out = spawnSync(process.execPath, [path.join(root, 'bin/congvu.mjs'), 'metrics', 'verify'], { env: { ...process.env, DATABASE_URL: t.database.url }, encoding: 'utf8' });
      expect(out.status).not.toBe(0);
      expect(out.stderr).toContain(`activity_daily|${row.unit_id}|${row.day}|tasks_late`);
    }
    await t.database.db.updateTable('activity_daily').set({ tasks_late: sql`tasks_late - 2` }).where('unit_id', '=', row.unit_id).where('day', '=', row.day).execute();
    expect((await verifyMetrics(t.database.db)).differences).toEqual([]);
  });
});
