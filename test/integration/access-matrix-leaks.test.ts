/**
 * "Nothing leaks", module by module: what a scoped user's lists, searches (q=, without diacritics)
 * and exported files hold; a joint inspection seen from each inspected unit; file ids borrowed
 * from another unit's object; personal data on the public routes (citizen lookup, complaints,
 * Open311, transparency portal); identifiers that could be guessed in sequence. The status matrix
 * itself: access-matrix-modules.
 */
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';
import {
  APPLICANT_NAME,
  type FixtureContext,
  MONTH,
  type ModuleFixture,
  PROCEDURE_NAME,
  type Person,
  TASK_TITLE,
  type Target,
  TARGET_ORDER,
  type User,
  YEAR,
  asCitizen,
  buildFixture,
  createConcludedInspection,
  fixtureContext,
  ghostFixture,
  openSessions,
  pdfText,
  xlsxCells,
} from './access-matrix-fixtures.ts';
import { createApiKey, revokeApiKey } from '../../src/server/modules/oversight/api-key.service.ts';
import { masked } from './org-helpers.ts';

type Scoped = 'truongphong' | 'chuyenvien' | 'motcua' | 'xa.truongphong';
/** The scoped users and the target that is their own unit. */
const HOME: Record<Scoped, Target> = { truongphong: 'own', chuyenvien: 'own', motcua: 'own', 'xa.truongphong': 'other' };
const SCOPED = Object.keys(HOME) as Scoped[];
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe.each(BACKENDS)('nothing leaks from the modules on %s', (backend) => {
  let t: TestApp;
  let s: Record<User, Session>;
  let ctx: FixtureContext;
  const fx = {} as Record<Target, ModuleFixture>;
  /** Unit id → name, and each scoped user's subtree. */
  let unitNames: Map<string, string>;
  let joint: { id: string; stp: Person; ward: Person };

  beforeAll(async () => {
    t = await startTestApp(backend);
    s = await openSessions(t);
    ctx = await fixtureContext(t, s);
    for (const target of TARGET_ORDER) fx[target] = await buildFixture(ctx, target);
    unitNames = new Map([...ctx.units.values()].map((u) => [u.id, u.name]));
    // One inspection of both Sở Tư pháp and Phường Vĩnh Yên, each with its own finding and violation.
    const stp = fx.own.member;
    const ward = fx.other.member;
    const made = await createConcludedInspection(ctx, [{ unitId: fx.own.unit.id, official: stp }, { unitId: fx.other.unit.id, official: ward }], 'Kiểm tra liên ngành ma trận');
    joint = { id: made.id, stp, ward };
  });
  afterAll(async () => {
    await t?.close();
  });

  const home = (user: Scoped) => fx[HOME[user]];
  const get = async (user: User, url: string) => {
    const res = await s[user].request('GET', url);
    expect(res.statusCode, `${user} GET ${url}: ${res.body.slice(0, 200)}`).toBe(200);
    return res;
  };
  const items = <T>(res: LightMyRequestResponse) => res.json<{ items: T[] }>().items;
  const expectInside = (user: Scoped, unitIds: (string | null)[], what: string) => {
    for (const id of unitIds) expect(id !== null && home(user).subtree.has(id), `${user}: ${what} of ${id ? unitNames.get(id) : 'no unit'}`).toBe(true);
  };

  /** Follows nextCursor to the end. */
  async function all<T>(user: User, url: string): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const res = await get(user, `${url}${url.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      const body = res.json<{ items: T[]; nextCursor: string | null }>();
      out.push(...body.items);
      if (!body.nextCursor) return out;
      cursor = body.nextCursor;
    }
    throw new Error('paging did not end');
  }

  describe('lists of a scoped user hold only their subtree', () => {
    it.each(SCOPED)('%s: dossiers in every queue, procedures, commitments', async (user) => {
      for (const queue of ['all', 'mine', 'due_soon', 'overdue', 'awaiting_supplement', 'to_receive', 'to_return', 'flagged']) {
        const list = await all<{ id: string; unitId: string }>(user, `/api/v1/dossiers?queue=${queue}`);
        expectInside(user, list.map((d) => d.unitId), `dossier in queue ${queue}`);
        if (queue === 'all') {
          expect(list.map((d) => d.id)).toContain(home(user).dossier.id);
          // Nothing missing either: the same set the administrator sees under the unit.
          const adminView = await all<{ id: string }>('admin', `/api/v1/dossiers?unitId=${home(user).unit.id}`);
          expect(new Set(list.map((d) => d.id))).toEqual(new Set(adminView.map((d) => d.id)));
        }
      }
      expectInside(user, items<{ unitId: string }>(await get(user, '/api/v1/procedures?includeInactive=true')).map((p) => p.unitId), 'procedure');
      expectInside(user, items<{ unitId: string }>(await get(user, `/api/v1/commitments?year=${YEAR}`)).map((c) => c.unitId), 'commitment');
    });

    it.each(SCOPED)('%s: tasks of every view are held or assigned within the subtree', async (user) => {
      const prefix = (await t.database.db.selectFrom('units').select('path').where('id', '=', home(user).unit.id).executeTakeFirstOrThrow()).path;
      for (const view of ['all', 'unit', 'mine', 'assigned', 'bounced']) {
        const list = await all<{ id: string }>(user, `/api/v1/tasks?view=${view}`);
        if (list.length === 0) continue;
        const rows = await t.database.db.selectFrom('tasks').select(['id', 'unit_path', 'assigner_unit_path']).where('id', 'in', list.map((x) => x.id)).execute();
        for (const r of rows) expect(r.unit_path.startsWith(prefix) || r.assigner_unit_path.startsWith(prefix), `${user} sees task ${r.id} (${view})`).toBe(true);
      }
    });

    it.each(['truongphong', 'xa.truongphong'] as const)('%s: complaints, inspections, violations, evaluation, dashboards', async (user) => {
      const mine = home(user);
      const complaints = await all<{ id: string; unitId: string | null }>(user, '/api/v1/complaints');
      expectInside(user, complaints.map((c) => c.unitId), 'complaint');
      expect(complaints.map((c) => c.id)).toContain(mine.complaint.id);
      for (const i of items<{ targets: { id: string }[] }>(await get(user, '/api/v1/inspections'))) expect(i.targets.some((x) => mine.subtree.has(x.id))).toBe(true);
      expectInside(user, items<{ unitId: string }>(await get(user, '/api/v1/violations?limit=500')).map((v) => v.unitId), 'violation');
      const names = new Set([...mine.subtree].map((id) => unitNames.get(id)));
      for (const c of items<{ unitName: string }>(await get(user, `/api/v1/evaluation/unit-month?month=${MONTH}`))) expect(names.has(c.unitName), `${user}: scorecard of ${c.unitName}`).toBe(true);
      for (const q of items<{ unitName: string }>(await get(user, `/api/v1/commitments/hard-task-quotas?year=${YEAR}`))) expect(names.has(q.unitName), `${user}: quota of ${q.unitName}`).toBe(true);
      const flat = (await get(user, `/api/v1/evaluation/flat-units?month=${MONTH}`)).json<{ units: { unitId: string }[] }>();
      expectInside(user, flat.units.map((u) => u.unitId), 'flat unit');
      expectInside(user, (await get(user, `/api/v1/metrics/tree?period=month&at=${MONTH}`)).json<{ nodes: { id: string }[] }>().nodes.map((n) => n.id), 'tree node');
      expectInside(user, items<{ unitId: string }>(await get(user, `/api/v1/metrics/heads?period=month&at=${MONTH}`)).map((h) => h.unitId), 'head ranked');
      const overview = (await get(user, `/api/v1/metrics/overview?period=month&at=${MONTH}`)).json<{ unit: { id: string }; children: { unitId: string }[] }>();
      expect(overview.unit.id).toBe(mine.unit.id);
      expectInside(user, overview.children.map((c) => c.unitId), 'ranked child');
    });

    it('discipline and commendation books stay in the unit', async () => {
      const res = await s.admin.request('POST', '/api/v1/evaluation/discipline', { officialId: fx.other.member.id, form: 'warning', dutyRelated: true, decisionNo: 'QĐ-MA-TRAN-1', decidedAt: `${YEAR}-02-01`, reason: 'Vi phạm kiểm thử' });
      expect(res.statusCode).toBe(201);
      const books = async (user: User) => (await get(user, `/api/v1/evaluation/discipline?year=${YEAR}`)).body;
      expect(await books('xa.truongphong')).toContain('QĐ-MA-TRAN-1');
      expect(await books('lanhdao')).toContain('QĐ-MA-TRAN-1');
      expect(await books('truongphong')).not.toContain('QĐ-MA-TRAN-1');
      expect(await books('truongphong')).not.toContain(fx.other.member.fullName);
    });
  });

  describe('search (q=) ignores diacritics and never crosses the scope', () => {
    const dossierHits = async (user: User, q: string) =>
      items<{ id: string; applicantName: string }>(await get(user, `/api/v1/dossiers?q=${encodeURIComponent(q)}&limit=200`)).filter((d) => d.applicantName === APPLICANT_NAME).map((d) => d.id);

    it.each(['dang thi ma tran', 'ĐẶNG THỊ MA TRẬN', APPLICANT_NAME, 'DANG thi Ma'])('dossiers by applicant "%s"', async (q) => {
      expect(new Set(await dossierHits('admin', q))).toEqual(new Set(TARGET_ORDER.map((x) => fx[x].dossier.id)));
      for (const user of SCOPED) expect(await dossierHits(user, q), user).toEqual([home(user).dossier.id]);
    });

    it('dossiers by code: another unit\'s code finds nothing, as an unknown code does', async () => {
      for (const user of SCOPED) {
        for (const target of TARGET_ORDER) {
          const hits = items<{ id: string }>(await get(user, `/api/v1/dossiers?q=${encodeURIComponent(fx[target].dossier.code.toLowerCase())}`)).map((d) => d.id);
          expect(hits, `${user} searching the ${target} code`).toEqual(target === HOME[user] ? [fx[target].dossier.id] : []);
        }
      }
    });

    it('tasks and procedures by their words without diacritics', async () => {
      const taskIds = TARGET_ORDER.map((x) => fx[x].taskId);
      const procIds = TARGET_ORDER.map((x) => fx[x].procedure.id);
      const found = async (user: User) => ({
        tasks: items<{ id: string }>(await get(user, `/api/v1/tasks?view=all&q=${encodeURIComponent('nhiem vu KIEM THU ma tran')}&limit=200`)).map((x) => x.id).filter((id) => taskIds.includes(id)),
        procedures: items<{ id: string }>(await get(user, `/api/v1/procedures?q=${encodeURIComponent('thu tuc kiem thu MA TRAN')}`)).map((x) => x.id).filter((id) => procIds.includes(id)),
      });
      expect(await found('admin')).toEqual({ tasks: expect.arrayContaining(taskIds), procedures: expect.arrayContaining(procIds) });
      for (const user of SCOPED) expect(await found(user), user).toEqual({ tasks: [home(user).taskId], procedures: [home(user).procedure.id] });
      expect(TASK_TITLE).toContain('ma trận');
      expect(PROCEDURE_NAME).toContain('ma trận');
    });

    it('LIKE wildcards in q are plain text, not a way around the filter', async () => {
      for (const q of ['%', '_', '\\', '%ma%tran%']) {
        for (const user of SCOPED) {
          expectInside(user, items<{ unitId: string }>(await get(user, `/api/v1/dossiers?q=${encodeURIComponent(q)}&limit=200`)).map((d) => d.unitId), `dossier found by ${q}`);
          expectInside(user, items<{ unitId: string }>(await get(user, `/api/v1/procedures?q=${encodeURIComponent(q)}`)).map((p) => p.unitId), `procedure found by ${q}`);
        }
      }
    });
  });

  describe('exported reports hold only the caller\'s units', () => {
    /** Names of units outside `target`'s subtree that no unit inside it shares. */
    const outsideNames = (target: Target) => {
      const inside = new Set([...fx[target].subtree].map((id) => unitNames.get(id)));
      return [...ctx.units.values()].filter((u) => !fx[target].subtree.has(u.id) && !inside.has(u.name)).map((u) => u.name);
    };

    it.each(['truongphong', 'xa.truongphong'] as const)('%s: the XLSX rows and the PDF text', async (user) => {
      const mine = home(user);
      const xlsx = await get(user, `/api/v1/metrics/reports/file?period=month&at=${MONTH}&format=xlsx`);
      const cells = new Set(await xlsxCells(xlsx.rawPayload));
      expect([...cells].join('\n')).toContain(mine.unit.name);
      for (const name of outsideNames(HOME[user])) expect(cells.has(name), `${user}'s XLSX names ${name}`).toBe(false);
      const pdf = pdfText((await get(user, `/api/v1/metrics/reports/file?period=month&at=${MONTH}&format=pdf`)).rawPayload).replace(/\s+/g, ' ');
      expect(pdf).toContain(mine.unit.name);
      for (const target of TARGET_ORDER.filter((x) => x !== HOME[user])) expect(pdf, `${user}'s PDF`).not.toContain(fx[target].unit.name);
    });
  });

  describe('a joint inspection shows each inspected unit only its own part', () => {
    const findingOf = (unitId: string) => `Phát hiện riêng của đơn vị ${unitId}`;
    it.each([
      ['truongphong', 'own', 'other'],
      ['xa.truongphong', 'other', 'own'],
    ] as const)('%s', async (user, mineKey, otherKey) => {
      const [mine, other] = [fx[mineKey], fx[otherKey]];
      const [me, them] = mineKey === 'own' ? [joint.stp, joint.ward] : [joint.ward, joint.stp];
      const res = await get(user, `/api/v1/inspections/${joint.id}`);
      const body = res.json<{ answers: { targetUnitId: string }[]; findings: { targetUnitId: string | null; text: string }[]; targetOfficials: Person[] }>();
      expect(body.answers.map((a) => a.targetUnitId)).toEqual([mine.unit.id]);
      expect(body.findings.map((f) => f.text)).toEqual([findingOf(mine.unit.id)]);
      expect(body.targetOfficials.map((o) => o.id)).toEqual([me.id]);
      expect(res.body).not.toContain(them.fullName);
      expect(res.body).not.toContain(findingOf(other.unit.id));
      const pdf = pdfText((await get(user, `/api/v1/inspections/${joint.id}/conclusion.pdf`)).rawPayload).replace(/\s+/g, ' ');
      expect(pdf).toContain(me.fullName);
      expect(pdf).not.toContain(them.fullName);
      expect(pdf).not.toContain(`Vi phạm ghi nhận tại đơn vị ${other.unit.id}`);
      const leader = (await get('lanhdao', `/api/v1/inspections/${joint.id}`)).body;
      for (const p of [me, them]) expect(leader).toContain(p.fullName);
    });
  });

  describe('ids borrowed from another unit\'s object', () => {
    it('a file id of another unit\'s dossier, task or inspection under an own object answers as a missing file', async () => {
      const nobody = ghostFixture(fx.own);
      for (const user of ['truongphong', 'chuyenvien'] as const) {
        const pairs: [string, string][] = [
          [`/api/v1/dossiers/${fx.own.dossier.id}/files/${fx.other.dossierFileId}`, `/api/v1/dossiers/${fx.own.dossier.id}/files/${nobody.dossierFileId}`],
          [`/api/v1/tasks/${fx.own.taskId}/files/${fx.other.taskFileId}`, `/api/v1/tasks/${fx.own.taskId}/files/${nobody.taskFileId}`],
        ];
        if (user === 'truongphong') pairs.push([`/api/v1/inspections/${fx.own.inspectionId}/photos/${fx.other.photoId}`, `/api/v1/inspections/${fx.own.inspectionId}/photos/${nobody.photoId}`]);
        for (const [borrowed, missing] of pairs) {
          const a = await s[user].request('GET', borrowed);
          const b = await s[user].request('GET', missing);
          expect(a.statusCode, borrowed).toBe(404);
          expect(a.body).toBe(b.body);
        }
      }
    });

    it('a commitment cannot be linked to another unit\'s task (whose status it would show)', async () => {
      const link = (taskId: string) => s.truongphong.request('POST', '/api/v1/commitments', { year: YEAR, kind: 'hard_task', unitId: fx.own.unit.id, title: `Việc khó ${taskId}`, taskId });
      for (const taskId of [fx.other.taskId, fx.parent.taskId, ghostFixture(fx.own).taskId]) {
        const res = await link(taskId);
        expect(res.statusCode, taskId).toBe(422);
        expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['taskId']);
        expect(await t.database.db.selectFrom('commitments').select('id').where('title', '=', `Việc khó ${taskId}`).executeTakeFirst()).toBeUndefined();
      }
      const own = await link(fx.own.taskId);
      expect(own.statusCode).toBe(201);
      expect(own.json().taskStatus).toBe('open');
    });

    it('every object and file id is a random (v4) UUID, not a counter', () => {
      for (const f of Object.values(fx)) {
        for (const id of [f.dossier.id, f.dossierFileId, f.taskId, f.taskFileId, f.commitmentId, f.complaint.id, f.complaint.token, f.inspectionId, f.photoId, f.violationId, f.remediationId]) expect(id).toMatch(UUID_V4);
      }
    });
  });

  describe('personal data', () => {
    it('identity numbers are full only for who works the dossier; printed slips and the audit log mask them', async () => {
      const d = fx.own.dossier;
      expect((await get('truongphong', `/api/v1/dossiers/${d.id}`)).json().applicant.idNumber).toBe(d.idNumber);
      for (const user of ['lanhdao', 'thanhtra'] as const) {
        const res = await get(user, `/api/v1/dossiers/${d.id}`);
        expect(res.json().applicant.idNumber).toBe(masked(d.idNumber));
        expect(res.body).not.toContain(d.idNumber);
        const slip = pdfText((await get(user, `/api/v1/dossiers/${d.id}/forms/receipt`)).rawPayload);
        expect(slip).not.toContain(d.idNumber);
        expect(slip).toContain(masked(d.idNumber));
      }
      const audit = await get('thanhtra', `/api/v1/audit?entityType=dossier&entityId=${d.id}`);
      expect(items(audit).length).toBeGreaterThan(0);
      for (const secret of [d.idNumber, d.phone, d.email, d.address]) expect(audit.body).not.toContain(secret);
    });

    it('a scorecard\'s owner never learns who scored them; the head does', async () => {
      const me = (await get('chuyenvien', '/api/v1/me')).json<{ officialId: string }>();
      const card = items<{ id: string; officialId: string; month: string; peers: unknown }>(await get('chuyenvien', '/api/v1/evaluation/me')).find((c) => c.month === MONTH)!;
      expect(card.officialId).toBe(me.officialId);
      expect(card.peers).toBeNull();
      expect((await get('chuyenvien', `/api/v1/evaluation/scorecards/${card.id}`)).json().peers).toBeNull();
      expect(Array.isArray((await get('truongphong', `/api/v1/evaluation/scorecards/${card.id}`)).json().peers)).toBe(true);
    });

    it('the citizen\'s dossier lookup: masked name, no identity number, phone, e-mail or address', async () => {
      for (const target of TARGET_ORDER) {
        const d = fx[target].dossier;
        const res = await asCitizen(t, 'GET', `/api/v1/public/dossiers/${encodeURIComponent(d.code)}`);
        expect(res.statusCode).toBe(200);
        expect(res.json().applicantName).toBe('Đặng T** M* T***');
        for (const secret of [d.idNumber, d.idNumber.slice(4, 10), d.phone, d.phone.slice(-6), d.email, d.address, 'Thị Ma Trận', fx[target].dossier.id]) expect(res.body).not.toContain(secret);
      }
    });

    it('complaints on the public page and through Open311: no description, names, contact or address', async () => {
      const secretsOf = (f: ModuleFixture) => [f.complaint.description, f.complaint.phone, f.complaint.phone.slice(-6), 'Lê Văn Khiếu', 'khieu.', f.head.fullName, f.complaint.id];
      for (const target of TARGET_ORDER) {
        const f = fx[target];
        const pages = [
          `/api/v1/public/complaints/${f.complaint.trackingCode}`,
          `/open311/v2/requests/${f.complaint.trackingCode}.json`,
          `/open311/v2/requests/${f.complaint.trackingCode}.xml`,
          `/open311/v2/tokens/${f.complaint.token}.json`,
        ];
        for (const url of pages) {
          const res = await asCitizen(t, 'GET', url);
          expect(res.statusCode, url).toBe(200);
          for (const secret of secretsOf(f)) expect(res.body, url).not.toContain(secret);
        }
      }
      const list = await asCitizen(t, 'GET', '/open311/v2/requests.json');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(fx.own.complaint.trackingCode);
      for (const target of TARGET_ORDER) for (const secret of secretsOf(fx[target])) expect(list.body).not.toContain(secret);
    });

    it('the transparency portal and public figures name no person', async () => {
      const heads = await t.database.db.selectFrom('officials').select('full_name').where('is_head', '=', true).execute();
      for (const url of [`/api/v1/public/metrics/portal?period=month&at=${MONTH}`, `/api/v1/public/metrics/units?from=${YEAR}-01-01&to=${MONTH}-28`]) {
        const res = await asCitizen(t, 'GET', url);
        expect(res.statusCode, url).toBe(200);
        for (const h of heads) expect(res.body.includes(h.full_name), `${url} names ${h.full_name}`).toBe(false);
        // Phone- or identity-number-like runs of digits (not the tail of a unit's UUID).
        expect(res.body, url).not.toMatch(/(?<![-\w])(0\d{9}|\d{12})(?![-\w])/);
      }
    });
  });

  describe('Open311 api keys', () => {
    it('filing through Open311 needs a live api_key: none, a wrong or a revoked one write nothing', async () => {
      const db = t.database.db;
      const live = await createApiKey(db, 'Ứng dụng ma trận', 'test');
      const revoked = await createApiKey(db, 'Ứng dụng ma trận đã thu hồi', 'test');
      await revokeApiKey(db, revoked.id, 'test');
      const file = (key: string | null, text: string) =>
        t.app.inject({
          method: 'POST',
          url: '/open311/v2/requests.json',
          remoteAddress: '203.0.113.9',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ ...(key ? { api_key: key } : {}), service_code: 'delay', description: text, email: 'dan@example.vn' }).toString(),
        });
      const count = async () => (await db.selectFrom('complaints').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
      const before = await count();
      for (const key of [null, 'o311_khong-dung', revoked.key]) {
        const res = await file(key, `Hồ sơ trễ hẹn, gửi qua Open311 bằng khóa ${key ?? 'trống'}`);
        expect(res.statusCode, String(key)).toBe(403);
        expect(res.json()).toEqual([{ code: 403, description: expect.any(String) }]);
      }
      expect(await count()).toBe(before);
      expect((await file(live.key, 'Hồ sơ trễ hẹn, gửi qua Open311 bằng khóa còn hiệu lực')).statusCode).toBe(201);
      expect(await count()).toBe(before + 1);
    });
  });

  describe('identifiers that could be guessed in sequence', () => {
    it('complaint tracking codes carry a random part: a neighbour of a real code is not found', async () => {
      const codes = TARGET_ORDER.map((x) => fx[x].complaint.trackingCode);
      for (const code of codes) expect(code).toMatch(/^PA-\d{6}-[A-Z2-9]{5}$/);
      expect(new Set(codes.map((c) => c.slice(-5))).size).toBe(codes.length);
      const code = codes[0]!;
      const last = code.at(-1)!;
      const neighbour = `${code.slice(0, -1)}${last === 'Z' ? 'Y' : String.fromCharCode(last.charCodeAt(0) + 1)}`;
      const [real, guessed] = [await asCitizen(t, 'GET', `/api/v1/public/complaints/${code}`), await asCitizen(t, 'GET', `/api/v1/public/complaints/${neighbour}`)];
      expect(real.statusCode).toBe(200);
      expect(guessed.statusCode).toBe(404);
      expect((await asCitizen(t, 'GET', `/open311/v2/requests/${neighbour}.json`)).statusCode).toBe(404);
    });

    it('dossier codes and task or inspection numbers are never a key of a scoped route', async () => {
      // The scoped routes take random UUIDs only; a code or a number in the id's place is a 400, not a lookup.
      for (const url of [`/api/v1/dossiers/${encodeURIComponent(fx.other.dossier.code)}`, '/api/v1/tasks/1', '/api/v1/inspections/1', `/api/v1/complaints/${fx.other.complaint.trackingCode}`]) {
        const res = await s.truongphong.request('GET', url);
        expect(res.statusCode, url).toBe(400);
        expect(res.body).not.toContain(fx.other.unit.name);
      }
      const taskNo = await t.database.db.selectFrom('tasks').select(sql<number>`max(no)::int`.as('n')).executeTakeFirstOrThrow();
      expect(taskNo.n).toBeGreaterThan(1);
    });

    // The dossier lookup answers to the code alone, like the national portal: codes follow the
    // national pattern and can be guessed, so the public answer holds nothing personal beyond the
    // masked name (docs/security.md §9, a deliberate choice); the tests above check it has no
    // identity number, phone or address, and the lookup's rate limit is tested in security.test.ts.
  });
});
