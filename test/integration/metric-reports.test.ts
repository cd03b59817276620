import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousPeriod, resolvePeriod } from '../../src/domain/metrics/period.ts';
import type { TMetricsOverview } from '../../src/shared/schemas/metrics.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { archiveMonthlyReports } from '../../src/server/jobs/monthly-reports.ts';
import { figureRows } from '../../src/server/modules/metrics/reports/report-figures.ts';
import { seedDemo } from '../../src/server/seed/seed.ts';
import { type Session, login } from '../support/app.ts';
import { BACKENDS, type TestDatabase, createTestDatabase } from '../support/databases.ts';

// The month just ended: the seed's figures reach up to today.
const NOW = new Date();
const MONTH = previousPeriod(resolvePeriod({ period: 'month' }, NOW)).from.slice(0, 7);
const MONTH_LABEL = `Tháng ${Number(MONTH.slice(5))}/${MONTH.slice(0, 4)}`;

/** Text of a PDF, through poppler's pdftotext (installed by .ci/run). */
function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-')), 'r.pdf');
  fs.writeFileSync(file, pdf);
  const out = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (out.error || out.status !== 0) throw new Error(`pdftotext failed: ${out.error?.message ?? out.stderr}`);
  return out.stdout.normalize('NFC');
}

async function readXlsx(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

describe.each(BACKENDS)('metric reports (XLSX, PDF, archive) on %s', (backend) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let dataDir: string;
  let config: ReturnType<typeof loadConfig>;
  let leader: Session;
  let stpHead: Session;
  let communeHead: Session;
  let stpId: string;
  let communeId: string;

  beforeAll(async () => {
    // The app's own folder storage, so the job below writes where the download route reads.
    database = await createTestDatabase(backend);
    await seedDemo(database.db, { volume: 0.02 });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvu-reports-'));
    config = { ...loadConfig({}), databaseUrl: database.url, dataDir };
    app = await buildApp({ db: database.db, config });
    await app.ready();
    [leader, stpHead, communeHead] = await Promise.all([login(app, 'lanhdao'), login(app, 'truongphong'), login(app, 'xa.truongphong')]);
    const units = await database.db.selectFrom('units').select(['id', 'code']).where('code', 'in', ['STP', 'P.VINHYEN']).execute();
    stpId = units.find((u) => u.code === 'STP')!.id;
    communeId = units.find((u) => u.code === 'P.VINHYEN')!.id;
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('XLSX: Vietnamese sheets and headers, numbers as numbers equal to the overview', async () => {
    const res = await leader.request('GET', `/api/v1/metrics/reports/file?unitId=${stpId}&period=month&at=${MONTH}&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toContain(`attachment; filename="bao-cao-so-lieu-so-tu-phap-${MONTH}.xlsx"`);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`Báo cáo số liệu - Sở Tư pháp - ${MONTH_LABEL.replace('/', '-')}.xlsx`)}`);

    const ov = (await leader.request('GET', `/api/v1/metrics/overview?unitId=${stpId}&period=month&at=${MONTH}`)).json<TMetricsOverview>();
    expect(ov.figures.dossiers.received).toBeGreaterThan(0);
    const wb = await readXlsx(res.rawPayload);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Đơn vị', 'Xu hướng', 'Chỉ số 766']);
    const sum = wb.getWorksheet('Tổng hợp')!;
    expect(sum.getCell('A2').value).toBe('Đơn vị: Sở Tư pháp');
    expect(String(sum.getCell('A3').value)).toContain(MONTH_LABEL);
    expect(sum.getRow(6).values).toEqual([undefined, 'Nhóm chỉ tiêu', 'Chỉ tiêu', 'Kỳ này', 'Kỳ trước', 'Chênh lệch']);
    const rows = figureRows(ov.figures, ov.previous);
    rows.forEach((f, i) => {
      const row = sum.getRow(7 + i);
      expect(row.getCell(2).value).toBe(f.label);
      // Numbers stay numbers; no data stays an empty cell, never 0.
      expect(row.getCell(3).value).toBe(f.value);
      expect(row.getCell(4).value).toBe(f.previous);
    });
    const received = sum.getRow(7 + rows.findIndex((r) => r.label === 'Hồ sơ tiếp nhận')).getCell(3);
    expect(received.type).toBe(ExcelJS.ValueType.Number);
    expect(received.value).toBe(ov.figures.dossiers.received);

    const units = wb.getWorksheet('Đơn vị')!;
    expect(units.getCell('E6').value).toBe('Đơn vị');
    ov.children.forEach((c, i) => {
      const row = units.getRow(7 + i);
      expect([row.getCell(1).value, row.getCell(5).value, row.getCell(6).value, row.getCell(7).value]).toEqual([c.rank, c.name, c.received, c.onTimeRate]);
    });
    const trend = wb.getWorksheet('Xu hướng')!;
    expect(trend.getCell(18, 1).value).toBe(`${MONTH.slice(5)}/${MONTH.slice(0, 4)}`);
    expect(trend.getCell(18, 2).value).toBe(ov.figures.dossiers.received);
  });

  it('PDF: starts with %PDF, Vietnamese unit name and period label in its text', async () => {
    const res = await leader.request('GET', `/api/v1/metrics/reports/file?unitId=${stpId}&period=month&at=${MONTH}&format=pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(res.rawPayload);
    for (const s of ['BÁO CÁO SỐ LIỆU CHẤT LƯỢNG PHỤC VỤ', 'SỞ TƯ PHÁP', `Sở Tư pháp — ${MONTH_LABEL}`, `Kỳ báo cáo: ${MONTH_LABEL}`, 'Tỷ lệ giải quyết đúng hạn', 'Xu hướng 12 tháng']) expect(text).toContain(s);

    const quarter = await leader.request('GET', '/api/v1/metrics/reports/file?period=quarter&at=2026-Q1&format=pdf');
    expect(quarter.statusCode).toBe(200);
    const qText = pdfText(quarter.rawPayload);
    expect(qText).toContain('Kỳ báo cáo: Quý I/2026');
    expect(qText).toContain('Các đơn vị trực thuộc');
  });

  it('bad input is a 400 Vietnamese problem with the field; another unit is a 404 for a head', async () => {
    const bad = await leader.request('GET', '/api/v1/metrics/reports/file?period=month&at=2026-13&format=xlsx');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors).toEqual([{ field: 'query.at', message: 'Tháng phải có dạng YYYY-MM.' }]);
    const badFormat = await leader.request('GET', '/api/v1/metrics/reports/file?period=month&format=docx');
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json().errors[0].field).toBe('query.format');

    expect((await stpHead.request('GET', `/api/v1/metrics/reports/file?unitId=${communeId}&period=month&at=${MONTH}&format=pdf`)).statusCode).toBe(404);
    const own = await stpHead.request('GET', `/api/v1/metrics/reports/file?period=month&at=${MONTH}&format=xlsx`);
    expect(own.statusCode).toBe(200);
    expect((await readXlsx(own.rawPayload)).getWorksheet('Tổng hợp')!.getCell('A2').value).toBe('Đơn vị: Sở Tư pháp');
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/metrics/reports/file', '/api/v1/metrics/reports', '/api/v1/metrics/reports/archive/{id}']));
    expect(doc.paths['/api/v1/metrics/reports/file'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['unitId', 'period', 'at', 'format']));
    const specialist = await login(app, 'chuyenvien');
    expect((await specialist.request('GET', `/api/v1/metrics/reports/file?period=month&format=pdf`)).statusCode).toBe(403);
  });

  it('the monthly job archives the province and each top-level unit once, scoped like the dashboards', async () => {
    // Keep the run short: the job covers active top-level units, so only two stay active here.
    await database.db.updateTable('units').set({ active: false }).where('depth', '=', 1).where('id', 'not in', [stpId, communeId]).execute();
    const storedFirst = await archiveMonthlyReports(database.db, config, NOW);
    expect(storedFirst).toBe(6);
    const rows = await database.db.selectFrom('metric_reports').selectAll().where('period_key', '=', MONTH).execute();
    expect(rows).toHaveLength(6);
    const firstFiles = rows.map((r) => fs.statSync(path.join(dataDir, 'files', r.storage_key)).mtimeMs);
    expect(await archiveMonthlyReports(database.db, config, NOW)).toBe(0);
    const again = await database.db.selectFrom('metric_reports').selectAll().where('period_key', '=', MONTH).execute();
    expect(again.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(rows.map((r) => fs.statSync(path.join(dataDir, 'files', r.storage_key)).mtimeMs)).toEqual(firstFiles);
    const audit = await database.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'metrics.report.archive').execute();
    expect(audit).toHaveLength(6);

    const all = (await leader.request('GET', '/api/v1/metrics/reports')).json().items as { id: string; unitId: string | null; unitName: string; format: string; periodKey: string }[];
    expect(all).toHaveLength(6);
    expect(new Set(all.map((r) => r.unitId))).toEqual(new Set([null, stpId, communeId]));
    const mine = (await stpHead.request('GET', '/api/v1/metrics/reports')).json().items as typeof all;
    expect(mine.map((r) => [r.unitName, r.format, r.periodKey]).sort()).toEqual([
      ['Sở Tư pháp', 'pdf', MONTH],
      ['Sở Tư pháp', 'xlsx', MONTH],
    ]);

    const pdf = await stpHead.request('GET', `/api/v1/metrics/reports/archive/${mine.find((r) => r.format === 'pdf')!.id}`);
    expect(pdf.statusCode).toBe(200);
    expect(String(pdf.headers['content-disposition'])).toContain(`filename="bao-cao-so-lieu-so-tu-phap-${MONTH}.pdf"`);
    expect(pdfText(pdf.rawPayload)).toContain(`Kỳ báo cáo: ${MONTH_LABEL}`);
    const province = all.find((r) => r.unitId === null && r.format === 'xlsx')!;
    expect((await stpHead.request('GET', `/api/v1/metrics/reports/archive/${province.id}`)).statusCode).toBe(404);
    expect((await communeHead.request('GET', `/api/v1/metrics/reports/archive/${mine[0]!.id}`)).statusCode).toBe(404);
    const provinceXlsx = await leader.request('GET', `/api/v1/metrics/reports/archive/${province.id}`);
    expect(provinceXlsx.statusCode).toBe(200);
    const sheet = (await readXlsx(provinceXlsx.rawPayload)).getWorksheet('Tổng hợp')!;
    expect(String(sheet.getCell('A3').value)).toContain(MONTH_LABEL);
  });
});
