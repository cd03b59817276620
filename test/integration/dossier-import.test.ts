/**
 * Importing dossier histories from an existing one-stop system: CSV, JSON Lines, the integration
 * endpoint with API token and Idempotency-Key, and the `congvu import dossiers` CLI — on both backends.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { Database } from '../../src/server/db/database.ts';
import { randomUUID } from 'node:crypto';
import { groupImportEvents, parseImportRow } from '../../src/domain/dossiers/import-row.ts';
import { verifyAuditChain } from '../../src/server/modules/audit/verify-audit.ts';
import { loadWorkingCalendar } from '../../src/server/modules/calendar/calendar.service.ts';
import { openImportFile, readImportFile } from '../../src/server/modules/dossiers/dossier-import-file.ts';
import { type BatchEnv, SnapshotMoved, prepareBatch, writeBatch } from '../../src/server/modules/dossiers/dossier-import-batch.ts';
import { replayHistory } from '../../src/server/modules/dossiers/dossier-import-replay.ts';
import { jsonWriter } from '../../src/server/modules/dossiers/dossier-import.store.ts';
import { type ImportSummary, importDossierInput, importDossiers } from '../../src/server/modules/dossiers/dossier-import.service.ts';
import { recordDossierStep } from '../../src/server/modules/dossiers/dossier-steps.ts';
import { verifyMetrics } from '../../src/server/modules/metrics/metrics.service.ts';
import { findProcedureById } from '../../src/server/modules/procedures/procedure.store.ts';
import { integrationRoutes } from '../../src/server/modules/dossiers/integration.routes.ts';
import { seedDemo } from '../../src/server/seed/seed.ts';
import { createStorage } from '../../src/server/storage/file-storage.ts';
import { login } from '../support/app.ts';
import { BACKENDS, type Backend, type TestDatabase, createTestDatabase } from '../support/databases.ts';
import { runCli } from '../support/cli.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ENDPOINT = '/api/v1/integrations/dossier-events';

/** The CLI command runs once it is registered in src/cli/main.ts (`registerImportCommands(program)`). */
const cliRegistered = (() => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/congvu.mjs'), 'import', 'dossiers', '--help'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  return r.status === 0 && r.stdout.includes('--source');
})();

/** The whole HTTP app plus the integration routes (added here until app.ts lists them), on a seeded database. */
async function startImportApp(backend: Backend): Promise<{ app: FastifyInstance; database: TestDatabase; close(): Promise<void> }> {
  const database = await createTestDatabase(backend);
  await seedDemo(database.db, { volume: 0.02 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-files-'));
  const config = { ...loadConfig({}), databaseUrl: database.url, dataDir };
  const app = await buildApp({ db: database.db, config });
  if (!app.hasRoute({ method: 'POST', url: ENDPOINT })) await integrationRoutes(app, { db: database.db, readDb: database.db, config, storage: createStorage(dataDir) });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}


const COLUMNS = ['ma_ho_so', 'ma_thu_tuc', 'ma_don_vi', 'kenh', 'ho_ten', 'so_dinh_danh', 'dien_thoai', 'email', 'dia_chi', 'su_kien', 'thoi_gian', 'trang_thai', 'ly_do', 'ngay_hen_moi', 'ket_qua', 'giay_to_bo_sung', 'nguoi_xu_ly'] as const;
type Row = Partial<Record<(typeof COLUMNS)[number], string | number>>;

/** A CSV file (header on line 1, so rows[i] is on line i + 2), every cell quoted. */
function csv(rows: Row[]): string {
  const cell = (v: string | number | undefined) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

const t = (day: string, time: string) => `2026-10-${day}T${time}:00+07:00`;
const applicant = (name: string, id: string): Row => ({ ma_thu_tuc: 'TP.LLTP', ma_don_vi: 'STP', ho_ten: name, so_dinh_danh: id, dien_thoai: '0912345678', email: 'dan@example.vn', dia_chi: 'Phường Việt Trì, Phú Thọ' });

/** Three complete histories: returned after one supplement; online, apologised and rejected; withdrawn. */
function fullHistories(prefix: string, handler: { idNumber: string; email: string }): Row[] {
  return [
    { ma_ho_so: `${prefix}-A`, ...applicant('Nguyễn Văn An', '025090001234'), kenh: '1', su_kien: 'create', thoi_gian: t('05', '08:00'), trang_thai: 2 },
    { ma_ho_so: `${prefix}-A`, su_kien: 'assign', thoi_gian: t('05', '09:00'), nguoi_xu_ly: handler.idNumber, trang_thai: 4 },
    { ma_ho_so: `${prefix}-A`, su_kien: 'request_supplement', thoi_gian: t('06', '10:00'), giay_to_bo_sung: 'Bản sao CCCD; Tờ khai có chữ ký', trang_thai: 5 },
    { ma_ho_so: `${prefix}-A`, su_kien: 'complete_supplement', thoi_gian: t('08', '09:00'), trang_thai: 4 },
    { ma_ho_so: `${prefix}-A`, su_kien: 'propose', thoi_gian: t('12', '09:00'), ket_qua: 'approved' },
    { ma_ho_so: `${prefix}-A`, su_kien: 'decide', thoi_gian: t('13', '10:00'), ket_qua: 'approved', trang_thai: 9 },
    { ma_ho_so: `${prefix}-A`, su_kien: 'return_result', thoi_gian: t('14', '08:30'), trang_thai: 10 },
    // Rows of one dossier need not be in time order in the file.
    { ma_ho_so: `${prefix}-B`, su_kien: 'receive', thoi_gian: t('06', '08:00'), trang_thai: 2 },
    { ma_ho_so: `${prefix}-B`, ...applicant('Trần Thị Bình', '025190004321'), kenh: 'online', su_kien: 'submit', thoi_gian: t('05', '20:00'), trang_thai: 1 },
    { ma_ho_so: `${prefix}-B`, su_kien: 'assign', thoi_gian: t('06', '09:00'), nguoi_xu_ly: handler.email },
    { ma_ho_so: `${prefix}-B`, su_kien: 'apologize', thoi_gian: t('15', '09:00'), ngay_hen_moi: '2026-10-27', ly_do: 'Chờ kết quả xác minh của cơ quan công an' },
    { ma_ho_so: `${prefix}-B`, su_kien: 'decide', thoi_gian: t('22', '10:00'), ket_qua: 'rejected', ly_do: 'Không đủ điều kiện cấp phiếu' },
    { ma_ho_so: `${prefix}-B`, su_kien: 'return_result', thoi_gian: t('23', '09:00'), trang_thai: 10 },
    { ma_ho_so: `${prefix}-C`, ...applicant('Lê Văn Cường', '025090005678'), kenh: '3', su_kien: 'create', thoi_gian: t('07', '14:00') },
    { ma_ho_so: `${prefix}-C`, su_kien: 'withdraw', thoi_gian: t('08', '09:00'), ly_do: 'Công dân xin rút hồ sơ', trang_thai: 7 },
  ];
}

async function counts(db: Database) {
  const n = async (table: 'dossiers' | 'dossier_events' | 'audit_log' | 'dossier_steps' | 'dossier_counters' | 'outbox' | 'idempotency_keys') =>
    Number((await db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
  return {
    dossiers: await n('dossiers'),
    events: await n('dossier_events'),
    audit: await n('audit_log'),
    steps: await n('dossier_steps'),
    counters: await n('dossier_counters'),
    outbox: await n('outbox'),
    keys: await n('idempotency_keys'),
  };
}

const SYSTEM = () => ({ actor: null, ip: null, now: new Date() });

async function importCsv(db: Database, rows: Row[], source: string): Promise<ImportSummary> {
  const read = await readImportFile(Buffer.from(csv(rows)), 'csv');
  return importDossiers(db, SYSTEM(), read.rows, { source, unreadable: read.unreadable });
}

describe.each(BACKENDS)('dossier import on %s', (backend) => {
  let env: Awaited<ReturnType<typeof startImportApp>>;
  let db: Database;
  let handler: { idNumber: string; email: string; id: string };

  beforeAll(async () => {
    env = await startImportApp(backend);
    db = env.database.db;
    const official = await db
      .selectFrom('accounts as a')
      .innerJoin('officials as o', 'o.id', 'a.official_id')
      .select(['o.id', 'o.id_number', 'o.email'])
      .where('a.username', '=', 'chuyenvien')
      .executeTakeFirstOrThrow();
    handler = { id: official.id, idNumber: official.id_number, email: official.email! };
  });
  afterAll(async () => {
    await env?.close();
  });

  const byRef = (ref: string) => db.selectFrom('dossiers').selectAll().where('external_ref', '=', ref).executeTakeFirst();
  const eventsOf = (id: string) => db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', id).orderBy('seq').execute();

  it('imports full histories from CSV, replayed through the lifecycle rules with their source times', async () => {
    const before = await counts(db);
    const summary = await importCsv(db, fullHistories('CSV', handler), 'motcua-cu');
    expect(summary).toEqual({ dossiersCreated: 3, dossiersUpdated: 0, eventsAdded: 15, eventsSkipped: 0, errors: [] });

    const a = (await byRef('motcua-cu:CSV-A'))!;
    expect(a).toMatchObject({ status: 'returned', status_code: 10, outcome: 'approved', supplement_count: 1, handler_id: handler.id, channel: 'counter', applicant_name: 'Nguyễn Văn An' });
    expect(a.code).toMatch(/^000\.00\.\d{2}\.H47-261005-\d{4,}$/);
    expect(a.submitted_at.toISOString()).toBe('2026-10-05T01:00:00.000Z');
    expect(a.received_at!.toISOString()).toBe('2026-10-05T01:00:00.000Z');
    const aEvents = await eventsOf(a.id);
    expect(aEvents.map((e) => [e.seq, e.type, e.status, e.actor])).toEqual([
      [1, 'create', 'received', 'import:motcua-cu'],
      [2, 'assign', 'processing', 'import:motcua-cu'],
      [3, 'request_supplement', 'awaiting_supplement', 'import:motcua-cu'],
      [4, 'complete_supplement', 'processing', 'import:motcua-cu'],
      [5, 'propose', 'processing', 'import:motcua-cu'],
      [6, 'decide', 'result_ready', 'import:motcua-cu'],
      [7, 'return_result', 'returned', 'import:motcua-cu'],
    ]);
    expect(aEvents[2]!.at.toISOString()).toBe('2026-10-06T03:00:00.000Z');
    expect(aEvents[2]!.data).toMatchObject({ items: ['Bản sao CCCD', 'Tờ khai có chữ ký'] });
    expect(aEvents[0]!.data).toMatchObject({ channel: 'counter', source: 'motcua-cu', sourceCode: 'CSV-A' });

    const b = (await byRef('motcua-cu:CSV-B'))!;
    expect(b).toMatchObject({ status: 'returned', outcome: 'rejected', apology_count: 1, channel: 'online' });
    expect(b.due_at!.toISOString()).toBe('2026-10-27T10:00:00.000Z');
    expect(b.legal_due_at!.getTime()).toBeLessThan(b.due_at!.getTime());
    expect(b.submitted_at.toISOString()).toBe('2026-10-05T13:00:00.000Z');
    expect((await eventsOf(b.id)).map((e) => e.type)).toEqual(['create', 'receive', 'assign', 'apologize', 'decide', 'return_result']);

    const c = (await byRef('motcua-cu:CSV-C'))!;
    expect(c).toMatchObject({ status: 'withdrawn', status_code: 7, channel: 'postal' });

    const after = await counts(db);
    expect(after.dossiers - before.dossiers).toBe(3);
    expect(after.events - before.events).toBe(15);
    expect(after.audit - before.audit).toBe(3);
    // History is not news: nothing is sent to citizens for imported events.
    expect(after.outbox).toBe(before.outbox);

    // The staff see the imported timeline like any other.
    const head = await login(env.app, 'truongphong');
    const detail = (await head.request('GET', `/api/v1/dossiers/${a.id}`)).json();
    expect(detail.timeline.map((e: { at: string }) => e.at)[0]).toBe('2026-10-05T01:00:00.000Z');
    expect(detail.applicant.idNumber).toBe('025090001234');
    const audit = await db.selectFrom('audit_log').selectAll().where('entity_id', '=', a.id).execute();
    expect(audit.map((r) => [r.action, r.actor])).toEqual([['dossier.import_create', 'import:motcua-cu']]);
    // The code, taken at write time after the row was rendered, is in the row and in its hash.
    expect(audit[0]!.after).toMatchObject({ code: a.code, externalRef: 'motcua-cu:CSV-A' });
    expect((await verifyAuditChain(db)).problem).toBeNull();
  });

  it('re-importing the same file changes nothing: no new rows, no new audit rows', async () => {
    const before = await counts(db);
    const summary = await importCsv(db, fullHistories('CSV', handler), 'motcua-cu');
    expect(summary).toEqual({ dossiersCreated: 0, dossiersUpdated: 0, eventsAdded: 0, eventsSkipped: 15, errors: [] });
    expect(await counts(db)).toEqual(before);
  });

  it('brings an imported dossier forward with later events and refuses events older than its stored history', async () => {
    const opening: Row[] = [
      { ma_ho_so: 'INC-1', ...applicant('Phạm Thị Dung', '025190007777'), kenh: '1', su_kien: 'create', thoi_gian: t('19', '08:00') },
      { ma_ho_so: 'INC-1', su_kien: 'assign', thoi_gian: t('19', '09:00'), nguoi_xu_ly: handler.idNumber },
    ];
    expect(await importCsv(db, opening, 'motcua-cu')).toMatchObject({ dossiersCreated: 1, eventsAdded: 2, errors: [] });
    const later: Row[] = [
      ...opening,
      { ma_ho_so: 'INC-1', su_kien: 'propose', thoi_gian: t('21', '09:00'), ket_qua: 'approved' },
      { ma_ho_so: 'INC-1', su_kien: 'decide', thoi_gian: t('22', '09:00'), ket_qua: 'approved', trang_thai: 9 },
    ];
    expect(await importCsv(db, later, 'motcua-cu')).toEqual({ dossiersCreated: 0, dossiersUpdated: 1, eventsAdded: 2, eventsSkipped: 2, errors: [] });
    const d = (await byRef('motcua-cu:INC-1'))!;
    expect(d.status).toBe('result_ready');
    const audit = await db.selectFrom('audit_log').select('action').where('entity_id', '=', d.id).orderBy('seq').execute();
    expect(audit.map((r) => r.action)).toEqual(['dossier.import_create', 'dossier.import_update']);

    const before = await counts(db);
    const older = await importCsv(db, [{ ma_ho_so: 'INC-1', su_kien: 'record_visit', thoi_gian: t('20', '09:00') }], 'motcua-cu');
    expect(older.errors).toEqual([expect.objectContaining({ line: 2, field: 'thoi_gian', code: 'OUT_OF_ORDER' })]);
    expect(await counts(db)).toEqual(before);
  });

  it('imports JSON Lines with the same keys; a broken line keeps its dossier out and the rest loads', async () => {
    const lines = [
      { ma_ho_so: 'J-1', ma_thu_tuc: 'TP.DGV', ma_don_vi: 'STP', kenh: 2, ho_ten: 'Đỗ Văn Giang', so_dinh_danh: '025090002222', dien_thoai: '0987654321', su_kien: 'create', thoi_gian: '2026-10-12T01:30:00Z', trang_thai: 2 },
      { ma_ho_so: 'J-1', su_kien: 'assign', thoi_gian: '2026-10-12T09:00:00+07:00', nguoi_xu_ly: handler.idNumber, trang_thai: 4 },
      { ma_ho_so: 'J-1', su_kien: 'request_supplement', thoi_gian: '2026-10-13T09:00:00+07:00', giay_to_bo_sung: ['Ảnh 2x3', 'Đơn đề nghị có chữ ký'] },
      { ma_ho_so: 'J-1', su_kien: 'close_incomplete', thoi_gian: '2026-11-10T09:00:00+07:00', trang_thai: 8 },
      { ma_ho_so: 'J-2', ma_thu_tuc: 'TP.DGV', ma_don_vi: 'STP', kenh: 1, ho_ten: 'Vũ Thị Hạnh', so_dinh_danh: '025190003333', dien_thoai: '0987654322', su_kien: 'create', thoi_gian: '2026-10-12T10:00:00+07:00' },
    ].map((o) => JSON.stringify(o));
    const text = [...lines, '', '{"ma_ho_so": "J-2", "su_kien": "stop", "thoi_gian": oops}', '[1,2]'].join('\n');
    const read = await readImportFile(Buffer.from(text), 'jsonl');
    const summary = await importDossiers(db, SYSTEM(), read.rows, { source: 'motcua-cu', unreadable: read.unreadable });
    expect(summary).toMatchObject({ dossiersCreated: 1, eventsAdded: 4 });
    expect(summary.errors.map((e) => [e.line, e.code])).toEqual([
      [5, 'DOSSIER_HAS_BAD_ROWS'],
      [7, 'UNREADABLE_LINE'],
      [8, 'UNREADABLE_LINE'],
    ]);
    expect(await byRef('motcua-cu:J-1')).toMatchObject({ status: 'stopped', status_code: 8, channel: 'online' });
    expect(await byRef('motcua-cu:J-2')).toBeUndefined();
  });

  it('imports an XLSX sheet: numbers typed by Excel keep their leading zeros', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Hồ sơ');
    sheet.addRow(['Mã hồ sơ', 'Mã thủ tục', 'Mã đơn vị', 'Kênh', 'Họ và tên', 'Số định danh', 'Điện thoại', 'Sự kiện', 'Thời gian', 'Trạng thái']);
    sheet.addRow(['X-1', 'TP.LLTP', 'STP', 1, 'Trịnh Văn Hùng', 25090004567, 912345670, 'create', '2026-10-16T08:00:00+07:00', 2]);
    sheet.addRow(['X-1', '', '', '', '', '', '', 'withdraw', '2026-10-16T10:00:00+07:00', 7]);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const read = await readImportFile(data, 'xlsx');
    // A withdrawal without its reason keeps the whole dossier out; the opening alone loads; the fixed file brings it forward.
    expect(await importDossiers(db, SYSTEM(), read.rows, { source: 'excel' })).toMatchObject({ dossiersCreated: 0, errors: [expect.objectContaining({ line: 2 }), expect.objectContaining({ line: 3, field: 'ly_do' })] });
    expect(await importDossiers(db, SYSTEM(), read.rows.slice(0, 1), { source: 'excel' })).toMatchObject({ dossiersCreated: 1, eventsAdded: 1, errors: [] });
    read.rows[1] = { line: 3, values: { ...read.rows[1]!.values, ly_do: 'Công dân xin rút' } };
    expect(await importDossiers(db, SYSTEM(), read.rows, { source: 'excel' })).toEqual({ dossiersCreated: 0, dossiersUpdated: 1, eventsAdded: 1, eventsSkipped: 1, errors: [] });
    expect(await byRef('excel:X-1')).toMatchObject({ status: 'withdrawn', applicant_id_number: '025090004567', applicant_phone: '0912345670' });
  });

  it('reports bad rows with their line numbers while the good dossiers load', async () => {
    const rows: Row[] = [
      /* 2 */ { ma_ho_so: 'BAD-1', ...applicant('Hoàng Văn Khoa', '025090004444'), kenh: '1', su_kien: 'create', thoi_gian: t('14', '08:00') },
      /* 3 */ { ma_ho_so: 'BAD-1', su_kien: 'stop', thoi_gian: '14/10/2026 09:00', ly_do: 'Sai thời gian' },
      /* 4 */ { ma_ho_so: 'OK-1', ...applicant('Ngô Thị Lan', '025190005555'), kenh: '1', su_kien: 'create', thoi_gian: t('14', '08:10') },
      /* 5 */ { ma_ho_so: '', su_kien: 'create', thoi_gian: t('14', '08:20') },
      /* 6 */ { ma_ho_so: 'BAD-2', ...applicant('Mai Văn Minh', '123'), kenh: 'fax', su_kien: 'create', thoi_gian: t('14', '08:30') },
      /* 7 */ { ma_ho_so: 'BAD-3', ...applicant('Đinh Thị Nga', '025190006666'), ma_thu_tuc: 'KHONG.CO', kenh: '1', su_kien: 'create', thoi_gian: t('14', '08:40') },
      /* 8 */ { ma_ho_so: 'BAD-4', su_kien: 'assign', thoi_gian: t('14', '08:50'), nguoi_xu_ly: handler.idNumber },
      /* 9 */ { ma_ho_so: 'BAD-5', ...applicant('Lý Văn Phúc', '025090007778'), kenh: '1', su_kien: 'create', thoi_gian: t('14', '09:00'), trang_thai: 4 },
      /* 10 */ { ma_ho_so: 'BAD-6', ...applicant('Tạ Thị Quỳnh', '025190008888'), kenh: '1', su_kien: 'create', thoi_gian: '2099-01-05T08:00:00+07:00' },
      /* 11 */ { ma_ho_so: 'BAD-7', ...applicant('Cao Văn Sơn', '025090009999'), kenh: '1', su_kien: 'create', thoi_gian: t('14', '09:10') },
      /* 12 */ { ma_ho_so: 'BAD-7', su_kien: 'assign', thoi_gian: t('14', '09:20'), nguoi_xu_ly: 'khong.ai@phutho.gov.vn' },
    ];
    const before = await counts(db);
    const summary = await importCsv(db, rows, 'motcua-cu');
    expect(summary).toMatchObject({ dossiersCreated: 1, eventsAdded: 1 });
    expect(summary.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [2, 'ma_ho_so', 'DOSSIER_HAS_BAD_ROWS'],
      [3, 'thoi_gian', 'INVALID_TIME'],
      [5, 'ma_ho_so', 'REQUIRED'],
      [5, 'ma_thu_tuc', 'REQUIRED'],
      [5, 'ma_don_vi', 'REQUIRED'],
      [5, 'kenh', 'REQUIRED'],
      [5, 'ho_ten', 'REQUIRED'],
      [5, 'so_dinh_danh', 'REQUIRED'],
      [5, 'dien_thoai', 'REQUIRED'],
      [6, 'kenh', 'INVALID_VALUE'],
      [6, 'so_dinh_danh', 'INVALID_VALUE'],
      [7, 'ma_thu_tuc', 'PROCEDURE_NOT_FOUND'],
      [8, 'su_kien', 'FIRST_EVENT_NOT_CREATE'],
      [9, 'trang_thai', 'STATUS_MISMATCH'],
      [10, 'thoi_gian', 'FUTURE_TIME'],
      [12, 'nguoi_xu_ly', 'HANDLER_NOT_FOUND'],
    ]);
    expect(summary.errors.find((e) => e.line === 9)!.message).toContain('2 (Được tiếp nhận)');
    expect(await byRef('motcua-cu:OK-1')).toMatchObject({ status: 'received' });
    for (const ref of ['BAD-1', 'BAD-2', 'BAD-3', 'BAD-4', 'BAD-5', 'BAD-6', 'BAD-7']) expect(await byRef(`motcua-cu:${ref}`)).toBeUndefined();
    const after = await counts(db);
    expect(after.dossiers - before.dossiers).toBe(1);
    expect(after.events - before.events).toBe(1);
    expect(after.audit - before.audit).toBe(1);
  });

  it('refuses a history with a second supplement request, for that dossier only', async () => {
    const rows: Row[] = [
      /* 2 */ { ma_ho_so: 'SUP-2', ...applicant('Phan Văn Tài', '025090001111'), kenh: '1', su_kien: 'create', thoi_gian: t('05', '08:00') },
      /* 3 */ { ma_ho_so: 'SUP-2', su_kien: 'request_supplement', thoi_gian: t('05', '10:00'), giay_to_bo_sung: 'Tờ khai' },
      /* 4 */ { ma_ho_so: 'SUP-2', su_kien: 'complete_supplement', thoi_gian: t('06', '10:00') },
      /* 5 */ { ma_ho_so: 'SUP-2', su_kien: 'request_supplement', thoi_gian: t('07', '10:00'), giay_to_bo_sung: 'Giấy tờ khác' },
      /* 6 */ { ma_ho_so: 'SUP-1', ...applicant('Phan Thị Uyên', '025190001112'), kenh: '1', su_kien: 'create', thoi_gian: t('05', '08:05') },
      /* 7 */ { ma_ho_so: 'SUP-1', su_kien: 'request_supplement', thoi_gian: t('05', '10:05'), giay_to_bo_sung: 'Tờ khai' },
    ];
    const before = await counts(db);
    const summary = await importCsv(db, rows, 'motcua-cu');
    expect(summary).toMatchObject({ dossiersCreated: 1, eventsAdded: 2 });
    expect(summary.errors).toEqual([expect.objectContaining({ line: 5, field: 'su_kien', code: 'SUPPLEMENT_ALREADY_REQUESTED' })]);
    expect(summary.errors[0]!.message).toMatch(/một lần.*SUP-2.*không được nhập/);
    expect(await byRef('motcua-cu:SUP-2')).toBeUndefined();
    expect(await byRef('motcua-cu:SUP-1')).toMatchObject({ status: 'awaiting_supplement', supplement_count: 1 });
    const after = await counts(db);
    expect(after.dossiers - before.dossiers).toBe(1);
    // The refused dossier used no code: its counter increment rolled back with it.
    expect(after.counters - before.counters).toBeLessThanOrEqual(1);
  });

  describe('in batches', () => {
    /** `n` dossiers (three rows each: create, assign, withdraw); dossier `bad` is assigned an official who does not exist. */
    const many = (prefix: string, n: number, bad: number[]): Row[] =>
      Array.from({ length: n }, (_, i) => {
        const code = `${prefix}-${String(i).padStart(3, '0')}`;
        const minute = String(i % 60).padStart(2, '0');
        return [
          { ma_ho_so: code, ...applicant(`Nguyễn Văn Số ${i}`, `0250900${String(10000 + i).slice(-5)}`), kenh: '1', su_kien: 'create', thoi_gian: t('20', `08:${minute}`) },
          { ma_ho_so: code, su_kien: 'assign', thoi_gian: t('20', `09:${minute}`), nguoi_xu_ly: bad.includes(i) ? '000000000000' : handler.idNumber },
          { ma_ho_so: code, su_kien: 'withdraw', thoi_gian: t('21', `09:${minute}`), ly_do: 'Công dân xin rút' },
        ] as Row[];
      }).flat();

    async function verified() {
      const metrics = await verifyMetrics(db);
      expect(metrics.differences).toEqual([]);
      expect((await verifyAuditChain(db)).problem).toBeNull();
    }

    it('loads every other dossier of a batch when one breaks a rule; a re-import adds nothing; rollups and the audit chain hold', async () => {
      const rows = many('LOT', 25, [3, 17]);
      const read = await readImportFile(Buffer.from(csv(rows)), 'csv');
      const before = await counts(db);
      const progress: number[] = [];
      const summary = await importDossiers(db, SYSTEM(), read.rows, { source: 'lo', batchSize: 7, onProgress: (done) => progress.push(done) });
      expect(summary).toMatchObject({ dossiersCreated: 23, dossiersUpdated: 0, eventsAdded: 69, eventsSkipped: 0 });
      // Dossier 3 is on lines 11–13 and dossier 17 on lines 53–55 (line 1 is the header): the assign row is named.
      expect(summary.errors.map((e) => [e.line, e.field, e.code])).toEqual([
        [12, 'nguoi_xu_ly', 'HANDLER_NOT_FOUND'],
        [54, 'nguoi_xu_ly', 'HANDLER_NOT_FOUND'],
      ]);
      expect(progress.at(-1)).toBe(75);
      expect(await byRef('lo:LOT-003')).toBeUndefined();
      expect(await byRef('lo:LOT-017')).toBeUndefined();
      const loaded = (await byRef('lo:LOT-024'))!;
      expect(loaded).toMatchObject({ status: 'withdrawn', handler_id: handler.id });
      expect((await eventsOf(loaded.id)).map((e) => [e.seq, e.type])).toEqual([
        [1, 'create'],
        [2, 'assign'],
        [3, 'withdraw'],
      ]);
      const after = await counts(db);
      expect(after.dossiers - before.dossiers).toBe(23);
      expect(after.events - before.events).toBe(69);
      expect(after.audit - before.audit).toBe(23);
      // Reception (opened and closed at once) and handling, closed by the withdrawal.
      expect(after.steps - before.steps).toBe(46);
      // Codes: one daily sequence per dossier, none skipped.
      const codes = await db.selectFrom('dossiers').select('code').where('external_ref', 'like', 'lo:%').orderBy('code').execute();
      const sequences = codes.map((c) => Number(c.code.split('-').at(-1)));
      expect(new Set(sequences).size).toBe(23);
      expect(Math.max(...sequences) - Math.min(...sequences)).toBe(22);
      await verified();

      const again = await importDossiers(db, SYSTEM(), read.rows, { source: 'lo', batchSize: 7 });
      expect(again).toMatchObject({ dossiersCreated: 0, dossiersUpdated: 0, eventsAdded: 0, eventsSkipped: 69 });
      expect(again.errors.map((e) => e.line)).toEqual([12, 54]);
      expect(await counts(db)).toEqual(after);
    });

    it('brings stored dossiers forward in bulk: closes their open steps and moves the rollups by the difference', async () => {
      const opening = (i: number): Row[] => [
        { ma_ho_so: `UP-${i}`, ...applicant(`Trần Thị Số ${i}`, `0251900${String(20000 + i).slice(-5)}`), kenh: '2', su_kien: 'create', thoi_gian: t('06', `08:1${i}`) },
        { ma_ho_so: `UP-${i}`, su_kien: 'assign', thoi_gian: t('06', `09:1${i}`), nguoi_xu_ly: handler.idNumber },
      ];
      const rest = (i: number): Row[] => [
        { ma_ho_so: `UP-${i}`, su_kien: 'propose', thoi_gian: t('07', `09:1${i}`), ket_qua: 'approved' },
        { ma_ho_so: `UP-${i}`, su_kien: 'decide', thoi_gian: t('08', `09:1${i}`), ket_qua: 'approved' },
        { ma_ho_so: `UP-${i}`, su_kien: 'return_result', thoi_gian: t('09', `09:1${i}`) },
      ];
      expect(await importCsv(db, [0, 1, 2].flatMap(opening), 'len')).toMatchObject({ dossiersCreated: 3, eventsAdded: 6, errors: [] });
      const summary = await importCsv(db, [0, 1, 2].flatMap((i) => [...opening(i), ...rest(i)]), 'len');
      expect(summary).toEqual({ dossiersCreated: 0, dossiersUpdated: 3, eventsAdded: 9, eventsSkipped: 6, errors: [] });
      const d = (await byRef('len:UP-1'))!;
      expect(d).toMatchObject({ status: 'returned', outcome: 'approved', version: 1 });
      expect((await eventsOf(d.id)).map((e) => [e.seq, e.type])).toEqual([
        [1, 'create'],
        [2, 'assign'],
        [3, 'propose'],
        [4, 'decide'],
        [5, 'return_result'],
      ]);
      const steps = await db.selectFrom('dossier_steps').selectAll().where('dossier_id', '=', d.id).orderBy('started_at').execute();
      expect(steps.map((s) => [s.step, s.finished_at?.toISOString() ?? null])).toEqual([
        ['reception', '2026-10-06T01:11:00.000Z'],
        ['handling', '2026-10-07T02:11:00.000Z'],
        ['approval', '2026-10-08T02:11:00.000Z'],
        ['return', '2026-10-09T02:11:00.000Z'],
      ]);
      const audit = await db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', d.id).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['dossier.import_create', 'dossier.import_update']);
      expect(audit[1]).toMatchObject({ before: { status: 'processing', events: 2 }, after: { code: d.code, events: ['propose', 'decide', 'return_result'] } });
      await verified();
    });

    it('writes the same step trail as the live actions do (recordDossierStep), event by event', async () => {
      const rows = fullHistories('STEP', handler).filter((r) => r.ma_ho_so === 'STEP-A');
      expect(await importCsv(db, rows, 'steps')).toMatchObject({ dossiersCreated: 1, errors: [] });
      const imported = (await byRef('steps:STEP-A'))!;
      const read = await readImportFile(Buffer.from(csv(rows)), 'csv');
      const history = groupImportEvents(read.rows.map((r) => parseImportRow(r.values, r.line).event!))[0]!;
      const calendar = await loadWorkingCalendar(db);
      const procedure = (await findProcedureById(db, imported.procedure_id))!;
      const replayed = replayHistory(
        { now: new Date(), source: 'steps', prefix: '', calendar },
        { procedure: () => procedure, officials: (ref) => (ref === handler.idNumber ? [{ id: handler.id, unit_path: procedure.unit_path }] : []) },
        history,
        null,
      );
      // The live path on a copy of the dossier, rolled back afterwards.
      const shape = (s: { step: string; official_id: string | null; started_at: Date; due_at: Date | null; finished_at: Date | null }) =>
        [s.step, s.official_id, s.started_at.toISOString(), s.due_at?.toISOString() ?? null, s.finished_at?.toISOString() ?? null];
      const live = await db
        .transaction()
        .execute(async (trx) => {
          const copy = { ...imported, id: randomUUID(), code: `${imported.code}-X`, external_ref: null };
          await trx.insertInto('dossiers').values({ ...copy, rules: JSON.stringify(copy.rules), documents: JSON.stringify(copy.documents), paused_clock: null }).execute();
          for (const a of replayed.plan!.added) await recordDossierStep(trx, copy.id, a, calendar);
          const steps = await trx.selectFrom('dossier_steps').selectAll().where('dossier_id', '=', copy.id).orderBy('started_at').execute();
          throw Object.assign(new Error('rollback'), { steps });
        })
        .catch((e: { steps?: unknown[] }) => e.steps as Parameters<typeof shape>[0][]);
      const bulk = await db.selectFrom('dossier_steps').selectAll().where('dossier_id', '=', imported.id).orderBy('started_at').execute();
      expect(live.length).toBe(4);
      expect(bulk.map(shape)).toEqual(live.map(shape));
    });

    it('a batch read ahead is not written over a dossier that moved since it was read', async () => {
      const rows: Row[] = [
        { ma_ho_so: 'SN-1', ...applicant('Đào Văn Tĩnh', '025090004321'), kenh: '1', su_kien: 'create', thoi_gian: t('26', '08:00') },
        { ma_ho_so: 'SN-1', su_kien: 'assign', thoi_gian: t('26', '09:00'), nguoi_xu_ly: handler.idNumber },
      ];
      expect(await importCsv(db, rows.slice(0, 1), 'snap')).toMatchObject({ dossiersCreated: 1, errors: [] });
      const read = await readImportFile(Buffer.from(csv(rows)), 'csv');
      const histories = groupImportEvents(read.rows.map((r) => parseImportRow(r.values, r.line).event!));
      const env: BatchEnv = {
        now: new Date(),
        source: 'snap',
        prefix: '',
        calendar: await loadWorkingCalendar(db),
        actorAccountId: null,
        auditActor: 'import:snap',
        ip: null,
        writer: jsonWriter,
        procedures: new Map(),
        officials: new Map(),
      };
      const prepared = await prepareBatch(db, env, histories, false);
      expect(prepared.result).toMatchObject({ updated: 1, added: 1, skipped: 1 });
      // A live action on the dossier in between: its version moves.
      await db.updateTable('dossiers').set({ version: sql<number>`version + 1` }).where('external_ref', '=', 'snap:SN-1').execute();
      const before = await counts(db);
      await expect(db.transaction().execute((trx) => writeBatch(trx, env, prepared, true))).rejects.toBeInstanceOf(SnapshotMoved);
      expect(await counts(db)).toEqual(before);
      // Read again, it goes in.
      const again = await prepareBatch(db, env, histories, false);
      await db.transaction().execute((trx) => writeBatch(trx, env, again, true));
      expect(await byRef('snap:SN-1')).toMatchObject({ status: 'processing', handler_id: handler.id });
      await verified();
    });

    it('two imports of the same file at once create each dossier once', async () => {
      const rows = many('RACE2', 12, []);
      const before = await counts(db);
      const [x, y] = await Promise.all([importCsv(db, rows, 'dua'), importCsv(db, rows, 'dua')]);
      expect(x.dossiersCreated + y.dossiersCreated).toBe(12);
      expect(x.eventsAdded + y.eventsAdded).toBe(36);
      expect([...x.errors, ...y.errors].filter((e) => e.code !== 'CONCURRENT_IMPORT')).toEqual([]);
      const after = await counts(db);
      expect(after.dossiers - before.dossiers).toBe(12);
      expect(after.audit - before.audit).toBe(12);
      await verified();
    });

    it('streams a JSON Lines file whose dossiers are spread over it, across read chunks', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-import-'));
      try {
        const n = 2000;
        const pad = 'x'.repeat(450);
        const opens = Array.from({ length: n }, (_, i) => ({ ma_ho_so: `ST-${i}`, ma_thu_tuc: 'TP.LLTP', ma_don_vi: 'STP', kenh: 2, ho_ten: `Lê Thị Số ${i}`, so_dinh_danh: `0251900${String(30000 + i).slice(-5)}`, dien_thoai: '0912345678', dia_chi: pad, su_kien: 'create', thoi_gian: t('22', '08:00') }));
        // Each dossier's second row comes long after its first, and one of them before it.
        const closes = Array.from({ length: n }, (_, i) => ({ ma_ho_so: `ST-${i}`, su_kien: 'withdraw', thoi_gian: t('22', '10:00'), ly_do: 'Rút' }));
        const file = path.join(dir, 'su-kien.jsonl');
        fs.writeFileSync(file, [closes[0], ...opens, ...closes.slice(1)].map((o) => JSON.stringify(o)).join('\r\n'));
        expect(fs.statSync(file).size).toBeGreaterThan(2 ** 20);
        const input = await openImportFile(file, 'jsonl');
        expect(input.lines).toBe(2 * n);
        expect(input.lastLines.get('ST-0')).toBe(2);
        expect(input.lastLines.get('ST-1')).toBe(n + 2);
        // Read ahead (each batch read and replayed outside the transaction that writes it), as the CLI does on PostgreSQL.
        const summary = await importDossierInput(db, SYSTEM(), input, { source: 'luong', batchSize: 400, readDb: db });
        expect(summary).toEqual({ dossiersCreated: n, dossiersUpdated: 0, eventsAdded: 2 * n, eventsSkipped: 0, errors: [] });
        expect(await byRef('luong:ST-0')).toMatchObject({ status: 'withdrawn' });

        // A CSV file streams to the same rows as the whole-file reader gives.
        const csvFile = path.join(dir, 'ho-so.csv');
        fs.writeFileSync(csvFile, `\uFEFF${csv(fullHistories('CSVS', handler))}`);
        const streamed: unknown[] = [];
        for await (const chunk of (await openImportFile(csvFile, 'csv')).chunks()) streamed.push(...chunk.rows);
        expect(streamed).toEqual((await readImportFile(fs.readFileSync(csvFile), 'csv')).rows);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('the integration endpoint', () => {
    let token: string;
    let accountId: string;
    const events = (prefix: string) => fullHistories(prefix, handler).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== '')));
    const post = (payload: unknown, headers: Record<string, string> = {}) =>
      env.app.inject({ method: 'POST', url: ENDPOINT, payload: payload as object, headers: { authorization: `Bearer ${token}`, ...headers } });

    beforeAll(async () => {
      const admin = await login(env.app, 'admin');
      accountId = (await admin.request('GET', '/api/v1/accounts?q=motcua')).json().items[0].id;
      const created = await admin.request('POST', '/api/v1/api-tokens', { name: 'Hệ thống một cửa cũ', accountId });
      expect(created.statusCode).toBe(201);
      token = created.json().token;
    });

    it('imports with a token and an Idempotency-Key; the same key and body replays the response and adds nothing', async () => {
      const body = { source: 'DVC-Cu', events: events('API') };
      const before = await counts(db);
      const first = await post(body, { 'idempotency-key': 'lot-0001' });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual({ dossiersCreated: 3, dossiersUpdated: 0, eventsAdded: 15, eventsSkipped: 0, errors: [] });
      const mid = await counts(db);
      expect(mid.dossiers - before.dossiers).toBe(3);
      expect(mid.keys - before.keys).toBe(1);
      const a = (await byRef('dvc-cu:API-A'))!;
      const aEvents = await eventsOf(a.id);
      expect(aEvents.every((e) => e.actor === 'import:dvc-cu' && e.actor_account_id === accountId)).toBe(true);
      const audit = await db.selectFrom('audit_log').select(['actor', 'actor_account_id']).where('entity_id', '=', a.id).execute();
      expect(audit).toEqual([{ actor: 'motcua', actor_account_id: accountId }]);

      // Same key, same body (keys in another order): the stored response, nothing written.
      const reordered = { events: body.events, source: 'DVC-Cu' };
      const replay = await post(reordered, { 'idempotency-key': 'lot-0001' });
      expect(replay.statusCode).toBe(200);
      expect(replay.body).toBe(first.body);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(await counts(db)).toEqual(mid);

      // A new key with the same events: every event is already there.
      const again = await post(body, { 'idempotency-key': 'lot-0002' });
      expect(again.json()).toEqual({ dossiersCreated: 0, dossiersUpdated: 0, eventsAdded: 0, eventsSkipped: 15, errors: [] });
      const stored = await db.selectFrom('idempotency_keys').selectAll().where('key', '=', 'lot-0001').execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ scope: `dossier-events:${accountId}`, status: 200 });
    });

    it('two requests racing with the same key import once and get the same answer', async () => {
      const body = { source: 'dvc-cu', events: events('RACE') };
      const before = await counts(db);
      const [x, y] = await Promise.all([post(body, { 'idempotency-key': 'lot-race' }), post(body, { 'idempotency-key': 'lot-race' })]);
      expect([x.statusCode, y.statusCode]).toEqual([200, 200]);
      expect(x.body).toBe(y.body);
      expect(x.json()).toMatchObject({ dossiersCreated: 3, eventsAdded: 15 });
      expect([x.headers['idempotent-replayed'], y.headers['idempotent-replayed']].filter(Boolean)).toEqual(['true']);
      const after = await counts(db);
      expect(after.dossiers - before.dossiers).toBe(3);
      expect(after.keys - before.keys).toBe(1);
    });

    it('refuses the same key with a different body (422) and changes nothing', async () => {
      const before = await counts(db);
      const res = await post({ source: 'dvc-cu', events: events('OTHER') }, { 'idempotency-key': 'lot-0001' });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await counts(db)).toEqual(before);
    });

    it('requires the Idempotency-Key (400), a token rather than a browser session (403), and at most 1000 events', async () => {
      const body = { source: 'dvc-cu', events: events('NOKEY') };
      const session = await login(env.app, 'motcua');
      const before = await counts(db);
      const missing = await post(body);
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors[0].field).toBe('header.idempotency-key');
      const cookie = await session.request('POST', ENDPOINT, body, { 'idempotency-key': 'lot-cookie' });
      expect(cookie.statusCode).toBe(403);
      expect(cookie.json().code).toBe('API_TOKEN_REQUIRED');
      const noAuth = await env.app.inject({ method: 'POST', url: ENDPOINT, payload: body, headers: { 'idempotency-key': 'lot-anon' } });
      expect(noAuth.statusCode).toBe(401);
      const tooMany = await post({ source: 'dvc-cu', events: Array.from({ length: 1001 }, () => ({ ma_ho_so: 'X', su_kien: 'receive', thoi_gian: t('05', '08:00') })) }, { 'idempotency-key': 'lot-big' });
      expect(tooMany.statusCode).toBe(400);
      expect(await counts(db)).toEqual(before);
    });

    it("reports events outside the token account's scope and rule breaks per event, and loads the rest", async () => {
      const body = {
        source: 'dvc-cu',
        events: [
          { ma_ho_so: 'SC-1', ma_thu_tuc: 'HT.KS', ma_don_vi: 'P.VINHYEN', kenh: 1, ho_ten: 'Bùi Văn Vinh', so_dinh_danh: '025090003456', dien_thoai: '0912000111', su_kien: 'create', thoi_gian: t('09', '08:00') },
          { ma_ho_so: 'SC-2', ma_thu_tuc: 'TP.LLTP', ma_don_vi: 'STP', kenh: 1, ho_ten: 'Bùi Thị Xuân', so_dinh_danh: '025190003457', dien_thoai: '0912000112', su_kien: 'create', thoi_gian: t('09', '08:10') },
          { ma_ho_so: 'SC-2', su_kien: 'return_result', thoi_gian: t('09', '09:00') },
          { ma_ho_so: 'SC-3', ma_thu_tuc: 'TP.LLTP', ma_don_vi: 'STP', kenh: 1, ho_ten: 'Bùi Văn Yên', so_dinh_danh: '025090003458', dien_thoai: '0912000113', su_kien: 'create', thoi_gian: t('09', '08:20') },
        ],
      };
      const res = await post(body, { 'idempotency-key': 'lot-scope' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ dossiersCreated: 1, eventsAdded: 1 });
      expect(res.json().errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
        [1, 'OUT_OF_SCOPE'],
        [3, 'INVALID_TRANSITION'],
      ]);
      expect(await byRef('dvc-cu:SC-1')).toBeUndefined();
      expect(await byRef('dvc-cu:SC-2')).toBeUndefined();
      expect(await byRef('dvc-cu:SC-3')).toMatchObject({ status: 'received' });
    });

    it('publishes the endpoint in the OpenAPI document', async () => {
      const doc = (await env.app.inject({ url: '/api/openapi.json' })).json();
      const op = doc.paths[ENDPOINT].post;
      expect(op.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toContain('header:idempotency-key');
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '403', '422']));
    });
  });

  it.runIf(cliRegistered && backend === 'postgres')('imports a file with `congvu import dossiers` and exits by the documented codes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-import-'));
    try {
      const env2 = { DATABASE_URL: env.database.url! };
      const file = path.join(dir, 'ho-so.csv');
      fs.writeFileSync(file, csv(fullHistories('CLI', handler)));
      const before = await counts(db);
      const first = await runCli(['import', 'dossiers', file, '--source', 'cli-test', '--progress-every', '5'], env2);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/Hồ sơ tạo mới:\s+3/);
      expect(first.stderr).toContain('Đã xử lý 15/15 dòng');
      const a = (await byRef('cli-test:CLI-A'))!;
      expect((await eventsOf(a.id)).every((e) => e.actor === 'import:cli-test' && e.actor_account_id === null)).toBe(true);
      const mid = await counts(db);
      expect(mid.dossiers - before.dossiers).toBe(3);

      const again = await runCli(['import', 'dossiers', file, '--source', 'cli-test', '--json'], env2);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toEqual({ dossiersCreated: 0, dossiersUpdated: 0, eventsAdded: 0, eventsSkipped: 15, errors: [] });
      expect(await counts(db)).toEqual(mid);

      const bad = path.join(dir, 'sai.csv');
      fs.writeFileSync(bad, csv([{ ma_ho_so: 'CLI-X', su_kien: 'create', thoi_gian: 'hôm qua' }]));
      const refused = await runCli(['import', 'dossiers', bad, '--source', 'cli-test'], env2);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('Dòng 2: [thoi_gian]');

      const noColumns = path.join(dir, 'thieu-cot.csv');
      fs.writeFileSync(noColumns, 'ho_ten,email\nAn,a@b.vn\n');
      const unreadable = await runCli(['import', 'dossiers', noColumns], env2);
      expect(unreadable.code).toBe(1);
      expect(unreadable.stderr).toContain('thiếu cột bắt buộc');
      expect((await runCli(['import', 'dossiers', path.join(dir, 'khong-co.csv')], env2)).code).toBe(1);
      expect((await runCli(['import', 'dossiers', path.join(dir, 'ho-so.txt')], env2)).code).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
