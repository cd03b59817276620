import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';

const applicant = { fullName: 'Nguyễn Văn An', idNumber: '025090001234', phone: '0912345678', email: 'an.nv@example.vn', address: 'Phường Việt Trì, Phú Thọ' };

describe.each(BACKENDS)('one-stop dossiers on %s', (backend) => {
  let t: TestApp;
  let counter: Session;
  let head: Session;
  let officer: Session;
  let lltp: { id: string; processingDays: number };

  beforeAll(async () => {
    t = await startTestApp(backend);
    counter = await login(t.app, 'motcua');
    head = await login(t.app, 'truongphong');
    officer = await login(t.app, 'chuyenvien');
    const procedures = (await counter.request('GET', '/api/v1/procedures')).json().items;
    lltp = procedures.find((p: { code: string }) => p.code === 'TP.LLTP');
  });
  afterAll(async () => {
    await t?.close();
  });

  const receive = async () => {
    const res = await counter.request('POST', '/api/v1/dossiers', { procedureId: lltp.id, channel: 'counter', applicant });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; code: string; status: string; receivedAt: string; dueAt: string };
  };

  it('lists the procedures of the caller scope with the contract fields', async () => {
    const items = (await counter.request('GET', '/api/v1/procedures')).json().items;
    expect(items.length).toBeGreaterThan(0);
    for (const p of items) expect(p).toMatchObject({ id: expect.any(String), code: expect.any(String), name: expect.any(String), processingDays: expect.any(Number), unitId: expect.any(String) });
    expect(lltp.processingDays).toBe(10);
    const commune = await login(t.app, 'xa.truongphong');
    const theirs = (await commune.request('GET', '/api/v1/procedures')).json().items.map((p: { id: string }) => p.id);
    expect(theirs).not.toContain(lltp.id);
  });

  it('receives a dossier: national code, due date in working days, event and notice', async () => {
    const d = await receive();
    expect(d.code).toMatch(/^000\.00\.\d{2}\.H47-\d{6}-\d{4,}$/);
    expect(d.status).toBe('received');
    expect(Date.parse(d.dueAt)).toBeGreaterThan(Date.parse(d.receivedAt) + 10 * 86_400_000);
    const detail = (await counter.request('GET', `/api/v1/dossiers/${d.id}`)).json();
    expect(detail.timeline.map((e: { type: string }) => e.type)).toEqual(['create']);
    const outbox = await t.database.db.selectFrom('outbox').select(['channel', 'recipient', 'kind']).where('dossier_id', '=', d.id).execute();
    expect(outbox).toEqual(expect.arrayContaining([{ channel: 'sms', recipient: applicant.phone, kind: 'received' }, { channel: 'email', recipient: applicant.email, kind: 'received' }]));
  });

  it('refuses bad applicant data with field paths and writes nothing', async () => {
    const before = (await t.database.db.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const res = await counter.request('POST', '/api/v1/dossiers', { procedureId: lltp.id, channel: 'fax', applicant: { ...applicant, idNumber: '123', phone: 'abc' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['channel', 'applicant.idNumber', 'applicant.phone']));
    const after = (await t.database.db.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    expect(Number(after)).toBe(Number(before));
  });

  it('a counter officer cannot receive for another unit', async () => {
    const commune = await login(t.app, 'xa.truongphong');
    const other = (await commune.request('GET', '/api/v1/procedures')).json().items[0];
    const res = await counter.request('POST', '/api/v1/dossiers', { procedureId: other.id, channel: 'counter', applicant });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('procedureId');
  });

  it('asks for supplements exactly once, whoever asks', async () => {
    const d = await receive();
    const first = await counter.request('POST', `/api/v1/dossiers/${d.id}/supplement-request`, { items: ['Bản sao CCCD còn hạn', 'Tờ khai có chữ ký'] });
    expect(first.statusCode).toBe(201);
    expect(first.json().status).toBe('awaiting_supplement');
    for (const who of [counter, head, officer]) {
      const again = await who.request('POST', `/api/v1/dossiers/${d.id}/supplement-request`, { items: ['Giấy tờ khác'] });
      expect(again.statusCode).toBe(409);
      expect(again.headers['content-type']).toMatch(/problem\+json/);
      expect(again.json().code).toBe('SUPPLEMENT_ALREADY_REQUESTED');
    }
    await counter.request('POST', `/api/v1/dossiers/${d.id}/actions`, { type: 'complete_supplement' });
    const later = await officer.request('POST', `/api/v1/dossiers/${d.id}/supplement-request`, { items: ['Giấy tờ khác'] });
    expect(later.statusCode).toBe(409);
    expect(later.json().code).toBe('SUPPLEMENT_ALREADY_REQUESTED');
    const pub = (await t.app.inject({ url: `/api/v1/public/dossiers/${d.code}` })).json();
    expect(pub.timeline.filter((e: { type: string }) => e.type === 'request_supplement')).toHaveLength(1);
  });

  it('public lookup masks the applicant and hides identity number and phone; unknown code is 404', async () => {
    const d = await receive();
    const res = await t.app.inject({ url: `/api/v1/public/dossiers/${d.code}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ code: d.code, status: 'received', procedure: { name: expect.stringContaining('lý lịch tư pháp') }, unit: { name: 'Sở Tư pháp' }, applicantName: 'Nguyễn V** A*' });
    expect(body.dueAt).toBe(d.dueAt);
    expect(Array.isArray(body.timeline)).toBe(true);
    expect(res.body).not.toContain(applicant.idNumber);
    expect(res.body).not.toContain(applicant.phone);
    expect(res.body).not.toContain('Văn An');
    const lower = await t.app.inject({ url: `/api/v1/public/dossiers/${d.code.toLowerCase()}` });
    expect(lower.statusCode).toBe(200);
    const missing = await t.app.inject({ url: '/api/v1/public/dossiers/000.00.99.H47-260101-9999' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
  });

  it('concurrent public lookups share a statement, and each citizen gets their own dossier', async () => {
    const names = ['Trần Thị Bích', 'Lê Văn Cường', 'Phạm Minh Dũng'];
    const dossiers = [];
    for (const fullName of names) {
      const res = await counter.request('POST', '/api/v1/dossiers', { procedureId: lltp.id, channel: 'counter', applicant: { ...applicant, fullName } });
      dossiers.push(res.json() as { code: string });
    }
    const codes = [...dossiers.map((d) => d.code), '000.00.99.H47-260101-9998', dossiers[0]!.code.toLowerCase(), dossiers[2]!.code];
    // Asked in the same turn, they leave as one statement carrying every code (keyed-batches.ts).
    const answers = await Promise.all(codes.map((code) => t.app.inject({ url: `/api/v1/public/dossiers/${code}` })));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 404, 200, 200]);
    expect(answers.map((a) => (a.statusCode === 200 ? [a.json().code, a.json().applicantName] : null))).toEqual([
      [dossiers[0]!.code, 'Trần T** B***'],
      [dossiers[1]!.code, 'Lê V** C****'],
      [dossiers[2]!.code, 'Phạm M*** D***'],
      null,
      [dossiers[0]!.code, 'Trần T** B***'],
      [dossiers[2]!.code, 'Phạm M*** D***'],
    ]);
    expect(answers[3]!.json().code).toBe('NOT_FOUND');
  });

  it('runs the whole flow: assign → propose → decide → return → the citizen rates once', async () => {
    const d = await receive();
    const me = (await officer.request('GET', '/api/v1/me')).json();
    expect((await head.request('POST', `/api/v1/dossiers/${d.id}/actions`, { type: 'assign', handlerId: me.officialId })).statusCode).toBe(200);
    const mine = (await officer.request('GET', '/api/v1/dossiers?queue=mine')).json().items.map((x: { id: string }) => x.id);
    expect(mine).toContain(d.id);
    expect((await officer.request('POST', `/api/v1/dossiers/${d.id}/actions`, { type: 'decide', outcome: 'approved' })).statusCode).toBe(403);
    expect((await officer.request('POST', `/api/v1/dossiers/${d.id}/actions`, { type: 'propose', outcome: 'approved' })).statusCode).toBe(200);
    expect((await head.request('POST', `/api/v1/dossiers/${d.id}/actions`, { type: 'decide', outcome: 'approved' })).statusCode).toBe(200);
    const early = await t.app.inject({ method: 'POST', url: `/api/v1/public/dossiers/${d.code}/rating`, payload: { level: 'satisfied', phoneLast4: '5678' } });
    expect(early.statusCode).toBe(409);
    const returned = await counter.request('POST', `/api/v1/dossiers/${d.id}/actions`, { type: 'return_result' });
    expect(returned.json()).toMatchObject({ status: 'returned', statusCode: 10, timeliness: 'early' });
    const wrongPhone = await t.app.inject({ method: 'POST', url: `/api/v1/public/dossiers/${d.code}/rating`, payload: { level: 'satisfied', phoneLast4: '0000' } });
    expect(wrongPhone.statusCode).toBe(422);
    const noReason = await t.app.inject({ method: 'POST', url: `/api/v1/public/dossiers/${d.code}/rating`, payload: { level: 'dissatisfied', phoneLast4: '5678' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('comment');
    const rated = await t.app.inject({ method: 'POST', url: `/api/v1/public/dossiers/${d.code}/rating`, payload: { level: 'very_satisfied', criteria: { official: 'very_satisfied' }, phoneLast4: '5678' } });
    expect(rated.statusCode).toBe(201);
    const twice = await t.app.inject({ method: 'POST', url: `/api/v1/public/dossiers/${d.code}/rating`, payload: { level: 'satisfied', phoneLast4: '5678' } });
    expect(twice.statusCode).toBe(409);
    const pub = (await t.app.inject({ url: `/api/v1/public/dossiers/${d.code}` })).json();
    expect(pub.rating.level).toBe('very_satisfied');
    expect(pub.canRate).toBe(false);
    const detail = (await head.request('GET', `/api/v1/dossiers/${d.id}`)).json();
    expect(detail.timeline.map((e: { type: string }) => e.type)).toEqual(['create', 'assign', 'propose', 'decide', 'return_result', 'rating']);
    expect(detail.visits).toBe(2);
  });

  it('keeps dossiers of other units out of reach (404) and history append-only', async () => {
    const d = await receive();
    const commune = await login(t.app, 'xa.truongphong');
    expect((await commune.request('GET', `/api/v1/dossiers/${d.id}`)).statusCode).toBe(404);
    expect((await commune.request('POST', `/api/v1/dossiers/${d.id}/actions`, { type: 'withdraw', reason: 'thử' })).statusCode).toBe(404);
    const list = (await commune.request('GET', '/api/v1/dossiers?limit=200')).json().items.map((x: { id: string }) => x.id);
    expect(list).not.toContain(d.id);
    await expect(t.database.db.updateTable('dossier_events').set({ type: 'x' }).where('dossier_id', '=', d.id).execute()).rejects.toThrow(/append-only/);
  });

  it('an apology is accepted once and the dossier keeps its legal due date', async () => {
    const d = await receive();
    const newDue = new Date(Date.parse(d.dueAt) + 7 * 86_400_000).toISOString();
    const first = await head.request('POST', `/api/v1/dossiers/${d.id}/actions`, { type: 'apologize', newDueAt: newDue, reason: 'Chờ xác minh của cơ quan công an' });
    expect(first.statusCode).toBe(200);
    expect(first.json().dueAt).toBe(newDue);
    expect(first.json().legalDueAt).toBe(d.dueAt);
    const second = await head.request('POST', `/api/v1/dossiers/${d.id}/actions`, { type: 'apologize', newDueAt: newDue, reason: 'Lần hai' });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('APOLOGY_ALREADY_SENT');
  });

  it('audits every dossier mutation', async () => {
    const d = await receive();
    await counter.request('POST', `/api/v1/dossiers/${d.id}/actions`, { type: 'withdraw', reason: 'Công dân xin rút' });
    const admin = await login(t.app, 'admin');
    const actions = (await admin.request('GET', `/api/v1/audit?entityType=dossier&entityId=${d.id}`)).json().items.map((a: { action: string }) => a.action);
    expect(actions).toEqual(['dossier.withdraw', 'dossier.create']);
  });
});

describe.each(BACKENDS)('official forms on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('prints the receipt slip and, once they exist, the supplement request and the apology; others are 404', async () => {
    const counter = await login(t.app, 'motcua');
    const head = await login(t.app, 'truongphong');
    const lltp = (await counter.request('GET', '/api/v1/procedures?q=ly%20lich')).json().items[0];
    const d = (await counter.request('POST', '/api/v1/dossiers', { procedureId: lltp.id, channel: 'counter', applicant })).json();
    const receipt = await counter.request('GET', `/api/v1/dossiers/${d.id}/forms/receipt`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(receipt.rawPayload.length).toBeGreaterThan(20_000);
    expect((await counter.request('GET', `/api/v1/dossiers/${d.id}/forms/supplement`)).statusCode).toBe(404);
    await counter.request('POST', `/api/v1/dossiers/${d.id}/supplement-request`, { items: ['Bản sao CCCD'] });
    expect((await counter.request('GET', `/api/v1/dossiers/${d.id}/forms/supplement`)).statusCode).toBe(200);
    await counter.request('POST', `/api/v1/dossiers/${d.id}/actions`, { type: 'complete_supplement' });
    const due = (await counter.request('GET', `/api/v1/dossiers/${d.id}`)).json().dueAt;
    await head.request('POST', `/api/v1/dossiers/${d.id}/actions`, { type: 'apologize', newDueAt: new Date(Date.parse(due) + 5 * 86_400_000).toISOString(), reason: 'Chờ xác minh' });
    expect((await head.request('GET', `/api/v1/dossiers/${d.id}/forms/apology`)).statusCode).toBe(200);
    expect((await head.request('GET', `/api/v1/dossiers/${d.id}/forms/refusal`)).statusCode).toBe(404);
    const commune = await login(t.app, 'xa.truongphong');
    expect((await commune.request('GET', `/api/v1/dossiers/${d.id}/forms/receipt`)).statusCode).toBe(404);
  });
});

describe.each(BACKENDS)('dossier files and scheduled closing on %s', (backend) => {
  let t: TestApp;
  let counter: Session;
  let procedureId: string;
  beforeAll(async () => {
    t = await startTestApp(backend);
    counter = await login(t.app, 'motcua');
    procedureId = (await counter.request('GET', '/api/v1/procedures?q=ly%20lich')).json().items[0].id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores a scanned component, lists it, serves the same bytes, refuses other types and other units', async () => {
    const d = (await counter.request('POST', '/api/v1/dossiers', { procedureId, channel: 'counter', applicant })).json();
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 7), Buffer.from('\n%%EOF\n')]);
    const name = encodeURIComponent('Tờ khai lý lịch tư pháp.pdf');
    const up = await counter.request('POST', `/api/v1/dossiers/${d.id}/files?kind=component&name=${name}&digitized=true&reused=false`, pdf, { 'content-type': 'application/pdf' });
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ kind: 'component', name: 'Tờ khai lý lịch tư pháp.pdf', mime: 'application/pdf', size: pdf.length, digitized: true, reused: false });
    const detail = (await counter.request('GET', `/api/v1/dossiers/${d.id}`)).json();
    expect(detail.files).toHaveLength(1);
    expect(detail.timeline.map((e: { type: string }) => e.type)).toContain('file_attached');
    const down = await counter.request('GET', `/api/v1/dossiers/${d.id}/files/${up.json().id}`);
    expect(down.statusCode).toBe(200);
    expect(Buffer.compare(down.rawPayload, pdf)).toBe(0);
    const fake = await counter.request('POST', `/api/v1/dossiers/${d.id}/files?kind=component&name=x.pdf`, Buffer.from('<script>alert(1)</script>'), { 'content-type': 'application/pdf' });
    expect(fake.statusCode).toBe(415);
    const commune = await login(t.app, 'xa.truongphong');
    expect((await commune.request('GET', `/api/v1/dossiers/${d.id}/files/${up.json().id}`)).statusCode).toBe(404);
  });

  it('closes a dossier whose supplement never came, once the waiting period is over, exactly once', async () => {
    const { closeIncompleteDossiers } = await import('../../src/server/jobs/close-incomplete-dossiers.ts');
    const { loadConfig } = await import('../../src/server/config.ts');
    const d = (await counter.request('POST', '/api/v1/dossiers', { procedureId, channel: 'counter', applicant })).json();
    await counter.request('POST', `/api/v1/dossiers/${d.id}/supplement-request`, { items: ['Bản sao CCCD'] });
    const row = await t.database.db.selectFrom('dossiers').select('incomplete_close_at').where('id', '=', d.id).executeTakeFirstOrThrow();
    const config = loadConfig({});
    await closeIncompleteDossiers(t.database.db, config, new Date(row.incomplete_close_at!.getTime() - 60_000));
    expect((await counter.request('GET', `/api/v1/dossiers/${d.id}`)).json().status).toBe('awaiting_supplement');
    const closed = await closeIncompleteDossiers(t.database.db, config, new Date(row.incomplete_close_at!.getTime() + 60_000));
    expect(closed).toBe(1);
    const after = (await counter.request('GET', `/api/v1/dossiers/${d.id}`)).json();
    expect(after.status).toBe('stopped');
    expect(after.timeline.at(-1)).toMatchObject({ type: 'close_incomplete', actor: 'system' });
    const again = await closeIncompleteDossiers(t.database.db, config, new Date(row.incomplete_close_at!.getTime() + 120_000));
    expect(again).toBe(0);
  });
});

describe.each(BACKENDS)('unit figures on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('agree with the dossiers themselves, counted independently, and stay inside the scope', async () => {
    const head = await login(t.app, 'truongphong');
    const me = (await head.request('GET', '/api/v1/me')).json();
    const to = new Date().toISOString().slice(0, 10);
    const res = await head.request('GET', `/api/v1/dossiers/figures?from=2020-01-01&to=${to}`);
    expect(res.statusCode).toBe(200);
    const f = res.json();
    const unit = await t.database.db.selectFrom('units').select('path').where('id', '=', me.unit.id).executeTakeFirstOrThrow();
    const rows = await t.database.db.selectFrom('dossiers').select(['status', 'finished_at', 'legal_due_at', 'supplement_count', 'visits']).where('unit_path', 'like', `${unit.path}%`).execute();
    const now = Date.now();
    const done = rows.filter((r) => r.status === 'result_ready' || r.status === 'returned');
    const onTime = done.filter((r) => r.finished_at! <= r.legal_due_at!).length;
    const openLate = rows.filter((r) => ['received', 'processing', 'awaiting_supplement', 'awaiting_payment'].includes(r.status) && r.legal_due_at && r.legal_due_at.getTime() < now).length;
    expect(rows.length).toBeGreaterThan(10);
    expect(f.received).toBe(rows.length);
    expect(f.onTime).toBe(onTime);
    expect(f.late).toBe(done.length - onTime + openLate);
    expect(f.supplementRate).toBeCloseTo((100 * rows.filter((r) => r.supplement_count > 0).length) / rows.length, 1);
    expect(f.visitsPerDossier).toBeCloseTo(rows.reduce((s, r) => s + r.visits, 0) / rows.length, 2);
    const commune = await login(t.app, 'xa.truongphong');
    expect((await commune.request('GET', `/api/v1/dossiers/figures?from=2020-01-01&to=${to}&unitId=${me.unit.id}`)).statusCode).toBe(404);
    const empty = (await head.request('GET', '/api/v1/dossiers/figures?from=2001-01-01&to=2001-12-31')).json();
    expect(empty).toMatchObject({ received: 0, onTimeRate: null, satisfactionRate: null, visitsPerDossier: null });
  });
});
