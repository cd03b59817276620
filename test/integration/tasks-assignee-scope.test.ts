/**
 * Issue 9, access: the officials named on a "5 rõ" task — owner, accountable, collaborators, and
 * the new owner of a transfer — must be active officials within the caller's assign scope (the
 * unit subtree of a unit head; the province for leaders, who bring agencies together). An unknown
 * id, a former official and one from another unit get the very same 422 on the same field, so
 * assigning never tells whether an official id exists; nothing is written. The web form's pickers
 * list (GET /officials, with the unit the form passes) only officials the server then accepts.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';

interface Me {
  officialId: string;
  unit: { id: string };
}

/** What a client can tell two answers apart by. */
const answer = (res: LightMyRequestResponse) => ({ status: res.statusCode, type: res.headers['content-type'], body: res.json() as unknown });

describe.each(BACKENDS)('officials named on a task stay within the caller\'s scope on %s', (backend) => {
  let t: TestApp;
  let head: Session; // truongphong: head of the Department of Justice (STP)
  let ward: Session; // xa.truongphong: head of a ward
  let leader: Session; // lanhdao: the province
  let headMe: Me;
  let wardMe: Me;
  let leaderMe: Me;
  let officerId: string; // chuyenvien, in STP
  let wardOfficialId: string; // someone of the ward: out of the department head's scope
  let formerId: string; // an official of STP who has left
  const due = () => new Date(Date.now() + 10 * 86_400_000).toISOString();

  beforeAll(async () => {
    t = await startTestApp(backend);
    [head, ward, leader] = [await login(t.app, 'truongphong'), await login(t.app, 'xa.truongphong'), await login(t.app, 'lanhdao')];
    const me = async (s: Session) => (await s.request('GET', '/api/v1/me')).json<Me>();
    [headMe, wardMe, leaderMe] = [await me(head), await me(ward), await me(leader)];
    officerId = (await me(await login(t.app, 'chuyenvien'))).officialId;
    const wardList = (await ward.request('GET', '/api/v1/officials?limit=50')).json<{ items: { id: string }[] }>().items;
    wardOfficialId = wardList.find((o) => o.id !== wardMe.officialId)!.id;
    const headList = (await head.request('GET', '/api/v1/officials?limit=200')).json<{ items: { id: string }[] }>().items;
    formerId = headList.find((o) => ![headMe.officialId, officerId].includes(o.id))!.id;
    await t.database.db.updateTable('officials').set({ active: false }).where('id', '=', formerId).execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  const task = (extra: Record<string, unknown> = {}) => ({
    title: 'Tổng hợp báo cáo cải cách hành chính quý',
    description: 'Tổng hợp số liệu cải cách hành chính của các phòng trong quý',
    ownerId: officerId,
    accountableId: headMe.officialId,
    dueAt: due(),
    expectedResult: 'Báo cáo tổng hợp gửi Văn phòng UBND tỉnh',
    ...extra,
  });

  /** Rows a refused request must leave as they were. */
  const state = async () => {
    const db = t.database.db;
    const count = async (table: 'tasks' | 'task_events' | 'audit_log') => Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const tasks = await db.selectFrom('tasks').select(['id', 'owner_id', 'unit_path', 'transfer_count', 'updated_at']).orderBy('id').execute();
    return { tasks, events: await count('task_events'), audit: await count('audit_log'), head: await db.selectFrom('audit_head').selectAll().execute() };
  };

  /** Unknown, former and out-of-scope ids: one identical 422 problem on `field`. */
  async function expectSameRefusal(field: string, send: (id: string) => Promise<LightMyRequestResponse>) {
    const before = await state();
    const [unknown, former, outside] = [await send(randomUUID()), await send(formerId), await send(wardOfficialId)];
    expect(answer(unknown).status, unknown.body).toBe(422);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field, message: expect.stringMatching(/ phải là cán bộ đang công tác trong phạm vi bạn được giao việc\.$/) }] });
    expect(answer(former), 'a former official').toEqual(answer(unknown));
    expect(answer(outside), 'an official of another unit').toEqual(answer(unknown));
    expect(await state()).toEqual(before);
  }

  it('creating: owner, accountable and collaborator ids out of scope answer as if they did not exist, and write nothing', async () => {
    await expectSameRefusal('ownerId', (id) => head.request('POST', '/api/v1/tasks', task({ ownerId: id })));
    await expectSameRefusal('accountableId', (id) => head.request('POST', '/api/v1/tasks', task({ accountableId: id })));
    await expectSameRefusal('collaboratorIds.1', (id) => head.request('POST', '/api/v1/tasks', task({ collaboratorIds: [headMe.officialId, id] })));
    // The same for the ward's head, the other way round.
    const fromWard = (extra: Record<string, unknown>) => ward.request('POST', '/api/v1/tasks', task({ ownerId: wardOfficialId, accountableId: wardMe.officialId, ...extra }));
    const [unknown, outside] = [await fromWard({ collaboratorIds: [randomUUID()] }), await fromWard({ collaboratorIds: [officerId] })];
    expect(unknown.statusCode).toBe(422);
    expect(answer(outside)).toEqual(answer(unknown));
  });

  it('in scope is accepted; a leader (the province) may still name officials of several units', async () => {
    const own = await head.request('POST', '/api/v1/tasks', task({ collaboratorIds: [headMe.officialId] }));
    expect(own.statusCode, own.body).toBe(201);
    const across = await leader.request('POST', '/api/v1/tasks', task({ accountableId: leaderMe.officialId, collaboratorIds: [wardOfficialId, headMe.officialId] }));
    expect(across.statusCode, across.body).toBe(201);
    expect(across.json().collaborators.map((c: { id: string }) => c.id).sort()).toEqual([wardOfficialId, headMe.officialId].sort());
  });

  it('transferring: a new owner out of the judge\'s own scope answers as an unknown id, also when the task came from the province', async () => {
    const mine = (await head.request('POST', '/api/v1/tasks', task())).json().id as string;
    await expectSameRefusal('toOwnerId', (id) => head.request('POST', `/api/v1/tasks/${mine}/actions`, { type: 'transfer', toOwnerId: id, reason: 'Chuyển đơn vị khác' }));

    // A task the province (leader, unit = the root) gave the ward, with the ward's head accountable:
    // the ward's head judges it, but may pass it on only within the ward — not anywhere the leader could.
    const given = await leader.request('POST', '/api/v1/tasks', task({ ownerId: wardOfficialId, accountableId: wardMe.officialId }));
    expect(given.statusCode, given.body).toBe(201);
    const id = given.json().id as string;
    const transfer = (toOwnerId: string) => ward.request('POST', `/api/v1/tasks/${id}/actions`, { type: 'transfer', toOwnerId, reason: 'Không thuộc chức năng của phường' });
    const before = await state();
    const [unknown, outside] = [await transfer(randomUUID()), await transfer(officerId)];
    expect(unknown.statusCode, unknown.body).toBe(422);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'toOwnerId' })]);
    expect(answer(outside)).toEqual(answer(unknown));
    expect(await state()).toEqual(before);
    const within = await transfer(wardMe.officialId);
    expect(within.statusCode, within.body).toBe(200);
    expect(within.json().ownerId).toBe(wardMe.officialId);
  });

  it('the form\'s pickers list only officials the server accepts, also for an inspector who heads a unit', async () => {
    // Inspector + unit head: reads the whole province's officials, assigns within the unit only —
    // why the form asks GET /officials for the caller's unit (every role but leader and admin).
    const admin = await login(t.app, 'admin');
    const account = { username: 'chanh.thanhtra.stp', displayName: 'Chánh thanh tra kiêm trưởng đơn vị', password: 'mat-khau-du-dai-1', unitId: headMe.unit.id, roles: ['inspector', 'unit_head'] };
    expect((await admin.request('POST', '/api/v1/accounts', account)).statusCode).toBe(201);
    const both = await login(t.app, account.username, account.password);
    expect((await both.request('GET', '/api/v1/officials?limit=200')).json<{ items: { id: string }[] }>().items.map((o) => o.id)).toContain(wardOfficialId);

    for (const [session, unitId, outsider] of [
      [head, headMe.unit.id, wardOfficialId],
      [both, headMe.unit.id, wardOfficialId],
      [ward, wardMe.unit.id, officerId],
    ] as const) {
      // What the pickers ask for, page by page (the web drops inactive officials).
      const listed: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string; active: boolean }[]; nextCursor: string | null } = (
          await session.request('GET', `/api/v1/officials?unitId=${unitId}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        ).json();
        listed.push(...page.items.filter((o) => o.active).map((o) => o.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(listed.length, session.username).toBeGreaterThan(1);
      expect(listed).not.toContain(outsider);
      // Every one of them accepted: as collaborators (50 at most per task), one as owner, one accountable.
      for (let i = 0; i < listed.length; i += 50) {
        const res = await session.request('POST', '/api/v1/tasks', task({ ownerId: listed[i], accountableId: listed.at(-1 - i), collaboratorIds: listed.slice(i, i + 50) }));
        expect(res.statusCode, `${session.username}: ${res.body}`).toBe(201);
      }
      expect((await session.request('POST', '/api/v1/tasks', task({ ownerId: outsider }))).statusCode).toBe(422);
    }
  });
});
