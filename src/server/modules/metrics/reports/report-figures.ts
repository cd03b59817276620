/**
 * The figures of one report as labelled rows, shared by the XLSX and the PDF so both say the same
 * thing in the same words. A value stays a number (or null = no data, never 0); `kind` tells the
 * renderers how to show it.
 */
import { formatDateVn, parseDateOnly } from '../../../../domain/calendar/format.ts';
import type { TFigures, TPeriod, TTrend } from '../../../../shared/schemas/metrics.ts';

export type FigureKind = 'count' | 'percent' | 'decimal' | 'days' | 'points';

export interface FigureRow {
  group: string;
  label: string;
  kind: FigureKind;
  value: number | null;
  previous: number | null;
}

type Pick = (f: TFigures) => number | null;

const DEFS: { group: string; rows: [label: string, kind: FigureKind, pick: Pick][] }[] = [
  {
    group: 'Hồ sơ thủ tục hành chính',
    rows: [
      ['Hồ sơ tiếp nhận', 'count', (f) => f.dossiers.received],
      ['Hồ sơ nộp trực tuyến', 'count', (f) => f.dossiers.online],
      ['Hồ sơ đã giải quyết', 'count', (f) => f.dossiers.finished],
      ['Giải quyết đúng hạn', 'count', (f) => f.dossiers.onTime],
      ['Giải quyết trước hạn', 'count', (f) => f.dossiers.early],
      ['Giải quyết quá hạn', 'count', (f) => f.dossiers.late],
      ['Tỷ lệ giải quyết đúng hạn', 'percent', (f) => f.dossiers.onTimeRate],
      ['Tỷ lệ hồ sơ phải bổ sung', 'percent', (f) => f.dossiers.supplementRate],
      ['Số lần đi lại bình quân mỗi hồ sơ', 'decimal', (f) => f.dossiers.visitsPerDossier],
      ['Thời gian giải quyết bình quân (ngày)', 'days', (f) => f.dossiers.avgProcessingDays],
      ['Thời gian giải quyết của 90% hồ sơ (ngày)', 'days', (f) => f.dossiers.p90ProcessingDays],
      ['Đánh giá rất hài lòng', 'count', (f) => f.dossiers.ratings.verySatisfied],
      ['Đánh giá hài lòng', 'count', (f) => f.dossiers.ratings.satisfied],
      ['Đánh giá không hài lòng', 'count', (f) => f.dossiers.ratings.dissatisfied],
      ['Chỉ số hài lòng', 'percent', (f) => f.dossiers.satisfactionIndex],
    ],
  },
  {
    group: 'Phản ánh, kiến nghị',
    rows: [
      ['Phản ánh, kiến nghị tiếp nhận', 'count', (f) => f.complaints.received],
      ['Phản ánh có cơ sở', 'count', (f) => f.complaints.upheld],
    ],
  },
  {
    group: 'Nhiệm vụ được giao',
    rows: [
      ['Nhiệm vụ đến hạn', 'count', (f) => f.tasks.due],
      ['Nhiệm vụ hoàn thành', 'count', (f) => f.tasks.done],
      ['Hoàn thành đúng hạn', 'count', (f) => f.tasks.onTime],
      ['Hoàn thành trễ hạn', 'count', (f) => f.tasks.late],
      ['Báo cáo bị trả lại', 'count', (f) => f.tasks.bounced],
      ['Tỷ lệ nhiệm vụ đúng hạn', 'percent', (f) => f.tasks.onTimeRate],
    ],
  },
  {
    group: 'Kiểm tra công vụ',
    rows: [
      ['Cuộc kiểm tra', 'count', (f) => f.oversight.inspections],
      ['Vi phạm phát hiện', 'count', (f) => f.oversight.violations],
    ],
  },
  {
    group: 'Chấm điểm cán bộ (tháng chốt gần nhất)',
    rows: [
      ['Số phiếu đã chốt', 'count', (f) => f.scores.count],
      ['Điểm thấp nhất', 'points', (f) => f.scores.min],
      ['Điểm cao nhất', 'points', (f) => f.scores.max],
      ['Điểm bình quân', 'points', (f) => f.scores.mean],
      ['Độ lệch chuẩn', 'points', (f) => f.scores.stdev],
    ],
  },
  {
    group: 'Chỉ số phục vụ (Quyết định 766/QĐ-TTg)',
    rows: [['Tổng điểm đo được', 'points', (f) => f.index766.total]],
  },
];

/** Every figure of the report with its value in the period and in the previous period of the same length. */
export function figureRows(figures: TFigures, previous: TFigures): FigureRow[] {
  return DEFS.flatMap((d) => d.rows.map(([label, kind, pick]) => ({ group: d.group, label, kind, value: pick(figures), previous: pick(previous) })));
}

export const NO_DATA = 'không có dữ liệu';

export const TREND_MARK: Record<TTrend, string> = { up: '▲', down: '▼', same: '=', new: 'mới' };

const vi1 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const vi2 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const viInt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** A figure as Vietnamese text ("87,5%", "1.234", "—" for no data), for the PDF. */
export function formatFigure(value: number | null, kind: FigureKind): string {
  if (value === null) return '—';
  if (kind === 'percent') return `${vi1.format(value)}%`;
  if (kind === 'count') return viInt.format(value);
  return vi2.format(value);
}

/** 'YYYY-MM' → 'MM/YYYY', the way a month is written in Vietnamese tables. */
export function monthLabel(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** "Tháng 10/2026 (từ 01/10/2026 đến 31/10/2026)": the label with its days. */
export function periodLine(period: TPeriod): string {
  return `${period.label} (từ ${formatDateVn(parseDateOnly(period.from))} đến ${formatDateVn(parseDateOnly(period.to))})`;
}
