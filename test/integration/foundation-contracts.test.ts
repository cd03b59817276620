import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, login, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';

describe.each(BACKENDS)('foundation contracts on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('GET /health answers ok', async () => {
    const res = await t.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('login sets an HttpOnly cookie and returns a CSRF token; /me describes the user', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'truongphong', password: 'congvu-demo' } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'congvu_sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(res.json().csrfToken).toMatch(/^[\w-]{20,}$/);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: `congvu_sid=${cookie!.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'truongphong', roles: ['unit_head'], unit: { name: 'Sở Tư pháp' } });
    expect(me.json().unit.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('bad credentials give 401 problem+json in Vietnamese', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'truongphong', password: 'sai-mat-khau' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', title: expect.any(String), type: expect.any(String) });
    expect(res.json().detail).toMatch(/mật khẩu/);
  });

  it('a cookie-authenticated write without the CSRF token is refused with 403 and changes nothing', async () => {
    const admin = await login(t.app, 'admin');
    const root = (await admin.request('GET', '/api/v1/units')).json().items[0];
    const payload = { parentId: root.id, code: 'CSRF-TEST', name: 'Đơn vị thử CSRF', kind: 'department' };
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { cookie: admin.cookie }, payload });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { cookie: admin.cookie, 'x-csrf-token': 'x'.repeat(43) }, payload });
    expect(wrong.statusCode).toBe(403);
    const list = (await admin.request('GET', '/api/v1/units?q=csrf')).json().items;
    expect(list).toEqual([]);
    const ok = await admin.request('POST', '/api/v1/units', payload);
    expect(ok.statusCode).toBe(201);
  });

  it('logout ends the session', async () => {
    const s = await login(t.app, 'chuyenvien');
    expect((await s.request('POST', '/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await s.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('officials search folds diacritics and pages with a cursor', async () => {
    const admin = await login(t.app, 'admin');
    const folded = (await admin.request('GET', '/api/v1/officials?q=nguyen%20van&limit=5')).json();
    expect(folded.items.length).toBe(5);
    for (const o of folded.items) expect(o.fullName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase()).toContain('nguyen van');
    expect(Object.keys(folded.items[0])).toEqual(expect.arrayContaining(['id', 'fullName', 'unitId']));
    const accented = (await admin.request('GET', `/api/v1/officials?q=${encodeURIComponent('Nguyễn Văn')}&limit=5`)).json();
    expect(accented.items.map((o: { id: string }) => o.id)).toEqual(folded.items.map((o: { id: string }) => o.id));
    const decomposed = (await admin.request('GET', `/api/v1/officials?q=${encodeURIComponent('Nguyễn Văn'.normalize('NFD'))}&limit=5`)).json();
    expect(decomposed.items.map((o: { id: string }) => o.id)).toEqual(folded.items.map((o: { id: string }) => o.id));
    const next = (await admin.request('GET', `/api/v1/officials?q=nguyen%20van&limit=5&cursor=${folded.nextCursor}`)).json();
    expect(next.items.length).toBeGreaterThan(0);
    const ids = new Set(folded.items.map((o: { id: string }) => o.id));
    for (const o of next.items) expect(ids.has(o.id)).toBe(false);
  });

  it('a unit outside the caller scope is 404, inside is 200', async () => {
    const head = await login(t.app, 'truongphong');
    const commune = await login(t.app, 'xa.truongphong');
    const stp = (await head.request('GET', '/api/v1/me')).json().unit.id;
    const ward = (await commune.request('GET', '/api/v1/me')).json().unit.id;
    expect((await head.request('GET', `/api/v1/units/${stp}`)).statusCode).toBe(200);
    const outside = await head.request('GET', `/api/v1/units/${ward}`);
    expect(outside.statusCode).toBe(404);
    expect(outside.headers['content-type']).toMatch(/problem\+json/);
    expect((await commune.request('GET', `/api/v1/units/${stp}`)).statusCode).toBe(404);
  });

  it('publishes the OpenAPI document and its browsable page', async () => {
    const doc = await t.app.inject({ url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
    expect(Object.keys(doc.json().paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/officials', '/api/v1/units/{id}']));
    const page = await t.app.inject({ url: '/api/docs' });
    expect([200, 302]).toContain(page.statusCode);
  });

  it('bad input is a 400 problem with field paths, never a 500', async () => {
    const admin = await login(t.app, 'admin');
    const res = await admin.request('POST', '/api/v1/officials', { fullName: '', unitId: 'not-a-uuid' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['fullName', 'unitId', 'idNumber']));
    const badJson = await admin.request('POST', '/api/v1/units', '{"name": ', { 'content-type': 'application/json' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().code).toBe('BAD_JSON');
    const badCursor = await admin.request('GET', '/api/v1/officials?cursor=zzz');
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().errors[0].field).toBe('cursor');
  });

  it('locks an account after repeated failures', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'motcua', password: `sai-${i}` } });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'motcua', password: 'congvu-demo' } });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    const admin = await login(t.app, 'admin');
    const accounts = (await admin.request('GET', '/api/v1/accounts?q=motcua')).json().items;
    expect(accounts[0].locked).toBe(true);
    expect((await admin.request('PATCH', `/api/v1/accounts/${accounts[0].id}`, { unlock: true })).statusCode).toBe(200);
    await login(t.app, 'motcua');
  });

  it('API tokens authenticate integrations without CSRF and stop working once revoked', async () => {
    const admin = await login(t.app, 'admin');
    const account = (await admin.request('GET', '/api/v1/accounts?q=lanhdao')).json().items[0];
    const created = await admin.request('POST', '/api/v1/api-tokens', { name: 'Hệ thống một cửa cũ', accountId: account.id });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json().username).toBe('lanhdao');
    await admin.request('DELETE', `/api/v1/api-tokens/${id}`);
    const after = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });
});

describe.each(BACKENDS)('rate limits kept in the database on %s', (backend) => {
  it('count across two app instances on the same database', async () => {
    const { buildApp } = await import('../../src/server/app.ts');
    const { loadConfig } = await import('../../src/server/config.ts');
    const t = await startTestApp(backend);
    try {
      const second = await buildApp({ db: t.database.db, config: { ...loadConfig({}), databaseUrl: t.database.url } });
      await second.ready();
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const app = i % 2 === 0 ? t.app : second;
        statuses.push((await app.inject({ method: 'POST', url: '/api/v1/public/dossiers/000.00.99.H47-260101-9999/rating', payload: { level: 'satisfied', phoneLast4: '1234' } })).statusCode);
      }
      // 10 a minute per client for this route, whichever process answers.
      expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
      await second.close();
    } finally {
      await t.close();
    }
  });
});
