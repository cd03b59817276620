/**
 * Issue 9, under attack: sessions (rotation, expiry, ending them), lockout without username
 * enumeration, rate limits of the public routes, CSRF on every cookie write, security headers,
 * upload checks and the log holding no secrets or personal data. One seeded database per backend;
 * apps with other settings (TLS, idle limit) are built over it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFromSession } from '../../src/server/modules/access/auth.service.ts';
import { sha256 } from '../../src/server/modules/access/secrets.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-province.ts';
import { type Session, type TestApp, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';
import {
  type SecurityApp,
  buildSecurityApp,
  concreteUrl,
  expectProblem,
  filesUnder,
  freshAddress,
  handledSecrets,
  listRoutes,
  postLogin,
  sessionOf,
  signIn,
  tablesFingerprint,
} from './security-helpers.ts';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The only writes open without a session; a new one must be reviewed and added here. */
const PUBLIC_WRITES = ['POST /api/v1/auth/login', 'POST /api/v1/public/dossiers/:code/rating', 'POST /api/v1/public/complaints'];
/** Routes that take a file as the request body; every other write keeps the 1 MB body limit. */
const FILE_ROUTES = ['/api/v1/dossiers/:id/files', '/api/v1/tasks/:id/files', '/api/v1/inspections/:id/photos', '/api/v1/officials/import', '/api/v1/procedures/import'];
const BATCH_ROUTES = ['/api/v1/integrations/dossier-events'];
const NEW_PASSWORD = 'mat-khau-moi-2026';

describe.each(BACKENDS)('security on %s', (backend) => {
  let t: TestApp;
  let main: SecurityApp;
  const logLines: string[] = [];
  let webDir: string;
  let admin: Session;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-sec-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><html lang="vi"><body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>');
    fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1);');
    // The most verbose level an operator would set in production (LOG_LEVEL=debug), captured.
    main = await buildSecurityApp(t.database, { LOG_LEVEL: 'debug', CONGVU_SESSION_HOURS: '2' }, { logLines, webDir });
    admin = await signIn(main.app, 'admin');
    unitId = (await admin.request('GET', '/api/v1/me')).json().unit.id;
  });
  afterAll(async () => {
    await main?.close();
    await t?.close();
    if (webDir) fs.rmSync(webDir, { recursive: true, force: true });
  });

  /** A fresh account of the admin's unit, so ending its sessions or locking it touches no other test. */
  const newAccount = async (username: string) => {
    const res = await admin.request('POST', '/api/v1/accounts', { username, displayName: `Thử ${username}`, password: DEMO_PASSWORD, unitId, roles: ['officer'] });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const me = (s: Session) => s.request('GET', '/api/v1/me');

  describe('sessions', () => {
    it('every login gets a new session id: a cookie presented at login is never kept and stops working', async () => {
      const first = await signIn(main.app, 'chuyenvien');
      const second = sessionOf(main.app, await postLogin(main.app, 'chuyenvien', DEMO_PASSWORD, { cookie: first.cookie }));
      expect(second.cookie).not.toBe(first.cookie);
      expect(second.csrfToken).not.toBe(first.csrfToken);
      expectProblem(await me(first), 401, 'UNAUTHENTICATED');
      expect((await me(second)).statusCode).toBe(200);
      // A value planted by an attacker before login is not adopted either.
      const planted = await postLogin(main.app, 'chuyenvien', DEMO_PASSWORD, { cookie: 'congvu_sid=gia-tri-do-ke-tan-cong-dat-san' });
      expect(planted.cookies.find((c) => c.name === 'congvu_sid')!.value).not.toBe('gia-tri-do-ke-tan-cong-dat-san');
      // Only the hash of a session id is stored.
      const raw = second.cookie.slice('congvu_sid='.length);
      const rows = await t.database.db.selectFrom('sessions').select('id').where('id', 'in', [raw, sha256(raw)]).execute();
      expect(rows.map((r) => r.id)).toEqual([sha256(raw)]);
    });

    it('ends at the configured absolute lifetime, and after the idle limit when one is set', async () => {
      const res = await postLogin(main.app, 'truongphong');
      const s = sessionOf(main.app, res);
      const token = s.cookie.slice('congvu_sid='.length);
      const row = await t.database.db.selectFrom('sessions').selectAll().where('id', '=', sha256(token)).executeTakeFirstOrThrow();
      // CONGVU_SESSION_HOURS=2: the row and the cookie end two hours after the login.
      expect(row.expires_at.getTime() - row.created_at.getTime()).toBe(2 * 3_600_000);
      expect(res.cookies.find((c) => c.name === 'congvu_sid')!.expires!.getTime()).toBe(Math.floor(row.expires_at.getTime() / 1000) * 1000);
      // The clock passed in (a refused check writes nothing; an accepted one moves last-seen, so the order matters).
      expect(await actorFromSession(t.database.db, token, new Date(row.last_seen_at.getTime() + 30 * 60_000), 30)).toBeNull();
      expect(await actorFromSession(t.database.db, token, new Date(row.last_seen_at.getTime() + 29 * 60_000), 30)).not.toBeNull();
      expect(await actorFromSession(t.database.db, token, row.expires_at)).toBeNull();
      expect(await actorFromSession(t.database.db, token, new Date(row.expires_at.getTime() - 1))).not.toBeNull();

      // Through HTTP: a session unused for 31 minutes still works without an idle limit and is
      // refused by an app configured with CONGVU_SESSION_IDLE_MINUTES=30.
      const idle = await buildSecurityApp(t.database, { CONGVU_SESSION_IDLE_MINUTES: '30' });
      try {
        const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
        const setLastSeen = (at: Date) => t.database.db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sha256(token)).execute();
        await setLastSeen(ago(29));
        expect((await idle.app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
        // Use keeps it alive: the request above moved last-seen to now.
        const seen = await t.database.db.selectFrom('sessions').select('last_seen_at').where('id', '=', sha256(token)).executeTakeFirstOrThrow();
        expect(Date.now() - seen.last_seen_at.getTime()).toBeLessThan(60_000);
        await setLastSeen(ago(31));
        expectProblem(await idle.app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } }), 401, 'UNAUTHENTICATED');
        expect((await me(s)).statusCode).toBe(200);
      } finally {
        await idle.close();
      }
      // Past the absolute end: refused by every app.
      await t.database.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', sha256(token)).execute();
      expectProblem(await me(s), 401, 'UNAUTHENTICATED');
    });

    it('logout?everywhere=true ends every session of the account, other accounts keep theirs', async () => {
      await newAccount('thu.dangxuat');
      const [a, b, c] = [await signIn(main.app, 'thu.dangxuat'), await signIn(main.app, 'thu.dangxuat'), await signIn(main.app, 'thu.dangxuat')];
      const other = await signIn(main.app, 'lanhdao');
      expect((await a.request('POST', '/api/v1/auth/logout?everywhere=true')).statusCode).toBe(200);
      for (const s of [a, b, c]) {
        expectProblem(await me(s), 401, 'UNAUTHENTICATED');
        expectProblem(await s.request('POST', '/api/v1/auth/logout'), 401, 'UNAUTHENTICATED');
      }
      expect((await me(other)).statusCode).toBe(200);
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('actor', '=', 'thu.dangxuat').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(audit.action).toBe('auth.logout_everywhere');
    });

    it('a password reset or a deactivation ends the sessions; a deactivated account answers like an unknown one', async () => {
      const id = await newAccount('thu.doimatkhau');
      const before = await signIn(main.app, 'thu.doimatkhau');
      expect((await admin.request('PATCH', `/api/v1/accounts/${id}`, { password: NEW_PASSWORD })).statusCode).toBe(200);
      expectProblem(await me(before), 401, 'UNAUTHENTICATED');
      expectProblem(await postLogin(main.app, 'thu.doimatkhau'), 401, 'INVALID_CREDENTIALS');
      const after = await signIn(main.app, 'thu.doimatkhau', NEW_PASSWORD);
      const token = (await admin.request('POST', '/api/v1/api-tokens', { name: 'Khóa thử khóa tài khoản', accountId: id })).json<{ token: string }>().token;
      handledSecrets.add(token);
      expect((await main.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);

      expect((await admin.request('PATCH', `/api/v1/accounts/${id}`, { active: false })).statusCode).toBe(200);
      expectProblem(await me(after), 401, 'UNAUTHENTICATED');
      expectProblem(await main.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } }), 401, 'INVALID_TOKEN');
      const deactivated = await postLogin(main.app, 'thu.doimatkhau', NEW_PASSWORD);
      const unknown = await postLogin(main.app, 'khong.co.tai.khoan.nay', NEW_PASSWORD);
      expect([deactivated.statusCode, deactivated.json()]).toEqual([unknown.statusCode, unknown.json()]);
      expect(deactivated.cookies).toEqual([]);
    });
  });

  describe('abuse limits', () => {
    it('locks after N failures in a row, and answers an unknown or deactivated username exactly alike', async () => {
      await newAccount('thu.khoa');
      const offId = await newAccount('thu.tat');
      await admin.request('PATCH', `/api/v1/accounts/${offId}`, { active: false });
      const round = async (passwords: [string, string, string]) => {
        const answers = await Promise.all([
          postLogin(main.app, 'thu.khoa', passwords[0]),
          postLogin(main.app, 'thu.tat', passwords[1]),
          postLogin(main.app, 'khong.ton.tai.dau', passwords[2]),
        ]);
        for (const a of answers) expect(a.cookies).toEqual([]);
        const [real, off, unknown] = answers.map((a) => ({ status: a.statusCode, body: a.json() }));
        expect(off).toEqual(real);
        expect(unknown).toEqual(real);
        return answers[0]!;
      };
      // CONGVU_LOCKOUT_THRESHOLD defaults to 5; the deactivated account's right password counts as a failure too.
      for (let i = 1; i <= 4; i++) expectProblem(await round([`sai-${i}`, `sai-${i}`, `sai-${i}`]), 401, 'INVALID_CREDENTIALS');
      expectProblem(await round(['sai-5', DEMO_PASSWORD, 'sai-5']), 401, 'INVALID_CREDENTIALS');
      const locked = await round([DEMO_PASSWORD, DEMO_PASSWORD, DEMO_PASSWORD]);
      expectProblem(locked, 423, 'ACCOUNT_LOCKED');
      expect(locked.json().detail).toMatch(/Thử lại sau 15 phút/);
    });

    it('the public routes answer 429 problem+json in Vietnamese with Retry-After, per client', async () => {
      const code = (await t.database.db.selectFrom('dossiers').select('code').limit(1).executeTakeFirstOrThrow()).code;
      const cases = [
        // A client that is not a trusted proxy rotates X-Forwarded-For in vain: its own address counts.
        { route: 'tra cứu hồ sơ', max: 60, send: (ip: string) => main.app.inject({ url: `/api/v1/public/dossiers/${code}`, remoteAddress: ip, headers: { 'x-forwarded-for': freshAddress() } }) },
        { route: 'đánh giá', max: 10, send: (ip: string) => main.app.inject({ method: 'POST', url: `/api/v1/public/dossiers/${code}/rating`, payload: { level: 'satisfied', phoneLast4: '0000' }, remoteAddress: ip }) },
        // Invalid bodies count too: the limit is checked before anything else, and nothing is filed.
        { route: 'phản ánh', max: 5, send: (ip: string) => main.app.inject({ method: 'POST', url: '/api/v1/public/complaints', payload: { kind: 'attitude', description: 'ngắn', unitId }, remoteAddress: ip }) },
        { route: 'đăng nhập', max: 20, send: (ip: string) => postLogin(main.app, `khong.co.${Math.random().toString(36).slice(2)}`, 'sai', {}, ip) },
      ];
      for (const c of cases) {
        const ip = freshAddress();
        for (let i = 0; i < c.max; i++) expect((await c.send(ip)).statusCode, `${c.route} #${i + 1}`).not.toBe(429);
        const limited = await c.send(ip);
        expectProblem(limited, 429, 'RATE_LIMITED');
        expect(Number(limited.headers['retry-after']), c.route).toBeGreaterThan(0);
        expect((await c.send(freshAddress())).statusCode, `${c.route}, another client`).not.toBe(429);
      }
    });

    it('behind the trusted proxy (loopback by default) each forwarded client has its own count', async () => {
      const lookup = (remoteAddress: string, forwardedFor: string) =>
        main.app.inject({ url: '/api/v1/public/dossiers/KHONG-CO-MA-NAY', remoteAddress, headers: { 'x-forwarded-for': forwardedFor } });
      for (let i = 0; i < 60; i++) expect((await lookup('127.0.0.1', '192.0.2.10')).statusCode).toBe(404);
      expectProblem(await lookup('127.0.0.1', '192.0.2.10'), 429, 'RATE_LIMITED');
      expect((await lookup('127.0.0.1', '192.0.2.11')).statusCode).toBe(404);
    });
  });

  describe('CSRF', () => {
    it('every cookie-authenticated write without the session CSRF token is 403 and changes nothing; only the reviewed writes are public', async () => {
      const writes = listRoutes(main.app).filter((r) => WRITES.has(r.method) && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
      // The route list is read, not hard-coded: it holds the known writes and many more.
      expect(writes.length).toBeGreaterThan(40);
      expect(writes.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining([...PUBLIC_WRITES, 'PATCH /api/v1/accounts/:id', 'DELETE /api/v1/api-tokens/:id', 'POST /api/v1/dossiers/:id/files']));
      const bystander = await signIn(main.app, 'lanhdao');
      const tablesBefore = await tablesFingerprint(t.database.db);
      const filesBefore = filesUnder(main.dataDir);
      const publicWrites: string[] = [];
      for (const r of writes) {
        const url = concreteUrl(r.url);
        const send = (headers: Record<string, string>) =>
          main.app.inject({ method: r.method as 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: '{}', remoteAddress: '192.0.2.200' });
        const anonymous = await send({});
        if (anonymous.statusCode !== 401) {
          publicWrites.push(`${r.method} ${r.url}`);
          continue;
        }
        // None, a made-up one, another live session's, empty.
        const tokens: Record<string, string>[] = [{}, { 'x-csrf-token': 'x'.repeat(43) }, { 'x-csrf-token': bystander.csrfToken }, { 'x-csrf-token': '' }];
        for (const headers of tokens) {
          const res = await send({ cookie: admin.cookie, ...headers });
          expect(res.statusCode, `${r.method} ${r.url} ${JSON.stringify(headers)}`).toBe(403);
          expect(res.json().code).toBe('CSRF_TOKEN_INVALID');
        }
      }
      expect(publicWrites.sort()).toEqual([...PUBLIC_WRITES].sort());
      expect(await tablesFingerprint(t.database.db)).toEqual(tablesBefore);
      expect(filesUnder(main.dataDir)).toEqual(filesBefore);
      // The same write with the token goes through, and the fingerprint sees it (an audit row).
      expect((await admin.request('POST', '/api/v1/auth/logout')).statusCode).toBe(200);
      expect(await tablesFingerprint(t.database.db)).not.toEqual(tablesBefore);
      admin = await signIn(main.app, 'admin');
    });

    it('an API key writes without a CSRF token; a cross-site HTML form cannot post to the API at all', async () => {
      const adminId = (await admin.request('GET', '/api/v1/accounts?q=admin')).json().items.find((a: { username: string }) => a.username === 'admin').id;
      const token = (await admin.request('POST', '/api/v1/api-tokens', { name: 'Khóa thử ghi', accountId: adminId })).json<{ token: string }>().token;
      handledSecrets.add(token);
      const created = await main.app.inject({ method: 'POST', url: '/api/v1/units', headers: { authorization: `Bearer ${token}` }, payload: { parentId: unitId, code: 'SEC-KEY', name: 'Đơn vị tạo bằng khóa API', kind: 'department' } });
      expect(created.statusCode, created.body).toBe(201);
      // Form bodies (what a page on another site can send without a preflight) are refused,
      // login included, so nobody can be logged in to an attacker's account from elsewhere.
      const before = await t.database.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const form = await main.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `username=admin&password=${DEMO_PASSWORD}`, remoteAddress: freshAddress() });
      expectProblem(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(form.cookies).toEqual([]);
      const plain = await main.app.inject({ method: 'POST', url: '/api/v1/public/complaints', headers: { 'content-type': 'text/plain' }, payload: '{"kind":"attitude"}', remoteAddress: freshAddress() });
      expectProblem(plain, 415, 'UNSUPPORTED_MEDIA_TYPE');
      const after = await t.database.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });
  });

  describe('headers', () => {
    const csp = (header: string | string[] | number | undefined) =>
      new Map(String(header).split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map((d) => [d[0]!, d.slice(1)] as const));

    it('HTML, API, public and error responses carry a strict CSP, nosniff, a referrer policy and no HSTS on plain http', async () => {
      const code = (await t.database.db.selectFrom('dossiers').select('code').limit(1).executeTakeFirstOrThrow()).code;
      const responses = {
        'trang web': await main.app.inject({ url: '/' }),
        'trang công khai': await main.app.inject({ url: '/tra-cuu' }),
        'API': await me(admin),
        'API công khai': await main.app.inject({ url: `/api/v1/public/dossiers/${code}`, remoteAddress: freshAddress() }),
        'lỗi 401': await main.app.inject({ url: '/api/v1/me' }),
        'lỗi 404': await admin.request('GET', '/api/v1/khong-co'),
        'tài liệu API': await main.app.inject({ url: '/api/docs/static/index.html' }),
      };
      expect(responses['trang web'].headers['content-type']).toMatch(/text\/html/);
      expect(responses['trang công khai'].headers['content-type']).toMatch(/text\/html/);
      for (const [name, res] of Object.entries(responses)) {
        const policy = csp(res.headers['content-security-policy']);
        const scripts = policy.get('script-src') ?? policy.get('default-src');
        expect(scripts, name).toBeDefined();
        expect(scripts, name).not.toContain("'unsafe-inline'");
        expect(scripts, name).not.toContain("'unsafe-eval'");
        expect(policy.get('object-src'), name).toEqual(["'none'"]);
        expect([["'none'"], ["'self'"]], name).toContainEqual(policy.get('frame-ancestors'));
        expect(res.headers['x-content-type-options'], name).toBe('nosniff');
        expect(res.headers['referrer-policy'], name).toMatch(/^(no-referrer|same-origin|strict-origin(-when-cross-origin)?)$/);
        expect(res.headers['strict-transport-security'], name).toBeUndefined();
      }
      expect(csp(responses['trang web'].headers['content-security-policy']).get('frame-ancestors')).toEqual(["'none'"]);
      expect(responses['trang web'].headers['x-frame-options']).toBe('DENY');
      const cookie = (await postLogin(main.app, 'thanhtra')).cookies.find((c) => c.name === 'congvu_sid')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie.secure).toBeUndefined();
    });

    it('behind TLS: HSTS and Secure cookies when the trusted proxy says https, never on plain http or from an untrusted client', async () => {
      const tls = await buildSecurityApp(t.database, { CONGVU_SECURE_COOKIES: 'true' });
      try {
        const hsts = (remoteAddress: string, headers: Record<string, string>) =>
          tls.app.inject({ url: '/api/v1/public/dossiers/KHONG-CO-MA-NAY', remoteAddress, headers }).then((r) => r.headers['strict-transport-security']);
        expect(await hsts('127.0.0.1', { 'x-forwarded-proto': 'https' })).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
        expect(await hsts('127.0.0.1', {})).toBeUndefined();
        expect(await hsts(freshAddress(), { 'x-forwarded-proto': 'https' })).toBeUndefined();
        const login = await tls.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': freshAddress() }, payload: { username: 'thanhtra', password: DEMO_PASSWORD } });
        expect(login.headers['strict-transport-security']).toBeDefined();
        expect(login.cookies.find((c) => c.name === 'congvu_sid')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
      } finally {
        await tls.close();
      }
      // Without CONGVU_SECURE_COOKIES, a request the trusted proxy received over https still gets a Secure cookie.
      const viaProxy = await main.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': freshAddress() }, payload: { username: 'thanhtra', password: DEMO_PASSWORD } });
      expect(viaProxy.cookies.find((c) => c.name === 'congvu_sid')!.secure).toBe(true);
    });
  });

  describe('uploads', () => {
    const MZ = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(4096, 0x41)]);
    const HTML = Buffer.from('<!doctype html><html><body><script>fetch("/api/v1/me")</script></body></html>');
    const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(512, 1)]);

    it('only the file routes take bodies over 1 MB; over 20 MB, other bytes than declared, or a multipart body: 4xx and nothing stored', async () => {
      const dossierId = (await t.database.db.selectFrom('dossiers').select('id').limit(1).executeTakeFirstOrThrow()).id;
      const taskId = (await t.database.db.selectFrom('tasks').select('id').limit(1).executeTakeFirstOrThrow()).id;
      const inspectionId = (await t.database.db.selectFrom('inspections').select('id').limit(1).executeTakeFirstOrThrow()).id;
      const real: Record<string, string> = {
        '/api/v1/dossiers/:id/files': `/api/v1/dossiers/${dossierId}/files?kind=component&name=to-khai.pdf`,
        '/api/v1/tasks/:id/files': `/api/v1/tasks/${taskId}/files?name=minh-chung.pdf`,
        '/api/v1/inspections/:id/photos': `/api/v1/inspections/${inspectionId}/photos?name=anh.pdf`,
        '/api/v1/officials/import': '/api/v1/officials/import?dryRun=false',
        '/api/v1/procedures/import': '/api/v1/procedures/import?dryRun=false',
      };
      const tablesBefore = await tablesFingerprint(t.database.db);
      const filesBefore = filesUnder(main.dataDir);
      const post = (url: string, payload: Buffer, type: string) => admin.request('POST', url, payload, { 'content-type': type });

      // 2 MB to every write: the default limit refuses it before reading, except on the file routes.
      const twoMb = Buffer.alloc(2 * 1024 * 1024, 0x20);
      const large: string[] = [];
      for (const r of listRoutes(main.app).filter((x) => WRITES.has(x.method) && x.url.startsWith('/api/v1/'))) {
        const res = await post(concreteUrl(r.url), twoMb, 'application/pdf');
        if (res.statusCode === 413) expectProblem(res, 413, 'BODY_TOO_LARGE');
        else large.push(r.url);
      }
      expect(large.sort()).toEqual([...FILE_ROUTES, ...BATCH_ROUTES].sort());

      const overLimit = Buffer.alloc(20 * 1024 * 1024 + 1, 0x25);
      for (const route of FILE_ROUTES) {
        const url = real[route]!;
        const isImport = route.endsWith('/import');
        expectProblem(await post(url, overLimit, isImport ? 'text/csv' : 'application/pdf'), 413, 'BODY_TOO_LARGE');
        expectProblem(await post(url, Buffer.from('--b\r\nContent-Disposition: form-data; name="a"; filename="a.pdf"\r\n\r\n%PDF-\r\n--b--\r\n'), 'multipart/form-data; boundary=b'), 415, 'UNSUPPORTED_MEDIA_TYPE');
        if (isImport) {
          // A program or a web page sent as a spreadsheet is not a spreadsheet.
          expectProblem(await post(url, MZ, 'text/csv'), 400, 'BAD_FILE');
          expectProblem(await post(url, HTML, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), 400, 'BAD_FILE');
        } else {
          // A program or a web page named .pdf: the type is read from the bytes.
          expectProblem(await post(url, MZ, 'application/pdf'), 415, 'UNSUPPORTED_FILE_TYPE');
          expectProblem(await post(url, HTML, 'application/pdf'), 415, 'UNSUPPORTED_FILE_TYPE');
          expectProblem(await post(url, HTML, 'application/octet-stream'), 415, 'UNSUPPORTED_FILE_TYPE');
        }
      }
      expect(await tablesFingerprint(t.database.db)).toEqual(tablesBefore);
      expect(filesUnder(main.dataDir)).toEqual(filesBefore);

      // A real image declared as a PDF is kept as what its bytes are, and served as an attachment that is not sniffed.
      const up = await post(real['/api/v1/dossiers/:id/files']!, PNG, 'application/pdf');
      expect(up.statusCode, up.body).toBe(201);
      expect(up.json().mime).toBe('image/png');
      const down = await admin.request('GET', `/api/v1/dossiers/${dossierId}/files/${up.json().id}`);
      expect(down.headers).toMatchObject({ 'content-type': 'image/png', 'x-content-type-options': 'nosniff' });
      expect(down.headers['content-disposition']).toMatch(/^attachment;/);
      expect(filesUnder(main.dataDir)).toHaveLength(filesBefore.length + 1);
    });
  });

  describe('logs', () => {
    it('a journey at debug level writes no password, cookie, CSRF token, API key or personal data of a citizen', async () => {
      const citizen = { fullName: 'Phạm Thị Nhật Ký', idNumber: '038196011223', phone: '0987001122', email: 'pham.nhatky@example.vn', address: 'Số 17 ngõ 5 phố Hàn Thuyên, Phường Vĩnh Yên' };
      const wrongPassword = 'mat-khau-sai-Nhat-Ky-7';
      const counter = await signIn(main.app, 'motcua');
      const procedureId = (await counter.request('GET', '/api/v1/procedures?q=ly%20lich')).json().items[0].id;
      const created = await counter.request('POST', '/api/v1/dossiers', { procedureId, channel: 'counter', applicant: citizen });
      expect(created.statusCode, created.body).toBe(201);
      const { code } = created.json<{ code: string }>();
      expect((await main.app.inject({ url: `/api/v1/public/dossiers/${code}`, remoteAddress: freshAddress() })).statusCode).toBe(200);
      expectProblem(await postLogin(main.app, 'motcua', wrongPassword), 401, 'INVALID_CREDENTIALS');
      // Personal data in query strings, in a search and on a path that does not exist.
      await counter.request('GET', `/api/v1/dossiers?q=${citizen.idNumber}`);
      await counter.request('GET', `/api/v1/khong-co?phone=${citizen.phone}&email=${encodeURIComponent(citizen.email)}`);
      const complaint = await main.app.inject({ method: 'POST', url: '/api/v1/public/complaints', remoteAddress: freshAddress(), payload: { kind: 'attitude', description: 'Cán bộ một cửa trả lời thiếu tôn trọng khi tôi hỏi hồ sơ', anonymous: false, unitId, contact: { name: citizen.fullName, phone: citizen.phone, email: citizen.email } } });
      expect(complaint.statusCode, complaint.body).toBe(201);
      const adminId = (await admin.request('GET', '/api/v1/accounts?q=admin')).json().items.find((a: { username: string }) => a.username === 'admin').id;
      const key = (await admin.request('POST', '/api/v1/api-tokens', { name: 'Khóa thử nhật ký', accountId: adminId })).json<{ token: string }>().token;
      expect((await main.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(200);
      expectProblem(await main.app.inject({ method: 'POST', url: '/api/v1/units', headers: { authorization: `Bearer ${key}` }, payload: { name: citizen.fullName } }), 400, 'VALIDATION_FAILED');
      expectProblem(await main.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${key}x` } }), 401, 'INVALID_TOKEN');

      // Should code ever log headers or a citizen's record, the redaction masks the known fields.
      main.app.log.info({ headers: { authorization: `Bearer ${key}`, cookie: counter.cookie, 'x-csrf-token': counter.csrfToken }, applicant: citizen, body: { password: wrongPassword } }, 'thử che dữ liệu');

      const log = logLines.join('');
      // The capture works: this journey's requests are there, with method and path.
      expect(log).toContain('"req":{"method":"POST","path":"/api/v1/dossiers"}');
      expect(log).toContain(`"path":"/api/v1/public/dossiers/${code}"`);
      expect(log).toContain('"path":"/api/v1/khong-co"');
      expect(logLines.find((l) => l.includes('thử che dữ liệu'))).toContain('"cookie":"[ẩn]"');
      const secrets = [
        DEMO_PASSWORD, NEW_PASSWORD, wrongPassword, key, counter.cookie.slice('congvu_sid='.length), counter.csrfToken,
        ...handledSecrets,
        citizen.fullName, citizen.idNumber, citizen.phone, citizen.email, encodeURIComponent(citizen.email), citizen.address,
      ];
      for (const secret of secrets) expect(log.includes(secret), `log contains ${secret.slice(0, 6)}…`).toBe(false);
    });
  });
});
