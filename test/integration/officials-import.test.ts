/**
 * POST /api/v1/officials/import with CSV and XLSX bodies: dry runs, per-row errors with line
 * numbers, idempotent re-imports, unit scope, Unicode normalisation and Excel's number cells.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_HEADERS } from '../../src/domain/org/official-import.ts';
import { type Session, type TestApp, login, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';
import {
  type ImportReport,
  type Official,
  type OfficialSummary,
  type Page,
  type Unit,
  auditHeadSeq,
  auditSince,
  expectProblem,
  freshIdNumber,
  unitsByCode,
} from './org-helpers.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One row in template column order: name, id, sex, birth date, email, phone, rank, kind, party, head, unit, start. */
type Cells = [string, string, string, string, string, string, string, string, string, string, string, string];

function row(p: { name: string; id: string; sex?: string; born?: string; phone?: string; unit: string; head?: string; party?: string }): Cells {
  return [p.name, p.id, p.sex ?? 'Nam', p.born ?? '', '', p.phone ?? '', 'Chuyên viên', 'Công chức', p.party ?? 'Đảng viên', p.head ?? 'Không', p.unit, '01/09/2020'];
}

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function toCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

describe.each(BACKENDS)('officials import on %s', (backend) => {
  let t: TestApp;
  let admin: Session;
  let truongphong: Session;
  let units: Map<string, Unit>;

  beforeAll(async () => {
    t = await startTestApp(backend);
    admin = await login(t.app, 'admin');
    truongphong = await login(t.app, 'truongphong');
    units = await unitsByCode(admin);
  });
  afterAll(async () => {
    await t?.close();
  });

  const importFile = async (session: Session, body: string | Buffer, dryRun: boolean, type = 'text/csv; charset=utf-8') =>
    session.request('POST', `/api/v1/officials/import?dryRun=${dryRun}`, typeof body === 'string' ? Buffer.from(body, 'utf8') : body, { 'content-type': type });

  const report = (res: { statusCode: number; body: string; json: <T>() => T }): ImportReport => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ImportReport>();
  };

  async function officialCount(): Promise<number> {
    const r = await t.database.db.selectFrom('officials').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    return r.n;
  }

  async function byIdNumber(idNumber: string) {
    return t.database.db
      .selectFrom('officials as o')
      .innerJoin('units as u', 'u.id', 'o.unit_id')
      .select(['o.id', 'o.full_name', 'o.id_number', 'o.gender', 'o.birth_date', 'o.phone', 'o.party_role', 'o.is_head', 'u.code as unit_code'])
      .where('o.id_number', '=', idNumber)
      .executeTakeFirst();
  }

  it('the template downloads as UTF-8 CSV with the Vietnamese headers, and its sample row passes a dry run', async () => {
    const res = await truongphong.request('GET', '/api/v1/officials/import-template.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="[\w.-]+\.csv"$/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe(TEMPLATE_HEADERS.join(','));
    expect(lines[0]).toContain('Số định danh cá nhân');
    expect(lines).toHaveLength(2);
    const dry = report(await importFile(admin, res.rawPayload, true));
    expect(dry).toEqual({ dryRun: true, total: 1, created: 1, updated: 0, errors: [] });
    expect((await t.app.inject({ url: '/api/v1/officials/import-template.csv' })).statusCode).toBe(401);
  });

  describe('a CSV with good and bad rows', () => {
    const a = freshIdNumber('male', 1985);
    const b = freshIdNumber('female', 1992);
    const c = freshIdNumber('female', 2001);
    const rows: Cells[] = [
      row({ name: 'Hoàng Văn Nhập', id: a, born: '12/04/1985', unit: 'STP.1' }), // line 2
      row({ name: 'Sai Số Định Danh', id: '12345', unit: 'STP.1' }), // line 3: bad id number
      row({ name: 'Sai Ngày Sinh', id: freshIdNumber('male', 1990), born: '31/02/1990', unit: 'STP.1' }), // line 4: bad date
      row({ name: 'Sai Mã Đơn Vị', id: freshIdNumber('male', 1990), unit: 'KHONG.CO' }), // line 5: unknown unit
      row({ name: 'Lý Thị Nhập', id: b, sex: 'Nữ', born: '1992-08-30', phone: '0912 345 678', unit: 'STP.2' }), // line 6
      row({ name: 'Hoàng Văn Nhập', id: a, born: '12/04/1985', unit: 'STP.3' }), // line 7: same number again in the file
      row({ name: 'Vũ Ngọc Nhập', id: `${c.slice(0, 3)} ${c.slice(3, 6)} ${c.slice(6)}`, sex: 'nu', born: '7/1/2001', unit: 'SNV.1', head: 'x', party: 'Uy vien Ban Chap hanh' }), // line 8
    ];
    const file = toCsv(TEMPLATE_HEADERS, rows);
    const expectedErrors = [
      { line: 3, field: 'idNumber' },
      { line: 4, field: 'birthDate' },
      { line: 5, field: 'unitCode' },
      { line: 7, field: 'idNumber' },
    ];
    const errorsOf = (r: ImportReport) => r.errors.map((e) => ({ line: e.line, field: e.field }));

    it('a dry run reports what would happen and writes nothing', async () => {
      const count = await officialCount();
      const seq = await auditHeadSeq(t.database.db);
      const r = report(await importFile(admin, file, true));
      expect(r).toMatchObject({ dryRun: true, total: 7, created: 3, updated: 0 });
      expect(errorsOf(r)).toEqual(expectedErrors);
      for (const e of r.errors) expect(e.message.length).toBeGreaterThan(5);
      expect(await officialCount()).toBe(count);
      expect(await auditHeadSeq(t.database.db)).toBe(seq);
      expect(await byIdNumber(a)).toBeUndefined();
    });

    it('the real run loads the good rows, reports the bad ones, one audit row per created official', async () => {
      const count = await officialCount();
      const seq = await auditHeadSeq(t.database.db);
      const r = report(await importFile(admin, file, false));
      expect(r).toMatchObject({ dryRun: false, total: 7, created: 3, updated: 0 });
      expect(errorsOf(r)).toEqual(expectedErrors);
      expect(await officialCount()).toBe(count + 3);
      expect(await byIdNumber(a)).toMatchObject({ full_name: 'Hoàng Văn Nhập', unit_code: 'STP.1', gender: 'male', birth_date: '1985-04-12' });
      expect(await byIdNumber(b)).toMatchObject({ full_name: 'Lý Thị Nhập', unit_code: 'STP.2', gender: 'female', birth_date: '1992-08-30', phone: '0912345678' });
      expect(await byIdNumber(c)).toMatchObject({ full_name: 'Vũ Ngọc Nhập', unit_code: 'SNV.1', birth_date: '2001-01-07', is_head: true, party_role: 'committee' });
      const audit = await auditSince(admin, seq);
      expect(audit.map((e) => e.action)).toEqual(['official.import_create', 'official.import_create', 'official.import_create']);
      expect(audit.every((e) => e.actor === 'admin' && e.entityType === 'official')).toBe(true);
      // Nothing from the bad rows got in.
      for (const name of ['Sai Số Định Danh', 'Sai Ngày Sinh', 'Sai Mã Đơn Vị']) {
        const hits = (await admin.request('GET', `/api/v1/officials?q=${encodeURIComponent(name)}&includeInactive=true`)).json<Page<OfficialSummary>>().items;
        expect(hits).toEqual([]);
      }
    });

    it('re-importing the same file creates 0, updates 0 and changes nothing', async () => {
      const count = await officialCount();
      const seq = await auditHeadSeq(t.database.db);
      const before = await byIdNumber(b);
      const r = report(await importFile(admin, file, false));
      expect(r).toMatchObject({ dryRun: false, total: 7, created: 0, updated: 0 });
      expect(errorsOf(r)).toEqual(expectedErrors);
      expect(await officialCount()).toBe(count);
      expect(await auditHeadSeq(t.database.db)).toBe(seq);
      expect(await byIdNumber(b)).toEqual(before);
    });

    it('a changed row updates that one official only', async () => {
      const changed = rows.map((r) => [...r]);
      changed[4]![5] = '0988111222';
      const seq = await auditHeadSeq(t.database.db);
      const r = report(await importFile(admin, toCsv(TEMPLATE_HEADERS, changed), false));
      expect(r).toMatchObject({ created: 0, updated: 1 });
      expect((await byIdNumber(b))?.phone).toBe('0988111222');
      const audit = await auditSince(admin, seq);
      expect(audit.map((e) => e.action)).toEqual(['official.import_update']);
      expect(audit[0]!.after).toMatchObject({ phone: '0988111222' });
    });

    it('the audit row of an import update holds the record before the change too', async () => {
      const changed = rows.map((r) => [...r]);
      changed[4]![5] = '0988333444';
      const seq = await auditHeadSeq(t.database.db);
      expect(report(await importFile(admin, toCsv(TEMPLATE_HEADERS, changed), false))).toMatchObject({ created: 0, updated: 1 });
      const [entry] = await auditSince(admin, seq);
      expect(entry).toMatchObject({ action: 'official.import_update', after: { phone: '0988333444' } });
      expect(entry!.before).toMatchObject({ phone: '0988111222' });
    });
  });

  it('accepts folded headers (no diacritics, underscores)', async () => {
    const id = freshIdNumber('male', 1979);
    const csv = toCsv(['ho va ten', 'so_dinh_danh', 'gioi tinh', 'ngay_sinh', 'ma don vi'], [['Trịnh Văn Gấp', id, 'nam', '02/02/1979', 'STP.4']]);
    const r = report(await importFile(admin, csv, false));
    expect(r).toEqual({ dryRun: false, total: 1, created: 1, updated: 0, errors: [] });
    expect(await byIdNumber(id)).toMatchObject({ full_name: 'Trịnh Văn Gấp', unit_code: 'STP.4', birth_date: '1979-02-02' });
  });

  it('a file without a required column is refused as a whole (400 BAD_FILE)', async () => {
    const csv = toCsv(['Họ và tên', 'Giới tính'], [['Không Có Số', 'Nam']]);
    const res = await importFile(admin, csv, false);
    expectProblem(res, 400, 'BAD_FILE');
    const garbage = await importFile(admin, Buffer.from('PK\u0003\u0004 not really a zip'), false, XLSX_TYPE);
    expectProblem(garbage, 400, 'BAD_FILE');
    const json = await admin.request('POST', '/api/v1/officials/import', { rows: [] });
    expect(json.statusCode).toBe(415);
  });

  it('line numbers count the file lines, blank lines included', async () => {
    const good = freshIdNumber('male', 1991);
    const csv = [TEMPLATE_HEADERS.join(','), row({ name: 'Đỗ Văn Dòng', id: good, unit: 'STP.1' }).join(','), '', row({ name: 'Đỗ Sai Dòng', id: '0790', unit: 'STP.1' }).join(',')].join('\n') + '\n';
    const r = report(await importFile(admin, csv, true));
    expect(r.created).toBe(1);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[4, 'idNumber']]);
  });

  it('decomposed (NFD) Vietnamese names and headers are stored NFC', async () => {
    const id = freshIdNumber('female', 1996);
    const name = 'Nguyễn Thị Hương Giang';
    const nfd = name.normalize('NFD');
    expect(nfd).not.toBe(name);
    const csv = toCsv(TEMPLATE_HEADERS.map((h) => h.normalize('NFD')), [row({ name: nfd, id, sex: 'Nữ'.normalize('NFD'), born: '03/03/1996', unit: 'STP.2' })]);
    const r = report(await importFile(admin, csv, false));
    expect(r).toMatchObject({ created: 1, errors: [] });
    const stored = await byIdNumber(id);
    expect(stored?.full_name).toBe(name);
    expect(stored?.gender).toBe('female');
    const hits = (await admin.request('GET', `/api/v1/officials?q=${encodeURIComponent(name)}`)).json<Page<OfficialSummary>>().items;
    expect(hits.map((h) => h.fullName)).toEqual([name]);
    // Re-importing the NFD file is a no-op: the NFC value already there is the same person.
    const again = report(await importFile(admin, csv, false));
    expect(again).toMatchObject({ created: 0, updated: 0 });
  });

  describe('a unit head imports only into their own subtree', () => {
    it('rows for other units, and numbers of officials outside the subtree, are refused; the rest loads', async () => {
      const inside1 = freshIdNumber('male', 1987);
      const inside2 = freshIdNumber('female', 1993);
      const outsiders = await t.database.db
        .selectFrom('officials')
        .select(['id', 'id_number', 'full_name', 'gender', 'birth_date', 'unit_id'])
        .where('unit_id', '=', units.get('SNV.1')!.id)
        .where('is_head', '=', true)
        .executeTakeFirstOrThrow();
      const born = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
      const rows: Cells[] = [
        row({ name: 'Tạ Văn Trong', id: inside1, unit: 'STP.1' }), // 2 ok
        row({ name: 'Tạ Văn Ngoài', id: freshIdNumber('male', 1987), unit: 'SNV.1' }), // 3 other department
        row({ name: 'Tạ Văn Phường', id: freshIdNumber('male', 1987), unit: 'P.VINHYEN' }), // 4 other commune
        row({ name: 'Tạ Văn Tỉnh', id: freshIdNumber('male', 1987), unit: 'PT' }), // 5 parent
        row({ name: 'Tạ Thị Trong', id: inside2, sex: 'Nữ', unit: 'STP' }), // 6 ok
        row({ name: 'Người Của Sở Khác', id: outsiders.id_number, sex: outsiders.gender === 'female' ? 'Nữ' : 'Nam', born: born(outsiders.birth_date), unit: 'STP.2' }), // 7
      ];
      const count = await officialCount();
      const r = report(await importFile(truongphong, toCsv(TEMPLATE_HEADERS, rows), false));
      expect(r).toMatchObject({ total: 6, created: 2, updated: 0 });
      expect(r.errors.map((e) => [e.line, e.field])).toEqual([
        [3, 'unitCode'],
        [4, 'unitCode'],
        [5, 'unitCode'],
        [7, 'idNumber'],
      ]);
      expect(await officialCount()).toBe(count + 2);
      expect(await byIdNumber(inside1)).toMatchObject({ unit_code: 'STP.1' });
      expect(await byIdNumber(inside2)).toMatchObject({ unit_code: 'STP' });
      // The other department's official was neither moved nor renamed.
      expect(await byIdNumber(outsiders.id_number)).toMatchObject({ id: outsiders.id, full_name: outsiders.full_name, unit_code: 'SNV.1' });
    });

    it('roles without officials.write cannot import at all (403)', async () => {
      const chuyenvien = await login(t.app, 'chuyenvien');
      const csv = toCsv(TEMPLATE_HEADERS, [row({ name: 'Không Được Nhập', id: freshIdNumber('male', 1990), unit: 'STP.3' })]);
      expectProblem(await importFile(chuyenvien, csv, true), 403, 'FORBIDDEN');
    });
  });

  describe('XLSX', () => {
    async function xlsx(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Cán bộ');
      ws.addRow([...TEMPLATE_HEADERS]);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    }

    it('imports an identity number typed as a number (leading 0 dropped) and a date cell', async () => {
      const id = freshIdNumber('male', 1983); // 079…: Excel keeps 79… (11 digits)
      const asNumber = Number(id);
      expect(String(asNumber)).toHaveLength(11);
      const file = await xlsx([['Quách Văn Số', asNumber, 'Nam', new Date(Date.UTC(1983, 10, 20)), '', '', 'Chuyên viên', 'Công chức', 'Không', 'Không', 'STP.3', '01/01/2010']]);
      const dry = report(await importFile(admin, file, true, XLSX_TYPE));
      expect(dry).toEqual({ dryRun: true, total: 1, created: 1, updated: 0, errors: [] });
      expect(await byIdNumber(id)).toBeUndefined();
      const real = report(await importFile(admin, file, false, XLSX_TYPE));
      expect(real).toMatchObject({ created: 1, errors: [] });
      expect(await byIdNumber(id)).toMatchObject({ id_number: id, full_name: 'Quách Văn Số', birth_date: '1983-11-20', unit_code: 'STP.3' });
      const o = (await admin.request('GET', `/api/v1/officials/${(await byIdNumber(id))!.id}`)).json<Official>();
      expect(o.idNumber).toBe(id);
      expect(report(await importFile(admin, file, false, XLSX_TYPE))).toMatchObject({ created: 0, updated: 0, errors: [] });
    });

    it('imports a Hà Nội (001…) identity number typed as a number (two leading zeros dropped)', async () => {
      const id = freshIdNumber('female', 1994, '001');
      const asNumber = Number(id);
      expect(String(asNumber)).toHaveLength(10);
      const file = await xlsx([['Kiều Thị Số', asNumber, 'Nữ', '05/05/1994', '', '', '', '', '', '', 'STP.3', '']]);
      const r = report(await importFile(admin, file, false, XLSX_TYPE));
      expect(r.errors).toEqual([]);
      expect(await byIdNumber(id)).toMatchObject({ id_number: id });
    });

    it('imports a phone number typed as a number (leading 0 dropped)', async () => {
      const id = freshIdNumber('male', 1986);
      const file = await xlsx([['Tô Văn Điện', id, 'Nam', '', '', 912345678, '', '', '', '', 'STP.3', '']]);
      const r = report(await importFile(admin, file, false, XLSX_TYPE));
      expect(r.errors).toEqual([]);
      expect(await byIdNumber(id)).toMatchObject({ phone: '0912345678' });
    });
  });
});
