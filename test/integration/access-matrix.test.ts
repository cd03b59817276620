/**
 * The access matrix: every demo role × target unit × endpoint, written out as data, plus the
 * "lists never leak" and identity-masking rules. The expectations are the rules, typed in
 * by hand — not derived from src/server/modules/access/policy.ts — so a policy change shows here.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';
import {
  type Official,
  type OfficialSummary,
  type Page,
  type Position,
  type Unit,
  allOfficials,
  expectProblem,
  freshIdNumber,
  masked,
  problemFields,
  subtreeIds,
  unitsByCode,
} from './org-helpers.ts';

const USERS = ['admin', 'lanhdao', 'thanhtra', 'truongphong', 'chuyenvien', 'motcua', 'xa.truongphong'] as const;
type User = (typeof USERS)[number];

/**
 * Target units, named from the point of view of the Sở Tư pháp staff (truongphong, chuyenvien,
 * motcua). For xa.truongphong (Phường Vĩnh Yên) "other" is their own ward and "otherSub" its division.
 */
const TARGETS = {
  own: 'STP',
  sub: 'STP.2',
  other: 'P.VINHYEN',
  otherSub: 'P.VINHYEN.KT',
  parent: 'PT',
} as const;
type Target = keyof typeof TARGETS;
const TARGET_ORDER: Target[] = ['own', 'sub', 'other', 'otherSub', 'parent'];

type Row = readonly [number, number, number, number, number];
type ScopedEndpoint =
  | 'GET /units/{id}'
  | 'GET /officials?unitId'
  | 'GET /officials/{id}'
  | 'GET /positions?unitId'
  | 'POST /units'
  | 'PATCH /units/{id}'
  | 'POST /officials'
  | 'PATCH /officials/{id}'
  | 'POST /positions'
  | 'PATCH /positions/{id}'
  | 'POST /accounts';

//                                          own  sub  other otherSub parent
const READ_ALL: Row /*                  */ = [200, 200, 200, 200, 200];
const READ_STP: Row /*                  */ = [200, 200, 404, 404, 404];
const READ_WARD: Row /*                 */ = [404, 404, 200, 200, 404];
const FORBIDDEN: Row /*                 */ = [403, 403, 403, 403, 403];

/** The scoped part of the matrix: endpoint → user → expected status per target (own, sub, other, otherSub, parent). */
const SCOPED_MATRIX: Record<ScopedEndpoint, Record<User, Row>> = {
  'GET /units/{id}': {
    admin: READ_ALL,
    lanhdao: READ_ALL,
    thanhtra: READ_ALL,
    truongphong: READ_STP,
    chuyenvien: READ_STP,
    motcua: READ_STP,
    'xa.truongphong': READ_WARD,
  },
  'GET /officials?unitId': {
    admin: READ_ALL,
    lanhdao: READ_ALL,
    thanhtra: READ_ALL,
    truongphong: READ_STP,
    chuyenvien: READ_STP,
    motcua: READ_STP,
    'xa.truongphong': READ_WARD,
  },
  'GET /officials/{id}': {
    admin: READ_ALL,
    lanhdao: READ_ALL,
    thanhtra: READ_ALL,
    truongphong: READ_STP,
    chuyenvien: READ_STP,
    motcua: READ_STP,
    'xa.truongphong': READ_WARD,
  },
  'GET /positions?unitId': {
    admin: READ_ALL,
    lanhdao: READ_ALL,
    thanhtra: READ_ALL,
    truongphong: READ_STP,
    chuyenvien: READ_STP,
    motcua: READ_STP,
    'xa.truongphong': READ_WARD,
  },
  'POST /units': {
    admin: [201, 201, 201, 201, 201],
    lanhdao: FORBIDDEN,
    thanhtra: FORBIDDEN,
    truongphong: FORBIDDEN,
    chuyenvien: FORBIDDEN,
    motcua: FORBIDDEN,
    'xa.truongphong': FORBIDDEN,
  },
  'PATCH /units/{id}': {
    admin: [200, 200, 200, 200, 200],
    lanhdao: FORBIDDEN,
    thanhtra: FORBIDDEN,
    truongphong: FORBIDDEN,
    chuyenvien: FORBIDDEN,
    motcua: FORBIDDEN,
    'xa.truongphong': FORBIDDEN,
  },
  'POST /officials': {
    admin: [201, 201, 201, 201, 201],
    lanhdao: FORBIDDEN,
    thanhtra: FORBIDDEN,
    truongphong: [201, 201, 422, 422, 422],
    chuyenvien: FORBIDDEN,
    motcua: FORBIDDEN,
    'xa.truongphong': [422, 422, 201, 201, 422],
  },
  'PATCH /officials/{id}': {
    admin: [200, 200, 200, 200, 200],
    lanhdao: FORBIDDEN,
    thanhtra: FORBIDDEN,
    truongphong: [200, 200, 404, 404, 404],
    chuyenvien: FORBIDDEN,
    motcua: FORBIDDEN,
    'xa.truongphong': [404, 404, 200, 200, 404],
  },
  'POST /positions': {
    admin: [201, 201, 201, 201, 201],
    lanhdao: FORBIDDEN,
    thanhtra: FORBIDDEN,
    truongphong: [201, 201, 422, 422, 422],
    chuyenvien: FORBIDDEN,
    motcua: FORBIDDEN,
    'xa.truongphong': [422, 422, 201, 201, 422],
  },
  'PATCH /positions/{id}': {
    admin: [200, 200, 200, 200, 200],
    lanhdao: FORBIDDEN,
    thanhtra: FORBIDDEN,
    truongphong: [200, 200, 404, 404, 404],
    chuyenvien: FORBIDDEN,
    motcua: FORBIDDEN,
    'xa.truongphong': [404, 404, 200, 200, 404],
  },
  'POST /accounts': {
    admin: [201, 201, 201, 201, 201],
    lanhdao: FORBIDDEN,
    thanhtra: FORBIDDEN,
    truongphong: FORBIDDEN,
    chuyenvien: FORBIDDEN,
    motcua: FORBIDDEN,
    'xa.truongphong': FORBIDDEN,
  },
};

type GlobalEndpoint =
  | 'GET /me'
  | 'GET /units'
  | 'GET /officials'
  | 'GET /accounts'
  | 'PATCH /accounts/{id}'
  | 'GET /api-tokens'
  | 'POST /api-tokens'
  | 'DELETE /api-tokens/{id}'
  | 'GET /audit';

/** Endpoints without a target unit: user → expected status. */
const GLOBAL_MATRIX: Record<GlobalEndpoint, Record<User, number>> = {
  'GET /me': { admin: 200, lanhdao: 200, thanhtra: 200, truongphong: 200, chuyenvien: 200, motcua: 200, 'xa.truongphong': 200 },
  'GET /units': { admin: 200, lanhdao: 200, thanhtra: 200, truongphong: 200, chuyenvien: 200, motcua: 200, 'xa.truongphong': 200 },
  'GET /officials': { admin: 200, lanhdao: 200, thanhtra: 200, truongphong: 200, chuyenvien: 200, motcua: 200, 'xa.truongphong': 200 },
  'GET /accounts': { admin: 200, lanhdao: 403, thanhtra: 403, truongphong: 403, chuyenvien: 403, motcua: 403, 'xa.truongphong': 403 },
  'PATCH /accounts/{id}': { admin: 200, lanhdao: 403, thanhtra: 403, truongphong: 403, chuyenvien: 403, motcua: 403, 'xa.truongphong': 403 },
  'GET /api-tokens': { admin: 200, lanhdao: 403, thanhtra: 403, truongphong: 403, chuyenvien: 403, motcua: 403, 'xa.truongphong': 403 },
  'POST /api-tokens': { admin: 201, lanhdao: 403, thanhtra: 403, truongphong: 403, chuyenvien: 403, motcua: 403, 'xa.truongphong': 403 },
  'DELETE /api-tokens/{id}': { admin: 200, lanhdao: 403, thanhtra: 403, truongphong: 403, chuyenvien: 403, motcua: 403, 'xa.truongphong': 403 },
  'GET /audit': { admin: 200, lanhdao: 403, thanhtra: 200, truongphong: 403, chuyenvien: 403, motcua: 403, 'xa.truongphong': 403 },
};

const SCOPED_CASES = (Object.keys(SCOPED_MATRIX) as ScopedEndpoint[]).flatMap((endpoint) =>
  USERS.flatMap((user) =>
    TARGET_ORDER.map((target, i) => ({ endpoint, user, target, code: TARGETS[target], status: SCOPED_MATRIX[endpoint][user][i]! })),
  ),
);
const GLOBAL_CASES = (Object.keys(GLOBAL_MATRIX) as GlobalEndpoint[]).flatMap((endpoint) =>
  USERS.map((user) => ({ endpoint, user, status: GLOBAL_MATRIX[endpoint][user] })),
);

interface TargetFixture {
  unit: Unit;
  /** Subtree of the target, to check that lists stay inside it. */
  subtree: Set<string>;
  head: { id: string; fullName: string; idNumber: string; rank: string | null };
  position: { id: string; title: string };
}

describe.each(BACKENDS)('access matrix on %s', (backend) => {
  let t: TestApp;
  const s = {} as Record<User, Session>;
  let units: Map<string, Unit>;
  const fx = {} as Record<Target, TargetFixture>;
  let throwawayAccount: { id: string; displayName: string };
  let tokenId: string;
  let liveTokenId: string;
  let lanhdaoAccountId: string;
  let caseNo = 0;

  beforeAll(async () => {
    t = await startTestApp(backend);
    for (const u of USERS) s[u] = await login(t.app, u);
    units = await unitsByCode(s.admin);
    const db = t.database.db;
    for (const target of TARGET_ORDER) {
      const unit = units.get(TARGETS[target]);
      if (!unit) throw new Error(`seed lacks unit ${TARGETS[target]}`);
      const head = await db
        .selectFrom('officials')
        .select(['id', 'full_name', 'id_number', 'rank'])
        .where('unit_id', '=', unit.id)
        .where('is_head', '=', true)
        .executeTakeFirstOrThrow();
      const position = await db.selectFrom('positions').select(['id', 'title']).where('unit_id', '=', unit.id).orderBy('code').executeTakeFirstOrThrow();
      fx[target] = {
        unit,
        subtree: subtreeIds(units.values(), unit.id),
        head: { id: head.id, fullName: head.full_name, idNumber: head.id_number, rank: head.rank },
        position,
      };
    }
    const created = await s.admin.request('POST', '/api/v1/accounts', {
      username: 'matrix.target',
      displayName: 'Tài khoản thử ma trận',
      password: 'mat-khau-dai-du-10',
      unitId: fx.own.unit.id,
      roles: ['officer'],
    });
    expect(created.statusCode, created.body).toBe(201);
    throwawayAccount = created.json<{ id: string; displayName: string }>();
    const accounts = await s.admin.request('GET', '/api/v1/accounts?q=lanhdao');
    lanhdaoAccountId = accounts.json<{ items: { id: string; username: string }[] }>().items.find((a) => a.username === 'lanhdao')!.id;
    const token = await s.admin.request('POST', '/api/v1/api-tokens', { name: 'Khóa thử ma trận', accountId: lanhdaoAccountId });
    expect(token.statusCode).toBe(201);
    tokenId = token.json<{ id: string }>().id;
    const live = await s.admin.request('POST', '/api/v1/api-tokens', { name: 'Khóa thử ma trận (còn hiệu lực)', accountId: lanhdaoAccountId });
    liveTokenId = live.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  // ---------------------------------------------------------------- lists never leak
  // These run first, before the matrix adds units and officials.

  describe('lists never leak', () => {
    it('GET /officials paged to the end for truongphong holds only Sở Tư pháp subtree officials, all of them', async () => {
      const stp = fx.own;
      const mine = await allOfficials(s.truongphong, '', 200);
      expect(mine.length).toBeGreaterThan(10);
      for (const o of mine) expect(stp.subtree.has(o.unitId), `${o.fullName} of ${o.unitName} leaked`).toBe(true);
      // Same set as the administrator sees under STP: nothing missing either.
      const adminView = await allOfficials(s.admin, `unitId=${stp.unit.id}`, 200);
      expect(new Set(mine.map((o) => o.id))).toEqual(new Set(adminView.map((o) => o.id)));
      // The whole province is much larger: the scope really filtered something.
      const province = await allOfficials(s.admin, '', 200);
      expect(province.length).toBeGreaterThan(mine.length * 5);
      // Small pages walk the same list in the same order.
      const paged = await allOfficials(s.truongphong, '', 7);
      expect(paged.map((o) => o.id)).toEqual(mine.map((o) => o.id));
    });

    it('GET /units for xa.truongphong holds exactly the ward and its divisions', async () => {
      const ward = fx.other.unit;
      const expected = [...units.values()].filter((u) => u.id === ward.id || u.parentId === ward.id).map((u) => u.id);
      expect(expected).toHaveLength(5);
      for (const q of ['', '?includeInactive=true']) {
        const res = await s['xa.truongphong'].request('GET', `/api/v1/units${q}`);
        expect(res.statusCode).toBe(200);
        const ids = res.json<{ items: Unit[] }>().items.map((u) => u.id);
        expect(new Set(ids)).toEqual(new Set(expected));
        expect(ids).toHaveLength(5);
      }
    });

    it('GET /units?parentId of an out-of-scope unit returns nothing of it', async () => {
      const res = await s['xa.truongphong'].request('GET', `/api/v1/units?parentId=${fx.own.unit.id}`);
      expect([200, 404]).toContain(res.statusCode);
      if (res.statusCode === 200) expect(res.json<{ items: Unit[] }>().items).toEqual([]);
      expect(res.body).not.toContain('Phòng Hành chính tư pháp');
    });

    it('q= search cannot reach outside the scope (officials and units)', async () => {
      const wardHead = fx.other.head;
      const q = encodeURIComponent(wardHead.fullName);
      const adminHits = (await s.admin.request('GET', `/api/v1/officials?q=${q}&limit=200`)).json<Page<OfficialSummary>>().items;
      expect(adminHits.map((o) => o.id)).toContain(wardHead.id);
      for (const user of ['truongphong', 'chuyenvien', 'motcua'] as const) {
        const hits = await allOfficials(s[user], `q=${q}`, 200);
        expect(hits.map((o) => o.id)).not.toContain(wardHead.id);
        for (const o of hits) expect(fx.own.subtree.has(o.unitId)).toBe(true);
      }
      // LIKE wildcards in q are text, not a way around the filter.
      for (const raw of ['%', '_', '\\', '%vinh%']) {
        const hits = await allOfficials(s.truongphong, `q=${encodeURIComponent(raw)}`, 200);
        for (const o of hits) expect(fx.own.subtree.has(o.unitId)).toBe(true);
      }
      const unitQ = encodeURIComponent('Vĩnh Yên');
      expect((await s.admin.request('GET', `/api/v1/units?q=${unitQ}`)).json<{ items: Unit[] }>().items.map((u) => u.id)).toContain(fx.other.unit.id);
      expect((await s.truongphong.request('GET', `/api/v1/units?q=${unitQ}`)).json<{ items: Unit[] }>().items).toEqual([]);
      expect((await s.truongphong.request('GET', '/api/v1/units?q=vinh%20yen')).json<{ items: Unit[] }>().items).toEqual([]);
    });

    it('GET /positions without a filter holds only positions of units in scope', async () => {
      const mine = (await s.truongphong.request('GET', '/api/v1/positions')).json<{ items: Position[] }>().items;
      expect(mine.length).toBeGreaterThanOrEqual(3 * fx.own.subtree.size);
      for (const p of mine) expect(fx.own.subtree.has(p.unitId)).toBe(true);
      const ward = (await s['xa.truongphong'].request('GET', '/api/v1/positions')).json<{ items: Position[] }>().items;
      expect(ward.length).toBeGreaterThan(0);
      for (const p of ward) expect(fx.other.subtree.has(p.unitId)).toBe(true);
    });

    it('unitId= of an out-of-scope unit is 404 for officials and positions lists, and no data comes back', async () => {
      for (const path of ['/api/v1/officials?unitId=', '/api/v1/positions?unitId=']) {
        const res = await s.truongphong.request('GET', `${path}${fx.other.unit.id}`);
        expectProblem(res, 404, 'NOT_FOUND');
        expect(res.body).not.toContain(fx.other.head.fullName);
        expect(res.body).not.toContain(fx.other.unit.name);
      }
    });

    it('a guessed id (valid uuid existing in another unit) answers exactly like an id that does not exist', async () => {
      const nobody = '00000000-0000-4000-8000-000000000000';
      const pairs: [string, string][] = [
        [`/api/v1/officials/${fx.other.head.id}`, `/api/v1/officials/${nobody}`],
        [`/api/v1/units/${fx.other.unit.id}`, `/api/v1/units/${nobody}`],
      ];
      for (const [existing, missing] of pairs) {
        const a = await s.truongphong.request('GET', existing);
        const b = await s.truongphong.request('GET', missing);
        expectProblem(a, 404, 'NOT_FOUND');
        expectProblem(b, 404, 'NOT_FOUND');
        expect(a.body).toBe(b.body);
      }
      const patchA = await s.truongphong.request('PATCH', `/api/v1/officials/${fx.other.head.id}`, { rank: 'Chuyên viên' });
      const patchB = await s.truongphong.request('PATCH', `/api/v1/officials/${nobody}`, { rank: 'Chuyên viên' });
      expectProblem(patchA, 404);
      expect(patchA.body).toBe(patchB.body);
    });

    it('an API token issued for a unit head carries the same unit scope', async () => {
      const accounts = (await s.admin.request('GET', '/api/v1/accounts?q=truongphong')).json<{ items: { id: string; username: string }[] }>().items;
      const accountId = accounts.find((a) => a.username === 'truongphong')!.id;
      const created = await s.admin.request('POST', '/api/v1/api-tokens', { name: 'Khóa của Sở Tư pháp', accountId });
      const { token, id } = created.json<{ token: string; id: string }>();
      const bearer = (url: string) => t.app.inject({ url, headers: { authorization: `Bearer ${token}` } });
      expect((await bearer(`/api/v1/units/${fx.own.unit.id}`)).statusCode).toBe(200);
      expect((await bearer(`/api/v1/units/${fx.other.unit.id}`)).statusCode).toBe(404);
      expect((await bearer(`/api/v1/officials/${fx.other.head.id}`)).statusCode).toBe(404);
      const listed = (await bearer('/api/v1/units')).json<{ items: Unit[] }>().items;
      for (const u of listed) expect(fx.own.subtree.has(u.id)).toBe(true);
      expect((await bearer('/api/v1/accounts')).statusCode).toBe(403);
      await s.admin.request('DELETE', `/api/v1/api-tokens/${id}`);
    });

    it('a unit head cannot move an own official into another unit (422 unitId), and the official stays', async () => {
      const someone = (await s.truongphong.request('GET', `/api/v1/officials?unitId=${fx.sub.unit.id}&limit=1`)).json<Page<OfficialSummary>>().items[0]!;
      for (const target of [fx.other.unit.id, fx.parent.unit.id]) {
        const res = await s.truongphong.request('PATCH', `/api/v1/officials/${someone.id}`, { unitId: target });
        expectProblem(res, 422, 'VALIDATION_FAILED');
        expect(problemFields(res)).toContain('unitId');
      }
      const after = (await s.admin.request('GET', `/api/v1/officials/${someone.id}`)).json<Official>();
      expect(after.unitId).toBe(someone.unitId);
    });
  });

  // ---------------------------------------------------------------- identity masking

  describe('identity number masking in GET /officials/{id}', () => {
    it.each([
      ['admin', 'full'],
      ['truongphong', 'full'],
      ['lanhdao', 'masked'],
      ['thanhtra', 'masked'],
      ['chuyenvien', 'masked'],
      ['motcua', 'masked'],
    ] as const)('%s sees the number of a Sở Tư pháp official %s', async (user, how) => {
      const head = fx.sub.head;
      const res = await s[user].request('GET', `/api/v1/officials/${head.id}`);
      expect(res.statusCode).toBe(200);
      const o = res.json<Official>();
      expect(head.idNumber).toMatch(/^\d{12}$/);
      if (how === 'full') {
        expect(o.idNumber).toBe(head.idNumber);
      } else {
        expect(o.idNumber).toMatch(/^\d{4}\*{6}\d{2}$/);
        expect(o.idNumber).toBe(masked(head.idNumber));
        expect(res.body).not.toContain(head.idNumber);
        expect(o.phone).toBeNull();
      }
    });

    it('the ward head sees full numbers in the ward; the Sở Tư pháp head only masked-or-nothing outside', async () => {
      const wardOfficial = fx.otherSub.head;
      const res = await s['xa.truongphong'].request('GET', `/api/v1/officials/${wardOfficial.id}`);
      expect(res.json<Official>().idNumber).toBe(wardOfficial.idNumber);
      const outside = await s.truongphong.request('GET', `/api/v1/officials/${wardOfficial.id}`);
      expect(outside.statusCode).toBe(404);
      expect(outside.body).not.toContain(wardOfficial.idNumber.slice(4, 10));
    });

    it('the inspector reading the audit log does not get the identity numbers masked elsewhere', async () => {
      const idNumber = freshIdNumber('female', 1991);
      const created = await s.admin.request('POST', '/api/v1/officials', {
        unitId: fx.sub.unit.id,
        fullName: 'Đoàn Thị Kiểm',
        idNumber,
        gender: 'female',
        birthDate: '1991-06-06',
        phone: '0977000111',
      });
      expect(created.statusCode).toBe(201);
      const id = created.json<Official>().id;
      // Elsewhere the inspector sees it masked …
      expect((await s.thanhtra.request('GET', `/api/v1/officials/${id}`)).json<Official>().idNumber).toBe(masked(idNumber));
      // … and the administrator's audit view holds the full record.
      const adminAudit = await s.admin.request('GET', `/api/v1/audit?entityType=official&entityId=${id}`);
      expect(adminAudit.body).toContain(idNumber);
      const inspectorAudit = await s.thanhtra.request('GET', `/api/v1/audit?entityType=official&entityId=${id}`);
      expect(inspectorAudit.statusCode).toBe(200);
      expect(inspectorAudit.json<Page<{ action: string }>>().items.map((e) => e.action)).toEqual(['official.create']);
      expect(inspectorAudit.body).not.toContain(idNumber);
      expect(inspectorAudit.body).not.toContain('0977000111');
    });

    it('leader sees a masked number even for the official linked to their own account', async () => {
      const me = (await s.lanhdao.request('GET', '/api/v1/me')).json<{ officialId: string }>();
      expect(me.officialId).toBe(fx.parent.head.id);
      const o = (await s.lanhdao.request('GET', `/api/v1/officials/${me.officialId}`)).json<Official>();
      expect(o.idNumber).toBe(masked(fx.parent.head.idNumber));
    });
  });

  // ---------------------------------------------------------------- the matrix

  describe('role × target × endpoint', () => {
    async function call(endpoint: ScopedEndpoint, session: Session, target: TargetFixture, succeed: boolean, tag: string) {
      const unitId = target.unit.id;
      switch (endpoint) {
        case 'GET /units/{id}':
          return session.request('GET', `/api/v1/units/${unitId}`);
        case 'GET /officials?unitId':
          return session.request('GET', `/api/v1/officials?unitId=${unitId}&limit=200`);
        case 'GET /officials/{id}':
          return session.request('GET', `/api/v1/officials/${target.head.id}`);
        case 'GET /positions?unitId':
          return session.request('GET', `/api/v1/positions?unitId=${unitId}`);
        case 'POST /units':
          return session.request('POST', '/api/v1/units', { parentId: unitId, code: `MX-${tag}`, name: `Tổ thử ${tag}`, kind: 'division' });
        case 'PATCH /units/{id}':
          return session.request('PATCH', `/api/v1/units/${unitId}`, { name: succeed ? target.unit.name : `Đổi tên trái phép ${tag}` });
        case 'POST /officials':
          return session.request('POST', '/api/v1/officials', {
            unitId,
            fullName: `Nguyễn Văn Thử ${tag}`,
            idNumber: freshIdNumber('male', 1990),
            gender: 'male',
            birthDate: '1990-05-17',
          });
        case 'PATCH /officials/{id}':
          return session.request('PATCH', `/api/v1/officials/${target.head.id}`, { rank: succeed ? target.head.rank : `Ngạch trái phép ${tag}` });
        case 'POST /positions':
          return session.request('POST', '/api/v1/positions', {
            unitId,
            code: `MX-${tag}`,
            title: `Vị trí thử ${tag}`,
            jobDescription: 'Mô tả',
            competencies: [{ name: 'Soạn thảo văn bản', level: 3 }],
          });
        case 'PATCH /positions/{id}':
          return session.request('PATCH', `/api/v1/positions/${target.position.id}`, { title: succeed ? target.position.title : `Trái phép ${tag}` });
        case 'POST /accounts':
          return session.request('POST', '/api/v1/accounts', {
            username: `mx.${tag.toLowerCase()}`,
            displayName: `Tài khoản ${tag}`,
            password: 'mat-khau-dai-du-10',
            unitId,
            roles: ['officer'],
          });
      }
    }

    /** After a refused write: nothing with the case's tag exists and the target is unchanged. */
    async function expectNothingWritten(endpoint: ScopedEndpoint, target: TargetFixture, tag: string) {
      const db = t.database.db;
      switch (endpoint) {
        case 'POST /units':
          expect(await db.selectFrom('units').select('id').where('code', '=', `MX-${tag}`).executeTakeFirst()).toBeUndefined();
          break;
        case 'PATCH /units/{id}':
          expect((await db.selectFrom('units').select('name').where('id', '=', target.unit.id).executeTakeFirstOrThrow()).name).toBe(target.unit.name);
          break;
        case 'POST /officials':
          expect(await db.selectFrom('officials').select('id').where('full_name', '=', `Nguyễn Văn Thử ${tag}`).executeTakeFirst()).toBeUndefined();
          break;
        case 'PATCH /officials/{id}':
          expect((await db.selectFrom('officials').select('rank').where('id', '=', target.head.id).executeTakeFirstOrThrow()).rank).toBe(target.head.rank);
          break;
        case 'POST /positions':
          expect(await db.selectFrom('positions').select('id').where('code', '=', `MX-${tag}`).executeTakeFirst()).toBeUndefined();
          break;
        case 'PATCH /positions/{id}':
          expect((await db.selectFrom('positions').select('title').where('id', '=', target.position.id).executeTakeFirstOrThrow()).title).toBe(target.position.title);
          break;
        case 'POST /accounts':
          expect(await db.selectFrom('accounts').select('id').where('username', '=', `mx.${tag.toLowerCase()}`).executeTakeFirst()).toBeUndefined();
          break;
        default:
          break;
      }
    }

    function expectSuccessBody(endpoint: ScopedEndpoint, res: LightMyRequestResponse, target: TargetFixture) {
      switch (endpoint) {
        case 'GET /units/{id}':
          expect(res.json<Unit>().id).toBe(target.unit.id);
          break;
        case 'GET /officials?unitId': {
          const page = res.json<Page<OfficialSummary>>();
          expect(page.items.length).toBeGreaterThan(0);
          if (!page.nextCursor) expect(page.items.map((o) => o.id)).toContain(target.head.id);
          for (const o of page.items) expect(target.subtree.has(o.unitId)).toBe(true);
          break;
        }
        case 'GET /officials/{id}':
          expect(res.json<Official>().fullName).toBe(target.head.fullName);
          break;
        case 'GET /positions?unitId': {
          const items = res.json<{ items: Position[] }>().items;
          expect(items.map((p) => p.id)).toContain(target.position.id);
          for (const p of items) expect(p.unitId).toBe(target.unit.id);
          break;
        }
        case 'POST /units':
          expect(res.json<Unit>().parentId).toBe(target.unit.id);
          break;
        case 'PATCH /units/{id}':
          expect(res.json<Unit>().name).toBe(target.unit.name);
          break;
        case 'POST /officials':
        case 'POST /positions':
          expect(res.json<{ unitId: string }>().unitId).toBe(target.unit.id);
          break;
        case 'PATCH /officials/{id}':
          expect(res.json<Official>().id).toBe(target.head.id);
          break;
        case 'PATCH /positions/{id}':
          expect(res.json<Position>().id).toBe(target.position.id);
          break;
        case 'POST /accounts':
          expect(res.json<{ unit: { id: string } }>().unit.id).toBe(target.unit.id);
          break;
      }
    }

    it.each(SCOPED_CASES)('$user · $endpoint · $target ($code) → $status', async ({ endpoint, user, target, status }) => {
      const fixture = fx[target];
      const tag = `${backend === 'pglite' ? 'L' : 'P'}${++caseNo}`;
      const res = await call(endpoint, s[user], fixture, status < 300, tag);
      expect(res.statusCode, res.body).toBe(status);
      if (status < 300) {
        expectSuccessBody(endpoint, res, fixture);
        return;
      }
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      // Never the data: a refusal names neither the unit nor the official.
      expect(res.body).not.toContain(fixture.unit.name);
      expect(res.body).not.toContain(fixture.head.fullName);
      expect(res.body).not.toContain(fixture.head.idNumber);
      const code = res.json<{ code: string }>().code;
      if (status === 403) expect(code).toBe('FORBIDDEN');
      if (status === 404) expect(code).toBe('NOT_FOUND');
      if (status === 422) expect(problemFields(res)).toContain('unitId');
      await expectNothingWritten(endpoint, fixture, tag);
    });

    it.each(GLOBAL_CASES)('$user · $endpoint → $status', async ({ endpoint, user, status }) => {
      const session = s[user];
      const succeed = status < 300;
      let res: LightMyRequestResponse;
      switch (endpoint) {
        case 'GET /me':
          res = await session.request('GET', '/api/v1/me');
          break;
        case 'GET /units':
          res = await session.request('GET', '/api/v1/units');
          break;
        case 'GET /officials':
          res = await session.request('GET', '/api/v1/officials?limit=5');
          break;
        case 'GET /accounts':
          res = await session.request('GET', '/api/v1/accounts');
          break;
        case 'PATCH /accounts/{id}':
          res = await session.request('PATCH', `/api/v1/accounts/${throwawayAccount.id}`, {
            displayName: succeed ? throwawayAccount.displayName : 'Đổi tên trái phép',
          });
          break;
        case 'GET /api-tokens':
          res = await session.request('GET', '/api/v1/api-tokens');
          break;
        case 'POST /api-tokens':
          res = await session.request('POST', '/api/v1/api-tokens', { name: `Khóa của ${user}`, accountId: lanhdaoAccountId });
          break;
        case 'DELETE /api-tokens/{id}':
          // The administrator revokes one token; everybody else tries a token that must stay live.
          res = await session.request('DELETE', `/api/v1/api-tokens/${succeed ? tokenId : liveTokenId}`);
          break;
        case 'GET /audit':
          res = await session.request('GET', '/api/v1/audit?limit=5');
          break;
      }
      expect(res.statusCode, res.body).toBe(status);
      if (status === 403) {
        expect(res.json<{ code: string }>().code).toBe('FORBIDDEN');
        expect(res.body).not.toContain('items');
      }
      const db = t.database.db;
      if (endpoint === 'PATCH /accounts/{id}') {
        const row = await db.selectFrom('accounts').select('display_name').where('id', '=', throwawayAccount.id).executeTakeFirstOrThrow();
        expect(row.display_name).toBe(throwawayAccount.displayName);
      }
      if (endpoint === 'POST /api-tokens') {
        const row = await db.selectFrom('api_tokens').select('id').where('name', '=', `Khóa của ${user}`).executeTakeFirst();
        expect(row !== undefined).toBe(succeed);
      }
      if (endpoint === 'DELETE /api-tokens/{id}') {
        const row = await db.selectFrom('api_tokens').select('revoked_at').where('id', '=', succeed ? tokenId : liveTokenId).executeTakeFirstOrThrow();
        expect(row.revoked_at !== null).toBe(succeed);
      }
      if (endpoint === 'GET /units' && succeed) {
        const items = res.json<{ items: Unit[] }>().items;
        expect(items.length).toBeGreaterThan(0);
        if (user === 'truongphong' || user === 'chuyenvien' || user === 'motcua') {
          // The matrix has added units by now: take the subtree from the administrator's current view.
          const stpNow = subtreeIds((await unitsByCode(s.admin)).values(), fx.own.unit.id);
          expect(stpNow.size).toBeGreaterThan(fx.own.subtree.size);
          expect(new Set(items.map((u) => u.id))).toEqual(stpNow);
        }
      }
    });
  });
});
