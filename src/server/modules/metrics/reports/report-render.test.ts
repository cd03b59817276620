import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { TFigures, TMetricsOverview } from '../../../../shared/schemas/metrics.ts';
import type { ReportData } from './report-data.ts';
import { renderReportPdf } from './report-pdf.ts';
import { NO_DATA, figureRows } from './report-figures.ts';
import { buildReportWorkbook, renderReportXlsx } from './report-xlsx.ts';

// Renderers against the metrics contract with a fixture: no database. The integration test checks
// the same files against the service's real figures.

function figures(over: Partial<TFigures['dossiers']> = {}): TFigures {
  return {
    dossiers: { received: 1234, online: 800, finished: 1100, onTime: 990, early: 300, late: 110, onTimeRate: 90, supplementRate: 12.5, visitsPerDossier: 1.25, avgProcessingDays: 4.2, p90ProcessingDays: 10, ratings: { verySatisfied: 50, satisfied: 30, dissatisfied: 5 }, satisfactionIndex: 94.1, ...over },
    complaints: { received: 7, upheld: 2 },
    tasks: { due: 20, done: 18, onTime: 15, late: 3, bounced: 1, onTimeRate: 83.3 },
    oversight: { inspections: 2, violations: 1 },
    scores: { month: '2026-09', count: 40, min: 70, max: 98, mean: 88.4, stdev: 6.2, flat: false },
    index766: { total: 30.5, max: 36, groups: [{ code: 'TĐ', name: 'Tiến độ giải quyết', max: 20, score: 18 }, { code: 'TT', name: 'Dịch vụ trực tuyến', max: 6, score: null }] },
  };
}

const overview: TMetricsOverview = {
  unit: { id: '00000000-0000-4000-8000-000000000001', code: 'STP', name: 'Sở Tư pháp', kind: 'department' },
  period: { kind: 'month', from: '2026-10-01', to: '2026-10-31', label: 'Tháng 10/2026' },
  figures: figures(),
  previous: figures({ onTimeRate: null, received: 0 }),
  links: {},
  children: [
    { unitId: 'a', code: 'STP.1', name: 'Phòng Hành chính tư pháp', kind: 'division', rank: 1, previousRank: 2, trend: 'up', received: 500, onTimeRate: 97.5, supplementRate: 5, satisfactionIndex: 99, complaints: 0, index766: 33.1 },
    { unitId: 'b', code: 'STP.2', name: 'Phòng Bổ trợ tư pháp', kind: 'division', rank: 2, previousRank: 1, trend: 'down', received: 0, onTimeRate: null, supplementRate: null, satisfactionIndex: null, complaints: 1, index766: null },
  ],
};

const data: ReportData = {
  unitName: 'Sở Tư pháp',
  overview,
  trend: Array.from({ length: 12 }, (_, i) => ({ month: `${i < 2 ? 2025 : 2026}-${String(((i + 10) % 12) + 1).padStart(2, '0')}`, received: 100 + i, onTimeRate: i === 3 ? null : 80 + i, satisfactionIndex: 90 + i / 2, index766: 30, tasksOnTimeRate: null })),
  generatedAt: new Date('2026-11-01T01:05:00Z'),
};

describe('report XLSX', () => {
  it('has the four Vietnamese sheets, numbers as numbers, no data as an empty cell with a note', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReportXlsx(data)) as unknown as ArrayBuffer);
    // exceljs does not read notes back: they are checked on the workbook as built.
    const built = await buildReportWorkbook(data);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Đơn vị', 'Xu hướng', 'Chỉ số 766']);
    const sum = wb.getWorksheet('Tổng hợp')!;
    expect(sum.getCell('A2').value).toBe('Đơn vị: Sở Tư pháp');
    expect(String(sum.getCell('A3').value)).toContain('Tháng 10/2026');
    expect(sum.getCell('A4').value).toBe('Lập lúc: 01/11/2026 08:05');
    const rows = figureRows(overview.figures, overview.previous);
    const rateRow = 7 + rows.findIndex((r) => r.label === 'Tỷ lệ giải quyết đúng hạn');
    expect(sum.getCell(rateRow, 3).value).toBe(90);
    expect(sum.getCell(rateRow, 3).numFmt).toBe('0.0"%"');
    // The previous period has no rate: empty, with a note, and no change computed.
    expect(sum.getCell(rateRow, 4).value).toBeNull();
    expect(built.getWorksheet('Tổng hợp')!.getCell(rateRow, 4).note).toBe(NO_DATA);
    expect(sum.getCell(rateRow, 5).value).toBeNull();
    const receivedRow = 7 + rows.findIndex((r) => r.label === 'Hồ sơ tiếp nhận');
    expect([sum.getCell(receivedRow, 3).value, sum.getCell(receivedRow, 4).value, sum.getCell(receivedRow, 5).value]).toEqual([1234, 0, 1234]);

    const units = wb.getWorksheet('Đơn vị')!;
    expect(units.getRow(7).values).toEqual([undefined, 1, '▲', 2, 'STP.1', 'Phòng Hành chính tư pháp', 500, 97.5, 5, 99, 0, 33.1]);
    expect(units.getCell(8, 7).value).toBeNull();
    expect(built.getWorksheet('Đơn vị')!.getCell(8, 7).note).toBe(NO_DATA);
    expect(units.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    expect(units.autoFilter).toBeTruthy();

    const trend = wb.getWorksheet('Xu hướng')!;
    expect(trend.getCell('A7').value).toBe('11/2025');
    expect(typeof trend.getCell('C7').value).toBe('number');
    const index = wb.getWorksheet('Chỉ số 766')!;
    expect(index.getRow(7).values).toEqual([undefined, 1, 'Tiến độ giải quyết', 20, 18, 90, 'TĐ']);
  });
});

describe('report PDF', () => {
  it('renders Vietnamese text and the charts', async () => {
    const pdf = await renderReportPdf(data);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const out = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    if (out.error) throw new Error('pdftotext (poppler-utils) is needed by this test');
    const text = out.stdout.normalize('NFC');
    for (const s of ['BÁO CÁO SỐ LIỆU CHẤT LƯỢNG PHỤC VỤ', 'SỞ TƯ PHÁP', 'Tháng 10/2026', 'Tỷ lệ giải quyết đúng hạn', '90,0%', 'Phòng Hành chính tư pháp', 'Chỉ số hài lòng', 'Lập lúc 01/11/2026 08:05']) {
      expect(text).toContain(s);
    }
  });
});
