/**
 * Organisation administration through the HTTP API: units (create, rename, move, deactivate),
 * officials (identity number rules, edit, move, deactivate) and positions, each mutation leaving
 * exactly one audit row with its before/after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';
import {
  type AuditEntry,
  type Official,
  type OfficialSummary,
  type Page,
  type Position,
  type Unit,
  allOfficials,
  auditHeadSeq,
  auditSince,
  expectProblem,
  freshIdNumber,
  problemFields,
  unitsByCode,
} from './org-helpers.ts';

type Json = Record<string, unknown>;

describe.each(BACKENDS)('organisation administration on %s', (backend) => {
  let t: TestApp;
  let admin: Session;
  let truongphong: Session;
  let units: Map<string, Unit>;
  const unit = (code: string): Unit => {
    const u = units.get(code);
    if (!u) throw new Error(`no unit ${code}`);
    return u;
  };

  beforeAll(async () => {
    t = await startTestApp(backend);
    admin = await login(t.app, 'admin');
    truongphong = await login(t.app, 'truongphong');
    units = await unitsByCode(admin);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Runs a mutation and asserts it appended exactly one audit row, which it returns. */
  async function oneAuditRow(action: string, entityId: string | (() => string), mutate: () => Promise<void>): Promise<AuditEntry> {
    const before = await auditHeadSeq(t.database.db);
    await mutate();
    const rows = await auditSince(admin, before);
    expect(rows.map((r) => r.action)).toEqual([action]);
    const row = rows[0]!;
    expect(row.entityId).toBe(typeof entityId === 'string' ? entityId : entityId());
    expect(row.actor).toBe('admin');
    expect(Date.now() - Date.parse(row.at)).toBeLessThan(60_000);
    return row;
  }

  /** Runs a refused mutation and asserts the audit log did not move. */
  async function noAuditRow(mutate: () => Promise<void>) {
    const before = await auditHeadSeq(t.database.db);
    await mutate();
    expect(await auditHeadSeq(t.database.db)).toBe(before);
  }

  async function createUnit(parent: Unit, code: string, name: string, kind = 'division'): Promise<Unit> {
    const res = await admin.request('POST', '/api/v1/units', { parentId: parent.id, code, name, kind });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Unit>();
  }

  async function createOfficial(unitId: string, fullName: string, extra: Json = {}): Promise<Official> {
    const res = await admin.request('POST', '/api/v1/officials', {
      unitId,
      fullName,
      idNumber: freshIdNumber('female', 1988),
      gender: 'female',
      birthDate: '1988-02-29',
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Official>();
  }

  async function unitPath(id: string): Promise<string> {
    return (await t.database.db.selectFrom('units').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
  }

  describe('units', () => {
    it('creates a unit under a parent, with one unit.create audit row', async () => {
      let created: Unit | undefined;
      const row = await oneAuditRow('unit.create', () => created!.id, async () => {
        created = await createUnit(unit('STP'), 'STP.TN', 'Phòng Thử nghiệm');
      });
      expect(created).toMatchObject({ parentId: unit('STP').id, code: 'STP.TN', name: 'Phòng Thử nghiệm', kind: 'division', depth: 2, active: true });
      expect(row.entityType).toBe('unit');
      expect(row.before).toBeNull();
      expect(row.after).toMatchObject({ id: created!.id, code: 'STP.TN', name: 'Phòng Thử nghiệm', parentId: unit('STP').id });
      expect(await unitPath(created!.id)).toBe(`${await unitPath(unit('STP').id)}${created!.id}/`);
      // The unit head of STP sees the new division at once.
      expect((await truongphong.request('GET', `/api/v1/units/${created!.id}`)).statusCode).toBe(200);
    });

    it('refuses a taken code (409) and an unknown parent (422), writing nothing', async () => {
      await noAuditRow(async () => {
        const dup = await admin.request('POST', '/api/v1/units', { parentId: unit('STP').id, code: 'STP.TN', name: 'Trùng mã', kind: 'division' });
        expectProblem(dup, 409, 'UNIT_CODE_TAKEN');
        expect(problemFields(dup)).toEqual(['code']);
        const orphan = await admin.request('POST', '/api/v1/units', {
          parentId: '00000000-0000-4000-8000-000000000001',
          code: 'ORPHAN',
          name: 'Không có cấp trên',
          kind: 'division',
        });
        expectProblem(orphan, 422, 'VALIDATION_FAILED');
        expect(problemFields(orphan)).toEqual(['parentId']);
      });
      expect((await admin.request('GET', '/api/v1/units?q=trung%20ma')).json<{ items: Unit[] }>().items).toEqual([]);
    });

    it('renames a unit: search finds the new name, the audit row holds old and new', async () => {
      const target = await createUnit(unit('STP'), 'STP.RN', 'Phòng Cũ');
      const row = await oneAuditRow('unit.update', target.id, async () => {
        const res = await admin.request('PATCH', `/api/v1/units/${target.id}`, { name: 'Phòng Đổi mới sáng tạo' });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json<Unit>().name).toBe('Phòng Đổi mới sáng tạo');
      });
      expect(row.before).toMatchObject({ name: 'Phòng Cũ' });
      expect(row.after).toMatchObject({ name: 'Phòng Đổi mới sáng tạo' });
      const found = (await admin.request('GET', '/api/v1/units?q=doi%20moi%20sang')).json<{ items: Unit[] }>().items;
      expect(found.map((u) => u.id)).toEqual([target.id]);
      expect((await admin.request('GET', `/api/v1/units?q=${encodeURIComponent('Phòng Cũ')}`)).json<{ items: Unit[] }>().items).toEqual([]);
    });

    describe('move (PATCH parentId)', () => {
      let a: Unit, a1: Unit, a1a: Unit;
      let deepOfficial: Official;
      let subtreeHead: Session;

      beforeAll(async () => {
        a = await createUnit(unit('STP'), 'MV.A', 'Phòng Di chuyển');
        a1 = await createUnit(a, 'MV.A1', 'Tổ Di chuyển 1');
        a1a = await createUnit(a1, 'MV.A1A', 'Nhóm Di chuyển 1a');
        deepOfficial = await createOfficial(a1a.id, 'Đặng Thu Thảo');
        const acc = await admin.request('POST', '/api/v1/accounts', {
          username: 'mv.truongphong',
          displayName: 'Trưởng phòng Di chuyển',
          password: 'mat-khau-dai-du-10',
          unitId: a.id,
          roles: ['unit_head'],
        });
        expect(acc.statusCode, acc.body).toBe(201);
        subtreeHead = await login(t.app, 'mv.truongphong', 'mat-khau-dai-du-10');
      });

      it('moves the whole subtree: paths and depths follow, scopes follow', async () => {
        const target = unit('SNV.1');
        expect(target.depth).toBe(2);
        // Before: inside Sở Tư pháp.
        expect((await truongphong.request('GET', `/api/v1/officials/${deepOfficial.id}`)).statusCode).toBe(200);

        const row = await oneAuditRow('unit.move', a.id, async () => {
          const res = await admin.request('PATCH', `/api/v1/units/${a.id}`, { parentId: target.id });
          expect(res.statusCode, res.body).toBe(200);
          expect(res.json<Unit>()).toMatchObject({ parentId: target.id, depth: 3 });
        });
        expect(row.before).toMatchObject({ parentId: unit('STP').id, depth: 2 });
        expect(row.after).toMatchObject({ parentId: target.id, depth: 3 });

        const targetPath = await unitPath(target.id);
        expect(await unitPath(a.id)).toBe(`${targetPath}${a.id}/`);
        expect(await unitPath(a1.id)).toBe(`${targetPath}${a.id}/${a1.id}/`);
        expect(await unitPath(a1a.id)).toBe(`${targetPath}${a.id}/${a1.id}/${a1a.id}/`);
        const depths = await Promise.all([a1, a1a].map(async (u) => (await admin.request('GET', `/api/v1/units/${u.id}`)).json<Unit>().depth));
        expect(depths).toEqual([4, 5]);

        // The old parent's head lost it, the new parent's subtree holds it.
        expect((await truongphong.request('GET', `/api/v1/units/${a1a.id}`)).statusCode).toBe(404);
        expect((await truongphong.request('GET', `/api/v1/officials/${deepOfficial.id}`)).statusCode).toBe(404);
        const underSnv = await allOfficials(admin, `unitId=${unit('SNV').id}`);
        expect(underSnv.map((o) => o.id)).toContain(deepOfficial.id);
        const underStp = await allOfficials(admin, `unitId=${unit('STP').id}`);
        expect(underStp.map((o) => o.id)).not.toContain(deepOfficial.id);

        // The unit head whose scope is the moved subtree still sees and manages all of it.
        const seen = (await subtreeHead.request('GET', '/api/v1/units')).json<{ items: Unit[] }>().items.map((u) => u.id);
        expect(new Set(seen)).toEqual(new Set([a.id, a1.id, a1a.id]));
        expect((await subtreeHead.request('GET', `/api/v1/officials/${deepOfficial.id}`)).json<Official>().idNumber).toBe(deepOfficial.idNumber);
        const hired = await subtreeHead.request('POST', '/api/v1/officials', {
          unitId: a1.id,
          fullName: 'Lò Văn Páo',
          idNumber: freshIdNumber('male', 1995),
          gender: 'male',
          birthDate: '1995-01-01',
        });
        expect(hired.statusCode, hired.body).toBe(201);
        const outside = await subtreeHead.request('GET', `/api/v1/units/${target.id}`);
        expect(outside.statusCode).toBe(404);
      });

      it('refuses to move a unit into itself or its own descendant (422 parentId), and the root at all', async () => {
        const pathsBefore = await Promise.all([a, a1, a1a].map((u) => unitPath(u.id)));
        await noAuditRow(async () => {
          for (const parentId of [a1a.id, a1.id, a.id]) {
            const res = await admin.request('PATCH', `/api/v1/units/${a.id}`, { parentId });
            expectProblem(res, 422, 'VALIDATION_FAILED');
            expect(problemFields(res)).toEqual(['parentId']);
          }
          const root = await admin.request('PATCH', `/api/v1/units/${unit('PT').id}`, { parentId: unit('STP').id });
          expectProblem(root, 422);
          expect(problemFields(root)).toEqual(['parentId']);
        });
        expect(await Promise.all([a, a1, a1a].map((u) => unitPath(u.id)))).toEqual(pathsBefore);
      });
    });

    it('deactivation is refused with 409 UNIT_NOT_EMPTY while it has active officials or sub-units, allowed once empty', async () => {
      const d = await createUnit(unit('STP'), 'DV.D', 'Phòng Sắp giải thể');
      const d1 = await createUnit(d, 'DV.D1', 'Tổ Sắp giải thể');
      const staff = await createOfficial(d.id, 'Hà Thị Lụa');

      await noAuditRow(async () => {
        const both = await admin.request('PATCH', `/api/v1/units/${d.id}`, { active: false });
        expectProblem(both, 409, 'UNIT_NOT_EMPTY');
        expect(problemFields(both)).toEqual(['active']);
      });
      // Only officials left: still refused.
      const e = await createUnit(unit('STP'), 'DV.E', 'Phòng Chỉ còn người');
      const eStaff = await createOfficial(e.id, 'Vi Văn Khánh');
      expectProblem(await admin.request('PATCH', `/api/v1/units/${e.id}`, { active: false }), 409, 'UNIT_NOT_EMPTY');
      // Move the official out, then it may close.
      expect((await admin.request('PATCH', `/api/v1/officials/${eStaff.id}`, { unitId: unit('STP.1').id })).statusCode).toBe(200);
      expect((await admin.request('PATCH', `/api/v1/units/${e.id}`, { active: false })).statusCode).toBe(200);

      // Only a sub-unit left: still refused.
      expect((await admin.request('PATCH', `/api/v1/officials/${staff.id}`, { active: false })).statusCode).toBe(200);
      expectProblem(await admin.request('PATCH', `/api/v1/units/${d.id}`, { active: false }), 409, 'UNIT_NOT_EMPTY');
      expect((await admin.request('PATCH', `/api/v1/units/${d1.id}`, { active: false })).statusCode).toBe(200);

      const row = await oneAuditRow('unit.deactivate', d.id, async () => {
        const res = await admin.request('PATCH', `/api/v1/units/${d.id}`, { active: false });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json<Unit>().active).toBe(false);
      });
      expect(row.before).toMatchObject({ active: true });
      expect(row.after).toMatchObject({ active: false });

      // Hidden unless includeInactive=true.
      const visible = (await admin.request('GET', `/api/v1/units?q=sap%20giai%20the`)).json<{ items: Unit[] }>().items;
      expect(visible).toEqual([]);
      const all = (await admin.request('GET', `/api/v1/units?q=sap%20giai%20the&includeInactive=true`)).json<{ items: Unit[] }>().items;
      expect(all.map((u) => [u.code, u.active]).sort()).toEqual([
        ['DV.D', false],
        ['DV.D1', false],
      ]);
      const stpChildren = (await truongphong.request('GET', `/api/v1/units?parentId=${unit('STP').id}`)).json<{ items: Unit[] }>().items;
      expect(stpChildren.map((u) => u.code)).not.toContain('DV.D');
      // Nothing new can be placed under a closed unit.
      const under = await admin.request('POST', '/api/v1/units', { parentId: d.id, code: 'DV.D2', name: 'Tổ mới', kind: 'division' });
      expectProblem(under, 422);
      expect(problemFields(under)).toEqual(['parentId']);
    });

    it('the root unit cannot be deactivated', async () => {
      await noAuditRow(async () => {
        const res = await admin.request('PATCH', `/api/v1/units/${unit('PT').id}`, { active: false });
        expectProblem(res, 422);
        expect(problemFields(res)).toEqual(['active']);
      });
      expect((await admin.request('GET', `/api/v1/units/${unit('PT').id}`)).json<Unit>().active).toBe(true);
    });
  });

  describe('officials', () => {
    it('creates officials with valid numbers (male 1900s, female 2000s); the audit row holds the record', async () => {
      const male = freshIdNumber('male', 1990);
      expect(male).toMatch(/^0790\d{2}/);
      let created: Official | undefined;
      const row = await oneAuditRow('official.create', () => created!.id, async () => {
        const res = await admin.request('POST', '/api/v1/officials', {
          unitId: unit('STP.1').id,
          fullName: 'Trần Quốc Toản',
          idNumber: male,
          gender: 'male',
          birthDate: '1990-07-01',
          email: 'toan.tq@phutho.gov.vn',
          phone: '0912345678',
          rank: 'Chuyên viên',
        });
        expect(res.statusCode, res.body).toBe(201);
        created = res.json<Official>();
      });
      expect(created).toMatchObject({ unitId: unit('STP.1').id, fullName: 'Trần Quốc Toản', idNumber: male, gender: 'male', birthDate: '1990-07-01', active: true });
      expect(row.entityType).toBe('official');
      expect(row.before).toBeNull();
      expect(row.after).toMatchObject({ id: created!.id, id_number: male, full_name: 'Trần Quốc Toản', unit_id: unit('STP.1').id });

      const female2000s = freshIdNumber('female', 2005);
      expect(female2000s.slice(3, 6)).toBe('305');
      const res = await admin.request('POST', '/api/v1/officials', {
        unitId: unit('STP.1').id,
        fullName: 'Nguyễn Ngọc Ánh',
        idNumber: female2000s,
        gender: 'female',
        birthDate: '2005-12-31',
      });
      expect(res.statusCode, res.body).toBe(201);
      expect((await admin.request('GET', `/api/v1/officials/${res.json<Official>().id}`)).json<Official>().idNumber).toBe(female2000s);
    });

    it.each([
      ['11 digits', '07909012345', {}],
      ['13 digits', '0790901234567', {}],
      ['letters', '07909O123456', {}],
      ['unknown province 003', '003090123456', {}],
      ['birth year differs (90 vs 1991)', '079090123456', { birthDate: '1991-01-01' }],
      ['sex differs (male digit, female person)', '079090123457', { gender: 'female' }],
      ['century differs (2 = male 2000s, born 1990)', '079290123458', { gender: 'male' }],
      ['female 1900s digit for a man', '079190123459', { gender: 'male' }],
    ])('refuses an identity number: %s → 422 idNumber, nothing written', async (_label, idNumber, extra) => {
      await noAuditRow(async () => {
        const res = await admin.request('POST', '/api/v1/officials', {
          unitId: unit('STP.1').id,
          fullName: 'Phạm Sai Số',
          idNumber,
          gender: 'male',
          birthDate: '1990-03-03',
          ...extra,
        });
        expectProblem(res, 422, 'VALIDATION_FAILED');
        expect(problemFields(res)).toEqual(['idNumber']);
      });
      const found = (await admin.request('GET', `/api/v1/officials?q=${encodeURIComponent('Phạm Sai Số')}`)).json<Page<OfficialSummary>>().items;
      expect(found).toEqual([]);
    });

    it('refuses a duplicate number with 409 ID_NUMBER_TAKEN (new or seeded, on create and on edit)', async () => {
      const idNumber = freshIdNumber('male', 1980);
      const first = await createOfficial(unit('STP.2').id, 'Lê Văn Một', { idNumber, gender: 'male', birthDate: '1980-01-01' });
      const seeded = await t.database.db
        .selectFrom('officials')
        .select(['id_number', 'gender', 'birth_date'])
        .where('unit_id', '=', unit('SNV').id)
        .where('is_head', '=', true)
        .executeTakeFirstOrThrow();
      await noAuditRow(async () => {
        const again = await admin.request('POST', '/api/v1/officials', { unitId: unit('STP.3').id, fullName: 'Lê Văn Hai', idNumber, gender: 'male', birthDate: '1980-05-05' });
        expectProblem(again, 409, 'ID_NUMBER_TAKEN');
        expect(problemFields(again)).toEqual(['idNumber']);
        const seededDup = await admin.request('POST', '/api/v1/officials', {
          unitId: unit('STP.3').id,
          fullName: 'Lê Văn Ba',
          idNumber: seeded.id_number,
          gender: seeded.gender,
          birthDate: seeded.birth_date,
        });
        expectProblem(seededDup, 409, 'ID_NUMBER_TAKEN');
        const other = await someSeededOfficialId();
        const edit = await admin.request('PATCH', `/api/v1/officials/${other}`, { idNumber, gender: 'male', birthDate: '1980-01-01' });
        expectProblem(edit, 409, 'ID_NUMBER_TAKEN');
      });
      expect((await admin.request('GET', `/api/v1/officials/${first.id}`)).json<Official>().fullName).toBe('Lê Văn Một');
    });

    /** A seeded official of STP.3, read from the database (no API call, so no audit row). */
    async function someSeededOfficialId(): Promise<string> {
      const row = await t.database.db
        .selectFrom('officials')
        .select('id')
        .where('unit_id', '=', unit('STP.3').id)
        .where('is_head', '=', false)
        .orderBy('sort_key')
        .executeTakeFirstOrThrow();
      return row.id;
    }

    it('edits an official: names are stored NFC, the audit row holds before and after', async () => {
      const o = await createOfficial(unit('STP.2').id, 'Bùi Thị Xuân');
      const decomposed = 'Bùi Thị Xuân Mai'.normalize('NFD');
      expect(decomposed).not.toBe('Bùi Thị Xuân Mai');
      const row = await oneAuditRow('official.update', o.id, async () => {
        const res = await admin.request('PATCH', `/api/v1/officials/${o.id}`, { fullName: decomposed, phone: '0987654321', rank: 'Chuyên viên chính' });
        expect(res.statusCode, res.body).toBe(200);
      });
      const after = (await admin.request('GET', `/api/v1/officials/${o.id}`)).json<Official>();
      expect(after.fullName).toBe('Bùi Thị Xuân Mai');
      expect(after).toMatchObject({ phone: '0987654321', rank: 'Chuyên viên chính', idNumber: o.idNumber, unitId: o.unitId });
      expect(row.before).toMatchObject({ full_name: 'Bùi Thị Xuân', phone: null, rank: null });
      expect(row.after).toMatchObject({ full_name: 'Bùi Thị Xuân Mai', phone: '0987654321', rank: 'Chuyên viên chính' });
      const hits = (await admin.request('GET', '/api/v1/officials?q=bui%20thi%20xuan%20mai')).json<Page<OfficialSummary>>().items;
      expect(hits.map((h) => h.id)).toEqual([o.id]);
    });

    it('a partial PATCH of an official keeps isHead, partyRole and employmentType it does not mention', async () => {
      const head = await t.database.db
        .selectFrom('officials')
        .select(['id', 'is_head', 'party_role', 'employment_type'])
        .where('unit_id', '=', unit('SNV').id)
        .where('is_head', '=', true)
        .executeTakeFirstOrThrow();
      expect(head.party_role).toBe('committee');
      const res = await admin.request('PATCH', `/api/v1/officials/${head.id}`, { phone: '0911222333' });
      expect(res.statusCode, res.body).toBe(200);
      const after = await t.database.db
        .selectFrom('officials')
        .select(['phone', 'is_head', 'party_role', 'employment_type'])
        .where('id', '=', head.id)
        .executeTakeFirstOrThrow();
      expect(after).toEqual({ phone: '0911222333', is_head: true, party_role: head.party_role, employment_type: head.employment_type });
    });

    it('moves an official to another unit (official.move); the old unit no longer lists them', async () => {
      const position = (await admin.request('GET', `/api/v1/positions?unitId=${unit('STP.2').id}`)).json<{ items: Position[] }>().items[0]!;
      const o = await createOfficial(unit('STP.2').id, 'Mạc Thị Bưởi', { positionId: position.id });
      expect(o.positionId).toBe(position.id);
      const row = await oneAuditRow('official.move', o.id, async () => {
        const res = await admin.request('PATCH', `/api/v1/officials/${o.id}`, { unitId: unit('SNV.2').id });
        expect(res.statusCode, res.body).toBe(200);
        // The old unit's position does not travel with them.
        expect(res.json<Official>()).toMatchObject({ unitId: unit('SNV.2').id, positionId: null });
      });
      expect(row.before).toMatchObject({ unit_id: unit('STP.2').id, position_id: position.id });
      expect(row.after).toMatchObject({ unit_id: unit('SNV.2').id, position_id: null });
      const oldList = await allOfficials(admin, `unitId=${unit('STP.2').id}`);
      expect(oldList.map((x) => x.id)).not.toContain(o.id);
      const newList = await allOfficials(admin, `unitId=${unit('SNV.2').id}`);
      expect(newList.map((x) => x.id)).toContain(o.id);
      expect((await truongphong.request('GET', `/api/v1/officials/${o.id}`)).statusCode).toBe(404);
    });

    it('deactivates an official (active:false): hidden from lists unless includeInactive=true', async () => {
      const o = await createOfficial(unit('STP.4').id, 'Cầm Thị Nguyệt');
      const listed = async (query: string) => (await allOfficials(admin, query)).map((x) => x.id);
      expect(await listed(`unitId=${unit('STP.4').id}`)).toContain(o.id);
      const row = await oneAuditRow('official.deactivate', o.id, async () => {
        const res = await admin.request('PATCH', `/api/v1/officials/${o.id}`, { active: false });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json<Official>().active).toBe(false);
      });
      expect(row.before).toMatchObject({ active: true });
      expect(row.after).toMatchObject({ active: false });
      expect(await listed(`unitId=${unit('STP.4').id}`)).not.toContain(o.id);
      expect(await listed(`unitId=${unit('STP.4').id}&includeInactive=true`)).toContain(o.id);
      expect((await admin.request('GET', `/api/v1/officials?q=cam%20thi%20nguyet`)).json<Page<OfficialSummary>>().items).toEqual([]);
      const withInactive = (await admin.request('GET', `/api/v1/officials?q=cam%20thi%20nguyet&includeInactive=true`)).json<Page<OfficialSummary>>().items;
      expect(withInactive.map((x) => [x.id, x.active])).toEqual([[o.id, false]]);
      // The unit's count of active officials drops too.
      const stp4 = (await admin.request('GET', `/api/v1/units?q=${encodeURIComponent(unit('STP.4').code)}`)).json<{ items: Unit[] }>().items.find((u) => u.id === unit('STP.4').id)!;
      const activeCount = (await allOfficials(admin, `unitId=${unit('STP.4').id}`)).filter((x) => x.unitId === unit('STP.4').id).length;
      expect(stp4.officialCount).toBe(activeCount);
    });
  });

  describe('positions', () => {
    it('creates a position with job description and competencies (position.create), then updates it (position.update)', async () => {
      const input = {
        unitId: unit('STP.3').id,
        code: 'STP.3.PCTH',
        title: 'Chuyên viên phổ biến, giáo dục pháp luật',
        jobDescription: 'Tham mưu xây dựng kế hoạch phổ biến, giáo dục pháp luật; tổ chức tuyên truyền tại cơ sở.',
        competencies: [
          { name: 'Hiểu biết pháp luật', level: 4 },
          { name: 'Kỹ năng truyền đạt', level: 3 },
        ],
      };
      let created: Position | undefined;
      const row = await oneAuditRow('position.create', () => created!.id, async () => {
        const res = await admin.request('POST', '/api/v1/positions', input);
        expect(res.statusCode, res.body).toBe(201);
        created = res.json<Position>();
      });
      expect(created).toMatchObject({ ...input, active: true });
      expect(row.entityType).toBe('position');
      expect(row.before).toBeNull();
      expect(row.after).toMatchObject({ title: input.title, job_description: input.jobDescription, competencies: input.competencies });

      const listed = (await truongphong.request('GET', `/api/v1/positions?unitId=${unit('STP.3').id}`)).json<{ items: Position[] }>().items;
      expect(listed.find((p) => p.id === created!.id)).toEqual({ ...input, id: created!.id, active: true });

      const update = await oneAuditRow('position.update', created!.id, async () => {
        const res = await admin.request('PATCH', `/api/v1/positions/${created!.id}`, { competencies: [{ name: 'Hiểu biết pháp luật', level: 5 }] });
        expect(res.statusCode, res.body).toBe(200);
      });
      expect(update.before).toMatchObject({ competencies: input.competencies });
      expect(update.after).toMatchObject({ competencies: [{ name: 'Hiểu biết pháp luật', level: 5 }] });

      // Assign an official to it; a position of another unit is refused.
      const o = await createOfficial(unit('STP.3').id, 'Đinh Công Tráng', { positionId: created!.id });
      expect((await admin.request('GET', `/api/v1/officials/${o.id}`)).json<OfficialSummary & { positionTitle: string | null }>().positionTitle).toBe(input.title);
      const wrong = await admin.request('PATCH', `/api/v1/officials/${o.id}`, { unitId: unit('STP.1').id, positionId: created!.id });
      expectProblem(wrong, 422);
      expect(problemFields(wrong)).toEqual(['positionId']);
    });

    it('a partial PATCH of a position keeps the job description and competencies it does not mention', async () => {
      const input = {
        unitId: unit('STP.4').id,
        title: 'Chuyên viên kiểm tra văn bản',
        jobDescription: 'Kiểm tra văn bản quy phạm pháp luật do cấp xã ban hành.',
        competencies: [{ name: 'Kỹ thuật soạn thảo văn bản', level: 4 }],
      };
      const created = await admin.request('POST', '/api/v1/positions', input);
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json<Position>().id;
      const row = await oneAuditRow('position.update', id, async () => {
        const res = await admin.request('PATCH', `/api/v1/positions/${id}`, { title: 'Chuyên viên chính kiểm tra văn bản' });
        expect(res.statusCode, res.body).toBe(200);
      });
      expect(row.after).toMatchObject({ title: 'Chuyên viên chính kiểm tra văn bản' });
      const listed = (await admin.request('GET', `/api/v1/positions?unitId=${unit('STP.4').id}`)).json<{ items: Position[] }>().items;
      expect(listed.find((p) => p.id === id)).toMatchObject({
        title: 'Chuyên viên chính kiểm tra văn bản',
        jobDescription: input.jobDescription,
        competencies: input.competencies,
      });
    });

    it('rejects a competency level outside 1–5 with a field path', async () => {
      await noAuditRow(async () => {
        const res = await admin.request('POST', '/api/v1/positions', {
          unitId: unit('STP.3').id,
          title: 'Sai mức',
          competencies: [{ name: 'Quá cao', level: 7 }],
        });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(problemFields(res)).toEqual(['competencies.0.level']);
      });
    });
  });

  describe('bad input is never a 500', () => {
    it.each([
      ['NUL in a unit name', '/api/v1/units', { code: 'NUL.1', name: 'Phòng\u0000Lỗi', kind: 'division' }],
      ['NUL in an official name', '/api/v1/officials', { fullName: 'Nguyễn\u0000Văn', idNumber: '079090654321', gender: 'male', birthDate: '1990-01-01' }],
    ])('%s → 4xx problem', async (_label, url, body) => {
      const payload = url.endsWith('units') ? { parentId: unit('STP').id, ...body } : { unitId: unit('STP.1').id, ...body };
      await noAuditRow(async () => {
        const res = await admin.request('POST', url, payload);
        expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, res.body).toBeLessThan(500);
      });
    });
  });
});
