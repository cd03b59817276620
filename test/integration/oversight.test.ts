import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/server/modules/oversight/api-key.service.ts';
import { type Session, type TestApp, login, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';

const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/open311');

function open311Validators() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  for (const f of ['service.json', 'request.json', 'service-definition.json']) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(fixtures, f), 'utf8')), f);
  const load = (f: string): ValidateFunction => ajv.compile(JSON.parse(fs.readFileSync(path.join(fixtures, f), 'utf8')));
  return { services: load('services.json'), requests: load('requests.json'), definition: ajv.getSchema('service-definition.json')! };
}

describe.each(BACKENDS)('oversight and Open311 on %s', (backend) => {
  let t: TestApp;
  let inspector: Session;
  let admin: Session;
  let apiKey: string;
  const v = open311Validators();
  const xml = new XMLParser();

  beforeAll(async () => {
    t = await startTestApp(backend);
    inspector = await login(t.app, 'thanhtra');
    admin = await login(t.app, 'admin');
    apiKey = (await createApiKey(t.database.db, 'Ứng dụng kiểm thử', 'test')).key;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('Open311 GeoReport v2', () => {
    it('discovery in JSON and XML', async () => {
      const json = await t.app.inject({ url: '/open311/v2/discovery.json' });
      expect(json.statusCode).toBe(200);
      expect(json.json().endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', formats: ['application/json', 'text/xml'] });
      const x = await t.app.inject({ url: '/open311/v2/discovery.xml' });
      expect(x.headers['content-type']).toMatch(/^text\/xml/);
      expect(xml.parse(x.body).discovery.endpoints.endpoint.specification).toBe('http://wiki.open311.org/GeoReport_v2');
    });

    it('services and a service definition validate against the published schemas', async () => {
      const services = (await t.app.inject({ url: '/open311/v2/services.json' })).json();
      expect(v.services(services), JSON.stringify(v.services.errors)).toBe(true);
      expect(services.map((s: { service_code: string }) => s.service_code)).toEqual(['harassment', 'delay', 'attitude', 'praise', 'other']);
      const def = (await t.app.inject({ url: '/open311/v2/services/delay.json' })).json();
      expect(v.definition(def), JSON.stringify(v.definition.errors)).toBe(true);
      expect(def.attributes[0].values.length).toBeGreaterThan(10);
      const sx = xml.parse((await t.app.inject({ url: '/open311/v2/services.xml' })).body);
      expect(sx.services.service).toHaveLength(5);
      expect(sx.services.service[0].service_name).toBe('Sách nhiễu, gây phiền hà');
      const missing = await t.app.inject({ url: '/open311/v2/services/nothing.json' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual([{ code: 404, description: expect.any(String) }]);
    });

    it('POST needs a valid api_key, then the request is found by id and by token, in JSON and XML', async () => {
      const noKey = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: 'service_code=delay&description=Ho%20so%20tre%20hen%20qua%20lau', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(noKey.statusCode).toBe(403);
      expect(noKey.json()[0].code).toBe(403);
      const badXml = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', payload: 'api_key=sai&service_code=delay&description=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(xml.parse(badXml.body).errors.error.code).toBe(403);
      const form = new URLSearchParams({ api_key: apiKey, service_code: 'delay', description: 'Hồ sơ đăng ký đất đai của tôi trễ hẹn 10 ngày', email: 'dan@example.vn', first_name: 'Lan', 'attribute[dossier_code]': '' });
      const created = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(created.statusCode).toBe(201);
      const [{ service_request_id: id, token }] = created.json();
      expect(id).toMatch(/^PA-\d{6}-[A-Z2-9]{5}$/);
      const one = (await t.app.inject({ url: `/open311/v2/requests/${id}.json` })).json();
      expect(v.requests(one), JSON.stringify(v.requests.errors)).toBe(true);
      expect(one[0]).toMatchObject({ service_request_id: id, status: 'open', service_code: 'delay', description: null });
      expect(JSON.stringify(one)).not.toContain('dan@example.vn');
      const byToken = (await t.app.inject({ url: `/open311/v2/tokens/${token}.json` })).json();
      expect(byToken).toEqual([{ service_request_id: id, token }]);
      const oneXml = xml.parse((await t.app.inject({ url: `/open311/v2/requests/${id}.xml` })).body);
      expect(oneXml.service_requests.request.service_request_id).toBe(id);
      const dup = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(dup.statusCode).toBe(409);
    });

    it('lists requests with the standard filters and validates every one', async () => {
      const all = (await t.app.inject({ url: '/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z' })).json();
      expect(all.length).toBeGreaterThan(0);
      expect(v.requests(all), JSON.stringify(v.requests.errors?.slice(0, 2))).toBe(true);
      const closed = (await t.app.inject({ url: '/open311/v2/requests.json?status=closed&service_code=attitude&start_date=2020-01-01T00:00:00Z' })).json();
      for (const r of closed) expect(r).toMatchObject({ status: 'closed', service_code: 'attitude' });
      expect((await t.app.inject({ url: '/open311/v2/requests.json?status=maybe' })).statusCode).toBe(400);
      expect((await t.app.inject({ url: '/open311/v2/requests.json?start_date=hôm-qua' })).statusCode).toBe(400);
      expect((await t.app.inject({ url: '/open311/v2/requests.json?jurisdiction_id=khac.gov.vn' })).statusCode).toBe(404);
    });
  });

  describe('citizens complaints', () => {
    it('files anonymously on the public form, refuses a duplicate, shows public status without the text', async () => {
      const body = { kind: 'harassment', description: 'Cán bộ yêu cầu nộp thêm giấy xác nhận không có trong thủ tục <script>alert(1)</script>', anonymous: true, unitId: (await inspector.request('GET', '/api/v1/units?q=so%20tu%20phap')).json().items[0].id };
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/complaints', payload: body });
      expect(res.statusCode).toBe(201);
      const { trackingCode } = res.json();
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/public/complaints', payload: body })).json().code).toBe('DUPLICATE_COMPLAINT');
      const pub = await t.app.inject({ url: `/api/v1/public/complaints/${trackingCode.toLowerCase()}` });
      expect(pub.statusCode).toBe(200);
      expect(pub.json()).toMatchObject({ trackingCode, status: 'received', unitName: 'Sở Tư pháp' });
      expect(pub.body).not.toContain('script');
      const needContact = await t.app.inject({ method: 'POST', url: '/api/v1/public/complaints', payload: { ...body, description: 'Một phản ánh khác hẳn, đủ dài để gửi', anonymous: false } });
      expect(needContact.statusCode).toBe(400);
      expect(needContact.json().errors[0].field).toBe('contact');
    });

    it('is handled inside: assigned, answered as upheld with a violation, visible on the public page', async () => {
      const filed = (await t.app.inject({ method: 'POST', url: '/api/v1/public/complaints', payload: { kind: 'attitude', description: 'Cán bộ một cửa Sở Tư pháp nói chuyện thiếu tôn trọng', anonymous: false, contact: { phone: '0987654321' }, unitId: (await inspector.request('GET', '/api/v1/units?q=so%20tu%20phap')).json().items[0].id } })).json();
      const head = await login(t.app, 'truongphong');
      const inbox = (await head.request('GET', '/api/v1/complaints?status=received&limit=200')).json().items;
      const mine = inbox.find((c: { trackingCode: string }) => c.trackingCode === filed.trackingCode);
      expect(mine.contact.phone).toBe('0987654321');
      const commune = await login(t.app, 'xa.truongphong');
      expect((await commune.request('GET', `/api/v1/complaints/${mine.id}`)).statusCode).toBe(404);
      const me = (await head.request('GET', '/api/v1/me')).json();
      await head.request('POST', `/api/v1/complaints/${mine.id}/assign`, { officialId: me.officialId });
      const rule = (await head.request('GET', '/api/v1/rules')).json().items.find((r: { code: string }) => r.code === 'GT.02');
      const answered = await head.request('POST', `/api/v1/complaints/${mine.id}/answer`, { answer: 'Đã xác minh, đơn vị xin lỗi và kiểm điểm cán bộ.', outcome: 'upheld', violation: { ruleId: rule.id, severity: 'moderate' } });
      expect(answered.statusCode).toBe(200);
      expect(answered.json().violationId).toBeTruthy();
      const pub = (await t.app.inject({ url: `/api/v1/public/complaints/${filed.trackingCode}` })).json();
      expect(pub).toMatchObject({ status: 'answered', outcome: 'upheld', answer: expect.stringContaining('xin lỗi') });
      expect((await head.request('POST', `/api/v1/complaints/${mine.id}/answer`, { answer: 'Lần hai', outcome: 'not_upheld' })).statusCode).toBe(409);
    });
  });

  describe('inspections', () => {
    it('a surprise inspection runs from plan to conclusion, with a complete checklist, violations and a PDF', async () => {
      const me = (await inspector.request('GET', '/api/v1/me')).json();
      const target = (await inspector.request('GET', '/api/v1/units?q=phuong%20vinh%20yen')).json().items[0];
      const rules = (await inspector.request('GET', '/api/v1/rules')).json().items.slice(0, 2);
      const suggestions = (await inspector.request('GET', '/api/v1/inspections/suggestions')).json().items;
      expect(suggestions.length).toBeGreaterThan(0);
      expect(suggestions[0].reasons.some((r: { signal: string }) => r.signal === 'random')).toBe(true);
      const created = await inspector.request('POST', '/api/v1/inspections', { title: 'Kiểm tra đột xuất giờ giấc làm việc', surprise: true, leadId: me.officialId, targetUnitIds: [target.id], ruleIds: rules.map((r: { id: string }) => r.id), scheduledAt: new Date().toISOString() });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      const head = await login(t.app, 'xa.truongphong');
      // Unannounced: the inspected head does not see it until it starts.
      expect((await head.request('GET', `/api/v1/inspections/${id}`)).statusCode).toBe(404);
      expect((await head.request('GET', '/api/v1/inspections')).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
      const other = await login(t.app, 'truongphong');
      expect((await other.request('GET', `/api/v1/inspections/${id}`)).statusCode).toBe(404);
      expect((await inspector.request('POST', `/api/v1/inspections/${id}/answers`, { targetUnitId: target.id, itemIndex: 0, result: 'pass' })).statusCode).toBe(409);
      await inspector.request('POST', `/api/v1/inspections/${id}/transition`, { action: 'start' });
      expect((await head.request('GET', `/api/v1/inspections/${id}`)).statusCode).toBe(200);
      await inspector.request('POST', `/api/v1/inspections/${id}/answers`, { targetUnitId: target.id, itemIndex: 0, result: 'pass' });
      const early = await inspector.request('POST', `/api/v1/inspections/${id}/transition`, { action: 'sign_off' });
      expect(early.statusCode).toBe(422);
      expect(early.json().code).toBe('CHECKLIST_INCOMPLETE');
      const noNote = await inspector.request('POST', `/api/v1/inspections/${id}/answers`, { targetUnitId: target.id, itemIndex: 1, result: 'fail' });
      expect(noNote.json().errors[0].field).toBe('note');
      await inspector.request('POST', `/api/v1/inspections/${id}/answers`, { targetUnitId: target.id, itemIndex: 1, result: 'fail', note: '2 công chức vắng mặt lúc 8 giờ 15' });
      const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]);
      expect((await inspector.request('POST', `/api/v1/inspections/${id}/photos?name=anh.jpg`, jpeg, { 'content-type': 'image/jpeg' })).statusCode).toBe(201);
      await inspector.request('POST', `/api/v1/inspections/${id}/findings`, { text: 'Bảng niêm yết thủ tục chưa cập nhật', targetUnitId: target.id });
      expect((await inspector.request('POST', `/api/v1/inspections/${id}/transition`, { action: 'sign_off' })).json().status).toBe('signed_off');
      const concluded = await inspector.request('POST', `/api/v1/inspections/${id}/transition`, { action: 'conclude', conclusion: 'Yêu cầu chấn chỉnh giờ giấc làm việc.', violations: [{ unitId: target.id, ruleId: rules[1].id, severity: 'minor', description: 'Vắng mặt đầu giờ' }] });
      expect(concluded.json().status).toBe('concluded');
      const pdf = await inspector.request('GET', `/api/v1/inspections/${id}/conclusion.pdf`);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const found = (await inspector.request('GET', `/api/v1/violations?unitId=${target.id}`)).json().items.find((x: { inspectionId: string }) => x.inspectionId === id);
      expect(found).toMatchObject({ severity: 'minor', status: 'open' });
      const due = new Date(Date.now() + 7 * 86_400_000).toISOString();
      const headMe = (await head.request('GET', '/api/v1/me')).json();
      await inspector.request('POST', `/api/v1/violations/${found.id}/remediations`, { action: 'Chấn chỉnh giờ giấc', ownerId: headMe.officialId, dueAt: due });
      const listed = (await inspector.request('GET', `/api/v1/violations?unitId=${target.id}`)).json().items.find((x: { id: string }) => x.id === found.id);
      const remediation = listed.remediations[0];
      expect(remediation).toMatchObject({ status: 'open', overdue: false });
      expect((await inspector.request('POST', `/api/v1/remediations/${remediation.id}/progress`, { step: 'verify', note: 'x' })).statusCode).toBe(409);
      await head.request('POST', `/api/v1/remediations/${remediation.id}/progress`, { step: 'done', note: 'Đã kiểm điểm' });
      await inspector.request('POST', `/api/v1/remediations/${remediation.id}/progress`, { step: 'verify', note: 'Đã xác minh' });
      const closed = (await inspector.request('GET', `/api/v1/violations?unitId=${target.id}`)).json().items.find((x: { id: string }) => x.id === found.id);
      expect(closed.status).toBe('closed');
    });

    it('marks a remediation overdue exactly when it is still open past its deadline', async () => {
      const all = (await admin.request('GET', '/api/v1/violations?limit=500')).json().items;
      const remediations = all.flatMap((x: { remediations: { overdue: boolean; status: string; dueAt: string }[] }) => x.remediations);
      expect(all.length).toBeGreaterThan(0);
      expect(remediations.length).toBeGreaterThan(0);
      for (const m of remediations) expect(m.overdue).toBe(m.status === 'open' && Date.parse(m.dueAt) < Date.now());
    });

    it('rules are versioned: a new version supersedes, the old stays in history', async () => {
      const created = await admin.request('POST', '/api/v1/rules', { code: 'GT.01', category: 'communication', title: 'Chào hỏi, lắng nghe, hướng dẫn tận tình, đúng hẹn', body: 'Phiên bản mới', effectiveFrom: '2026-12-01' });
      expect(created.json()).toMatchObject({ version: 2, current: true });
      const history = (await admin.request('GET', '/api/v1/rules?history=true')).json().items.filter((r: { code: string }) => r.code === 'GT.01');
      expect(history.map((r: { version: number; current: boolean }) => [r.version, r.current])).toEqual([[2, true], [1, false]]);
      expect((await inspector.request('POST', '/api/v1/rules', { code: 'X', category: 'other', title: 'x', body: 'y', effectiveFrom: '2026-01-01' })).statusCode).toBe(403);
    });
  });

  it.runIf(backend === 'postgres')('congvu apikey create prints a working key on its last line', async () => {
    const out = spawnSync(process.execPath, [path.join(root, 'bin/congvu.mjs'), 'apikey', 'create', '--name', 'Ứng dụng phản ánh'], { env: { ...process.env, DATABASE_URL: t.database.url }, encoding: 'utf8' });
    expect(out.status).toBe(0);
    const key = out.stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^o311_/);
    const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: new URLSearchParams({ api_key: key, service_code: 'praise', description: 'Cán bộ phường hướng dẫn rất tận tình', email: 'a@b.vn' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(201);
  });
});
