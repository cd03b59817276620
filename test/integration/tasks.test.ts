import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';

describe.each(BACKENDS)('"5 rõ" tasks and commitments on %s', (backend) => {
  let t: TestApp;
  let head: Session;
  let officer: Session;
  let leader: Session;
  let officerId: string;
  let headId: string;
  const due = () => new Date(Date.now() + 10 * 86_400_000).toISOString();

  beforeAll(async () => {
    t = await startTestApp(backend);
    head = await login(t.app, 'truongphong');
    officer = await login(t.app, 'chuyenvien');
    leader = await login(t.app, 'lanhdao');
    officerId = (await officer.request('GET', '/api/v1/me')).json().officialId;
    headId = (await head.request('GET', '/api/v1/me')).json().officialId;
  });
  afterAll(async () => {
    await t?.close();
  });

  const clearTask = () => ({
    title: 'Rà soát thủ tục lý lịch tư pháp',
    description: 'Rà soát toàn bộ 12 thủ tục lĩnh vực lý lịch tư pháp, đề xuất cắt giảm giấy tờ',
    ownerId: officerId,
    accountableId: headId,
    dueAt: due(),
    expectedResult: 'Báo cáo rà soát có phương án cắt giảm ít nhất 2 giấy tờ',
  });

  it('refuses a task without all five "rõ", one error per missing item, and writes nothing', async () => {
    const before = (await head.request('GET', '/api/v1/tasks?view=assigned&limit=200')).json().items.length;
    const res = await head.request('POST', '/api/v1/tasks', { title: 'Việc chưa rõ', description: '  ', ownerId: '', dueAt: null });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json().code).toBe('FIVE_CLEAR_MISSING');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['ownerId', 'description', 'dueAt', 'expectedResult', 'accountableId']);
    for (const field of ['ownerId', 'description', 'dueAt', 'expectedResult', 'accountableId'] as const) {
      const one = await head.request('POST', '/api/v1/tasks', { ...clearTask(), [field]: undefined });
      expect(one.statusCode).toBe(422);
      expect(one.json().errors).toEqual([expect.objectContaining({ field })]);
    }
    expect((await head.request('GET', '/api/v1/tasks?view=assigned&limit=200')).json().items.length).toBe(before);
  });

  it('requires "rõ thẩm quyền" where the unit says so', async () => {
    const me = (await head.request('GET', '/api/v1/me')).json();
    await t.database.db.updateTable('units').set({ settings: JSON.stringify({ requireAuthority: true }) }).where('id', '=', me.unit.id).execute();
    const res = await head.request('POST', '/api/v1/tasks', clearTask());
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['authority']);
    const ok = await head.request('POST', '/api/v1/tasks', { ...clearTask(), authority: 'Quyết định 12/QĐ-STP của Giám đốc Sở' });
    expect(ok.statusCode).toBe(201);
    await t.database.db.updateTable('units').set({ settings: JSON.stringify({}) }).where('id', '=', me.unit.id).execute();
  });

  it('runs progress → submit → send back → submit → accept, on time, with evidence', async () => {
    const created = await head.request('POST', '/api/v1/tasks', { ...clearTask(), milestones: [{ title: 'Dự thảo báo cáo', dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString() }], hard: true });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await officer.request('GET', '/api/v1/tasks?view=mine')).json().items.map((x: { id: string }) => x.id)).toContain(id);
    expect((await head.request('POST', `/api/v1/tasks/${id}/actions`, { type: 'report_progress', percent: 30, note: 'x' })).statusCode).toBe(403);
    expect((await officer.request('POST', `/api/v1/tasks/${id}/actions`, { type: 'report_progress', percent: 40, note: 'Đã có dự thảo', milestoneIndex: 0 })).json().milestones[0].doneAt).not.toBeNull();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    expect((await officer.request('POST', `/api/v1/tasks/${id}/files?name=${encodeURIComponent('Ảnh hội nghị.png')}`, png, { 'content-type': 'image/png' })).statusCode).toBe(201);
    await officer.request('POST', `/api/v1/tasks/${id}/actions`, { type: 'submit', note: 'Gửi báo cáo' });
    expect((await officer.request('POST', `/api/v1/tasks/${id}/actions`, { type: 'accept' })).statusCode).toBe(403);
    await head.request('POST', `/api/v1/tasks/${id}/actions`, { type: 'send_back', reason: 'Thiếu phương án cắt giảm' });
    await officer.request('POST', `/api/v1/tasks/${id}/actions`, { type: 'submit', note: 'Đã bổ sung' });
    const done = (await head.request('POST', `/api/v1/tasks/${id}/actions`, { type: 'accept', note: 'Đạt' })).json();
    expect(done).toMatchObject({ status: 'done', timeliness: 'on_time', progress: 100 });
    expect(done.files).toHaveLength(1);
    expect(done.timeline.map((e: { type: string }) => e.type)).toEqual(['create', 'report_progress', 'file_attached', 'submit', 'send_back', 'submit', 'accept']);
  });

  it('extensions are asked by the owner and decided by the assigner, once pending at a time', async () => {
    const id = (await head.request('POST', '/api/v1/tasks', clearTask())).json().id;
    const newDue = new Date(Date.now() + 20 * 86_400_000).toISOString();
    expect((await officer.request('POST', `/api/v1/tasks/${id}/actions`, { type: 'request_extension', newDueAt: newDue, reason: 'Chờ số liệu của Sở Tài chính' })).statusCode).toBe(200);
    expect((await officer.request('POST', `/api/v1/tasks/${id}/actions`, { type: 'request_extension', newDueAt: newDue, reason: 'Lần nữa' })).json().code).toBe('EXTENSION_PENDING');
    const decided = (await head.request('POST', `/api/v1/tasks/${id}/actions`, { type: 'decide_extension', approve: true, reason: 'Đồng ý' })).json();
    expect(decided.dueAt).toBe(newDue);
    expect(decided.originalDueAt).not.toBe(newDue);
    expect(decided.extensionCount).toBe(1);
  });

  it('flags a task pushed to another unit and back ("đẩy việc") and lists it for the leader', async () => {
    const commune = await login(t.app, 'xa.truongphong');
    const communeHead = (await commune.request('GET', '/api/v1/me')).json().officialId;
    const id = (await leader.request('POST', '/api/v1/tasks', { ...clearTask(), ownerId: headId, accountableId: (await leader.request('GET', '/api/v1/me')).json().officialId })).json().id;
    await leader.request('POST', `/api/v1/tasks/${id}/actions`, { type: 'transfer', toOwnerId: communeHead, reason: 'Giao phường thực hiện' });
    const back = (await leader.request('POST', `/api/v1/tasks/${id}/actions`, { type: 'transfer', toOwnerId: headId, reason: 'Phường trả lại' })).json();
    expect(back.bounceReasons).toContain('returned_to_unit');
    const bounced = (await leader.request('GET', '/api/v1/tasks?view=bounced&limit=200')).json().items.map((x: { id: string }) => x.id);
    expect(bounced).toContain(id);
    expect((await commune.request('GET', `/api/v1/tasks/${id}`)).statusCode).toBe(404);
  });

  it('keeps tasks of other units out of reach', async () => {
    const id = (await head.request('POST', '/api/v1/tasks', clearTask())).json().id;
    const commune = await login(t.app, 'xa.truongphong');
    expect((await commune.request('GET', `/api/v1/tasks/${id}`)).statusCode).toBe(404);
    expect((await commune.request('POST', `/api/v1/tasks/${id}/actions`, { type: 'cancel', reason: 'x' })).statusCode).toBe(404);
    const communeOfficial = (await commune.request('GET', '/api/v1/officials?limit=1')).json().items[0].id;
    const outside = await head.request('POST', '/api/v1/tasks', { ...clearTask(), ownerId: communeOfficial });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0].field).toBe('ownerId');
  });

  it('figures count on time, extended and late apart against the 100% goal', async () => {
    const from = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    const f = (await leader.request('GET', `/api/v1/tasks/figures?from=${from}&to=${to}`)).json();
    expect(f.goal).toBe(100);
    expect(f.total).toBeGreaterThan(0);
    expect(f.onTime + f.extended + f.late).toBeLessThanOrEqual(f.total);
    const rows = await t.database.db.selectFrom('tasks').select(['status', 'completed_at', 'original_due_at', 'due_at']).where('status', '=', 'done').execute();
    expect(f.onTime).toBe(rows.filter((r) => r.completed_at! <= r.original_due_at).length);
    expect(f.extended).toBe(rows.filter((r) => r.completed_at! > r.original_due_at && r.completed_at! <= r.due_at).length);
  });

  it('registers commitments, evaluates them (not one\'s own), and shows who is below the hard-task quota', async () => {
    const year = new Date().getFullYear();
    const me = (await officer.request('GET', '/api/v1/me')).json();
    const unitId = (await officer.request('GET', `/api/v1/officials/${me.officialId}`)).json().unitId;
    const own = await officer.request('POST', '/api/v1/commitments', { year, kind: 'follow_uncle_ho', officialId: me.officialId, unitId, title: 'Hướng dẫn tận tình, không để công dân đi lại nhiều lần' });
    expect(own.statusCode).toBe(201);
    const someoneElse = await officer.request('POST', '/api/v1/commitments', { year, kind: 'follow_uncle_ho', officialId: headId, unitId: (await head.request('GET', '/api/v1/me')).json().unit.id, title: 'x' });
    expect(someoneElse.statusCode).toBe(403);
    const evaluated = await head.request('POST', `/api/v1/commitments/${own.json().id}/evaluation`, { evaluation: 'partly', note: 'Còn 1 phản ánh' });
    expect(evaluated.json().evaluation).toBe('partly');
    const quotas = (await leader.request('GET', `/api/v1/commitments/hard-task-quotas?year=${year}`)).json();
    expect(quotas.items.length).toBeGreaterThan(0);
    for (const row of quotas.items) {
      const expected = row.partyRole === 'standing_committee' ? 3 : row.partyRole === 'committee' ? 2 : 1;
      expect(row.required).toBe(expected);
      expect(row.shortfall).toBe(Math.max(0, expected - row.registered));
    }
    expect(quotas.belowQuota).toBe(quotas.items.filter((r: { shortfall: number }) => r.shortfall > 0).length);
    expect(quotas.belowQuota).toBeGreaterThan(0);
  });
});
