/**
 * The report as PDF: a plain report header (unit, period, time of generation), the key figures
 * against the previous period, the twelve-month trend and the children's on-time rates as vector
 * charts, the children's ranking and the 766 index groups. Tinos throughout (full Vietnamese
 * coverage), through the one pdfmake setup of the official forms.
 */
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import { formatDateTimeVn } from '../../../../domain/calendar/format.ts';
import { SLIP_FONT, renderPdf } from '../../dossiers/slips/pdf-engine.ts';
import { caps, nfc } from '../../dossiers/slips/slip-layout.ts';
import { childrenChartSvgs, trendChartSvg } from './report-charts.ts';
import type { ReportData } from './report-data.ts';
import { TREND_MARK, figureRows, formatFigure, periodLine } from './report-figures.ts';

const MARGINS: [number, number, number, number] = [40, 40, 40, 48];
const CONTENT_WIDTH = 595.28 - MARGINS[0] - MARGINS[2];
const HEAD = '#dce6f1';
const GROUP = '#f1f5f9';

const th = (text: string, alignment: 'left' | 'center' | 'right' = 'center'): TableCell => ({ text, bold: true, fillColor: HEAD, alignment });
const num = (text: string): TableCell => ({ text, alignment: 'right' });
const section = (text: string): Content => ({ text, bold: true, fontSize: 12.5, margin: [0, 14, 0, 6] });
const note = (text: string): Content => ({ text, italics: true, color: '#4b5563', margin: [0, 2, 0, 0] });

const LAYOUT = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#9ca3af',
  vLineColor: () => '#9ca3af',
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
};

function heading(data: ReportData): Content {
  const { period } = data.overview;
  return {
    stack: [
      { text: 'BÁO CÁO SỐ LIỆU CHẤT LƯỢNG PHỤC VỤ', bold: true, fontSize: 16 },
      { text: caps(data.unitName), bold: true, fontSize: 13, margin: [0, 4, 0, 0] },
      { text: `Kỳ báo cáo: ${periodLine(period)}`, margin: [0, 4, 0, 0] },
      { text: `Lập lúc ${formatDateTimeVn(data.generatedAt)}`, italics: true, fontSize: 9.5, color: '#4b5563', margin: [0, 2, 0, 0] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 0.8, lineColor: '#1d4ed8' }], margin: [0, 8, 0, 0] },
    ],
    alignment: 'center',
  };
}

function figuresTable(data: ReportData): Content {
  const body: TableCell[][] = [[th('Chỉ tiêu', 'left'), th('Kỳ này'), th('Kỳ trước')]];
  let group = '';
  for (const f of figureRows(data.overview.figures, data.overview.previous)) {
    if (f.group !== group) {
      group = f.group;
      body.push([{ text: group, bold: true, colSpan: 3, fillColor: GROUP }, {}, {}]);
    }
    body.push([{ text: f.label, margin: [8, 0, 0, 0] }, num(formatFigure(f.value, f.kind)), num(formatFigure(f.previous, f.kind))]);
  }
  return { table: { headerRows: 1, widths: ['*', 80, 80], body }, layout: LAYOUT };
}

function childrenTable(data: ReportData): Content {
  const body: TableCell[][] = [[th('Hạng'), th('±'), th('Đơn vị', 'left'), th('Hồ sơ'), th('Đúng hạn'), th('Hài lòng'), th('Phản ánh'), th('Chỉ số 766')]];
  for (const c of data.overview.children) {
    body.push([
      { text: String(c.rank), alignment: 'center' },
      { text: TREND_MARK[c.trend], alignment: 'center', color: c.trend === 'up' ? '#15803d' : c.trend === 'down' ? '#b91c1c' : '#374151' },
      nfc(c.name),
      num(formatFigure(c.received, 'count')),
      num(formatFigure(c.onTimeRate, 'percent')),
      num(formatFigure(c.satisfactionIndex, 'percent')),
      num(formatFigure(c.complaints, 'count')),
      num(formatFigure(c.index766, 'points')),
    ]);
  }
  return { table: { headerRows: 1, dontBreakRows: true, widths: [30, 22, '*', 42, 50, 50, 44, 50], body }, layout: LAYOUT, fontSize: 9.5 };
}

function indexTable(data: ReportData): Content {
  const { index766 } = data.overview.figures;
  const body: TableCell[][] = [[th('STT'), th('Nhóm chỉ số', 'left'), th('Tối đa'), th('Đạt')]];
  for (const [i, g] of index766.groups.entries()) body.push([{ text: String(i + 1), alignment: 'center' }, nfc(g.name), num(formatFigure(g.max, 'points')), num(formatFigure(g.score, 'points'))]);
  body.push([{ text: '' }, { text: 'Tổng điểm đo được', bold: true }, num(formatFigure(index766.max, 'points')), { text: formatFigure(index766.total, 'points'), bold: true, alignment: 'right' }]);
  return { table: { headerRows: 1, dontBreakRows: true, widths: [30, '*', 60, 60], body }, layout: LAYOUT };
}

async function documentOf(data: ReportData): Promise<TDocumentDefinitions> {
  const { overview: ov } = data;
  const content: Content[] = [heading(data), section('1. Các chỉ tiêu chính'), figuresTable(data), note('"—": không có dữ liệu trong kỳ (khác với số 0).')];

  content.push(section('2. Xu hướng 12 tháng'));
  if (data.trend.some((p) => p.onTimeRate !== null || p.satisfactionIndex !== null)) content.push({ svg: await trendChartSvg(data.trend, CONTENT_WIDTH), width: CONTENT_WIDTH, font: SLIP_FONT } as Content);
  else content.push(note('Chưa có số liệu đúng hạn, hài lòng trong 12 tháng qua.'));

  if (ov.children.length) {
    const title = section('3. Các đơn vị trực thuộc');
    const charts = (await childrenChartSvgs(ov.children, CONTENT_WIDTH)).map((svg) => ({ svg, width: CONTENT_WIDTH, font: SLIP_FONT }) as Content);
    if (charts.length) {
      // Section title, caption and the first part of the chart on the same page.
      content.push({ unbreakable: true, stack: [title, { text: 'Tỷ lệ giải quyết hồ sơ đúng hạn', bold: true, margin: [0, 0, 0, 4] }, charts[0]!] });
      content.push(...charts.slice(1));
    } else content.push(title);
    content.push({ text: 'Xếp hạng (theo chỉ số 766, rồi tỷ lệ đúng hạn)', bold: true, margin: [0, 8, 0, 4] });
    content.push(childrenTable(data));
    content.push(note('▲ tăng hạng, ▼ giảm hạng, = giữ hạng so với kỳ trước.'));
  }

  content.push(section(`${ov.children.length ? 4 : 3}. Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)`));
  content.push(indexTable(data));
  content.push(note('Chỉ gồm các thành phần đo được từ dữ liệu của hệ thống.'));

  const footerText = nfc(`${data.unitName} — ${ov.period.label}`);
  return {
    pageSize: 'A4',
    pageMargins: MARGINS,
    info: { title: nfc(`Báo cáo số liệu — ${data.unitName} — ${ov.period.label}`), creator: 'congvu', producer: 'congvu' },
    defaultStyle: { font: SLIP_FONT, fontSize: 10.5, lineHeight: 1.15 },
    content,
    footer: (page, pages) => ({
      columns: [
        { text: footerText, alignment: 'left' },
        { text: `Trang ${page}/${pages}`, alignment: 'right' },
      ],
      fontSize: 8.5,
      color: '#6b7280',
      margin: [MARGINS[0], 16, MARGINS[2], 0],
    }),
  };
}

export async function renderReportPdf(data: ReportData): Promise<Buffer> {
  return renderPdf(await documentOf(data));
}
