/**
 * The report as a real spreadsheet: every figure a number cell with a number format (percentages
 * as numbers shown with '%'), a missing figure an empty cell carrying the note "không có dữ liệu"
 * (never a 0), Vietnamese headers, frozen header rows and an autofilter on the ranking.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../../lib/exceljs.ts';
import { formatDateTimeVn } from '../../../../domain/calendar/format.ts';
import type { ReportData } from './report-data.ts';
import { type FigureKind, NO_DATA, TREND_MARK, figureRows, monthLabel, periodLine } from './report-figures.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const NUM_FMT: Record<FigureKind, string> = { count: '#,##0', percent: '0.0"%"', decimal: '0.00', days: '0.0', points: '0.0' };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FFB0B7C3' } };
const FONT = { name: 'Calibri', size: 11 };

/** A figure in a cell: a number with its format, or an empty cell with a note. */
function putNumber(cell: ExcelJS.Cell, value: number | null, kind: FigureKind) {
  if (value === null) {
    cell.note = NO_DATA;
    return;
  }
  cell.value = value;
  cell.numFmt = NUM_FMT[kind];
}

/** The report's heading: title, unit, period, time of generation; returns the next free row. */
function writeHeading(sheet: ExcelJS.Worksheet, data: ReportData, title: string, width: number): number {
  const { period } = data.overview;
  const lines = [
    title,
    `Đơn vị: ${data.unitName}`,
    `Kỳ báo cáo: ${periodLine(period)}`,
    `Lập lúc: ${formatDateTimeVn(data.generatedAt)}`,
  ];
  lines.forEach((text, i) => {
    const row = i + 1;
    sheet.mergeCells(row, 1, row, width);
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.font = i === 0 ? { ...FONT, bold: true, size: 14 } : { ...FONT, italic: i === 3 };
  });
  return lines.length + 2;
}

/** A bold, filled, bordered header row; returns its row number. */
function writeHeaderRow(sheet: ExcelJS.Worksheet, rowNumber: number, headers: string[]): number {
  const row = sheet.getRow(rowNumber);
  headers.forEach((h, i) => {
    const cell = row.getCell(i + 1);
    cell.value = h;
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
  });
  row.height = 32;
  return rowNumber;
}

function setWidths(sheet: ExcelJS.Worksheet, widths: number[]) {
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
}

/** Frozen header rows on screen; on paper A4, one page wide, the header rows repeated. */
function freezeBelow(sheet: ExcelJS.Worksheet, headerRow: number, orientation: 'portrait' | 'landscape' = 'portrait') {
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow }];
  sheet.pageSetup = { paperSize: 9, orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` };
}

function summarySheet(wb: ExcelJS.Workbook, data: ReportData) {
  const sheet = wb.addWorksheet('Tổng hợp');
  const headers = ['Nhóm chỉ tiêu', 'Chỉ tiêu', 'Kỳ này', 'Kỳ trước', 'Chênh lệch'];
  const header = writeHeaderRow(sheet, writeHeading(sheet, data, 'BÁO CÁO SỐ LIỆU CHẤT LƯỢNG PHỤC VỤ', headers.length), headers);
  let r = header + 1;
  for (const f of figureRows(data.overview.figures, data.overview.previous)) {
    const row = sheet.getRow(r++);
    row.getCell(1).value = f.group;
    row.getCell(2).value = f.label;
    putNumber(row.getCell(3), f.value, f.kind);
    putNumber(row.getCell(4), f.previous, f.kind);
    // The change is only a number when both periods have one.
    putNumber(row.getCell(5), f.value !== null && f.previous !== null ? Math.round((f.value - f.previous) * 100) / 100 : null, f.kind);
  }
  setWidths(sheet, [34, 44, 14, 14, 14]);
  freezeBelow(sheet, header);
}

function unitsSheet(wb: ExcelJS.Workbook, data: ReportData) {
  const sheet = wb.addWorksheet('Đơn vị');
  const headers = ['Hạng', 'Xu hướng', 'Hạng kỳ trước', 'Mã', 'Đơn vị', 'Hồ sơ tiếp nhận', 'Tỷ lệ đúng hạn', 'Tỷ lệ phải bổ sung', 'Chỉ số hài lòng', 'Phản ánh, kiến nghị', 'Chỉ số 766'];
  const header = writeHeaderRow(sheet, writeHeading(sheet, data, 'XẾP HẠNG CÁC ĐƠN VỊ TRỰC THUỘC', headers.length), headers);
  let r = header + 1;
  for (const c of data.overview.children) {
    const row = sheet.getRow(r++);
    putNumber(row.getCell(1), c.rank, 'count');
    row.getCell(2).value = TREND_MARK[c.trend];
    row.getCell(2).alignment = { horizontal: 'center' };
    putNumber(row.getCell(3), c.previousRank, 'count');
    for (const col of [1, 3]) row.getCell(col).alignment = { horizontal: 'center' };
    row.getCell(4).value = c.code;
    row.getCell(5).value = c.name;
    putNumber(row.getCell(6), c.received, 'count');
    putNumber(row.getCell(7), c.onTimeRate, 'percent');
    putNumber(row.getCell(8), c.supplementRate, 'percent');
    putNumber(row.getCell(9), c.satisfactionIndex, 'percent');
    putNumber(row.getCell(10), c.complaints, 'count');
    putNumber(row.getCell(11), c.index766, 'points');
  }
  if (!data.overview.children.length) sheet.getCell(header + 1, 1).value = 'Không có đơn vị trực thuộc.';
  else sheet.autoFilter = { from: { row: header, column: 1 }, to: { row: r - 1, column: headers.length } };
  setWidths(sheet, [8, 10, 10, 14, 40, 12, 12, 12, 12, 12, 12]);
  freezeBelow(sheet, header, 'landscape');
}

function trendSheet(wb: ExcelJS.Workbook, data: ReportData) {
  const sheet = wb.addWorksheet('Xu hướng');
  const headers = ['Tháng', 'Hồ sơ tiếp nhận', 'Tỷ lệ đúng hạn', 'Chỉ số hài lòng', 'Chỉ số 766', 'Tỷ lệ nhiệm vụ đúng hạn'];
  const header = writeHeaderRow(sheet, writeHeading(sheet, data, 'XU HƯỚNG THEO THÁNG', headers.length), headers);
  let r = header + 1;
  for (const p of data.trend) {
    const row = sheet.getRow(r++);
    row.getCell(1).value = monthLabel(p.month);
    putNumber(row.getCell(2), p.received, 'count');
    putNumber(row.getCell(3), p.onTimeRate, 'percent');
    putNumber(row.getCell(4), p.satisfactionIndex, 'percent');
    putNumber(row.getCell(5), p.index766, 'points');
    putNumber(row.getCell(6), p.tasksOnTimeRate, 'percent');
  }
  setWidths(sheet, [12, 14, 14, 14, 12, 16]);
  freezeBelow(sheet, header);
}

function indexSheet(wb: ExcelJS.Workbook, data: ReportData) {
  const sheet = wb.addWorksheet('Chỉ số 766');
  const headers = ['STT', 'Nhóm chỉ số', 'Điểm tối đa', 'Điểm đạt', 'Tỷ lệ đạt', 'Mã nhóm'];
  const header = writeHeaderRow(sheet, writeHeading(sheet, data, 'CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QUYẾT ĐỊNH 766/QĐ-TTg)', headers.length), headers);
  const { index766 } = data.overview.figures;
  let r = header + 1;
  for (const [i, g] of index766.groups.entries()) {
    const row = sheet.getRow(r++);
    row.getCell(1).value = i + 1;
    row.getCell(1).alignment = { horizontal: 'center' };
    row.getCell(2).value = g.name;
    row.getCell(6).value = g.code;
    putNumber(row.getCell(3), g.max, 'points');
    putNumber(row.getCell(4), g.score, 'points');
    putNumber(row.getCell(5), g.score !== null && g.max > 0 ? Math.round((1000 * g.score) / g.max) / 10 : null, 'percent');
  }
  const total = sheet.getRow(r);
  total.getCell(2).value = 'Tổng điểm đo được';
  putNumber(total.getCell(3), index766.max, 'points');
  putNumber(total.getCell(4), index766.total, 'points');
  putNumber(total.getCell(5), index766.total !== null && index766.max > 0 ? Math.round((1000 * index766.total) / index766.max) / 10 : null, 'percent');
  total.font = { ...FONT, bold: true };
  sheet.getCell(r + 2, 1).value = 'Chỉ các thành phần congvu đo được từ dữ liệu của mình; thành phần không có dữ liệu để trống.';
  sheet.getCell(r + 2, 1).font = { ...FONT, italic: true };
  setWidths(sheet, [8, 44, 12, 12, 12, 26]);
  freezeBelow(sheet, header);
}

/** The workbook before serialisation (exceljs does not read notes back, so tests look here). */
export async function buildReportWorkbook(data: ReportData): Promise<ExcelJS.Workbook> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'congvu';
  wb.created = data.generatedAt;
  wb.title = `Báo cáo số liệu — ${data.unitName} — ${data.overview.period.label}`;
  summarySheet(wb, data);
  unitsSheet(wb, data);
  trendSheet(wb, data);
  indexSheet(wb, data);
  return wb;
}

export async function renderReportXlsx(data: ReportData): Promise<Buffer> {
  return Buffer.from(await (await buildReportWorkbook(data)).xlsx.writeBuffer());
}
