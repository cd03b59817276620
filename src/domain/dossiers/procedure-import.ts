import { mapHeadersTo } from '../import/map-headers.ts';
import { foldDiacritics } from '../text/fold.ts';

export const PROCEDURE_COLUMNS = {
  code: ['ma thu tuc', 'ma', 'code'],
  name: ['ten thu tuc', 'ten', 'name'],
  field: ['linh vuc', 'field'],
  unitCode: ['ma don vi', 'don vi thuc hien', 'unit code'],
  amount: ['thoi han giai quyet', 'thoi han', 'processing time'],
  unit: ['don vi thoi han', 'don vi tinh thoi han', 'time unit'],
  fee: ['phi le phi', 'phi', 'le phi', 'fee'],
  documents: ['thanh phan ho so', 'giay to', 'documents'],
  cutoff: ['gio chot tiep nhan', 'gio chot', 'cutoff'],
  online: ['muc do truc tuyen', 'dich vu cong truc tuyen', 'online'],
} as const;
export type ProcedureField = keyof typeof PROCEDURE_COLUMNS;

export const PROCEDURE_TEMPLATE_HEADERS = [
  'Mã thủ tục',
  'Tên thủ tục',
  'Lĩnh vực',
  'Mã đơn vị',
  'Thời hạn giải quyết',
  'Đơn vị thời hạn',
  'Phí, lệ phí',
  'Thành phần hồ sơ',
  'Giờ chốt tiếp nhận',
  'Mức độ trực tuyến',
];

export function mapProcedureHeaders(headers: readonly string[]) {
  return mapHeadersTo(headers, PROCEDURE_COLUMNS);
}

const UNITS: Record<string, 'working_days' | 'working_hours' | 'calendar_days'> = {
  'ngay lam viec': 'working_days',
  working_days: 'working_days',
  'gio lam viec': 'working_hours',
  working_hours: 'working_hours',
  ngay: 'calendar_days',
  'ngay lich': 'calendar_days',
  calendar_days: 'calendar_days',
};
const ONLINE: Record<string, 'partial' | 'full' | null> = {
  'toan trinh': 'full',
  full: 'full',
  'mot phan': 'partial',
  partial: 'partial',
  khong: null,
  '': null,
};

export interface ParsedProcedureRow {
  code: string;
  name: string;
  field: string;
  unitCode: string;
  processingDays: number;
  processingUnit: 'working_days' | 'working_hours' | 'calendar_days';
  feeVnd: number;
  requiredDocuments: { name: string; originals: number; copies: number }[];
  cutoff: { kind: 'none' } | { kind: 'time'; at: string };
  onlineLevel: 'partial' | 'full' | null;
}

/**
 * One catalogue row → a procedure, or the list of what is wrong. Documents are separated by ";";
 * "(bản sao)" after a document name counts it as a copy, otherwise one original.
 */
/** Deadlines count whole days (the due-date calculation refuses a fraction); only hours may be fractional. */
export function isWholeDeadline(unit: string, amount: number): boolean {
  return unit === 'working_hours' || Number.isInteger(amount);
}
export const FRACTIONAL_DAYS = 'Thời hạn tính theo ngày phải là số ngày nguyên.';

export function parseProcedureRow(cells: Partial<Record<ProcedureField, string>>): { row: ParsedProcedureRow; problems: [] } | { row: null; problems: { field: string; message: string }[] } {
  const problems: { field: string; message: string }[] = [];
  const text = (f: ProcedureField) => (cells[f] ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  for (const f of ['code', 'name', 'field', 'unitCode'] as const) if (!text(f)) problems.push({ field: f, message: 'Thiếu giá trị bắt buộc.' });
  const amount = Number(text('amount').replace(',', '.'));
  if (!text('amount') || !Number.isFinite(amount) || amount < 0 || amount > 365) problems.push({ field: 'amount', message: 'Thời hạn giải quyết phải là số từ 0 đến 365.' });
  const unit = UNITS[foldDiacritics(text('unit') || 'ngày làm việc')];
  if (!unit) problems.push({ field: 'unit', message: 'Đơn vị thời hạn ghi "ngày làm việc", "giờ làm việc" hoặc "ngày".' });
  else if (Number.isFinite(amount) && !isWholeDeadline(unit, amount)) problems.push({ field: 'amount', message: FRACTIONAL_DAYS });
  const feeText = text('fee').replace(/[.\s]|đ|vnd/gi, '');
  const fee = feeText ? Number(feeText) : 0;
  if (!Number.isInteger(fee) || fee < 0) problems.push({ field: 'fee', message: 'Phí, lệ phí là số nguyên đồng (ví dụ 100000).' });
  const cutoffText = text('cutoff');
  if (cutoffText && !/^([01]\d|2[0-3]):[0-5]\d$/.test(cutoffText)) problems.push({ field: 'cutoff', message: 'Giờ chốt dạng HH:mm (ví dụ 15:00).' });
  const online = ONLINE[foldDiacritics(text('online'))];
  if (online === undefined) problems.push({ field: 'online', message: 'Mức độ trực tuyến ghi "toàn trình", "một phần" hoặc để trống.' });
  if (problems.length) return { row: null, problems };
  const requiredDocuments = text('documents')
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => {
      const copy = /\(bản sao\)\s*$/i.test(d);
      return { name: d.replace(/\((bản sao|bản chính)\)\s*$/i, '').trim(), originals: copy ? 0 : 1, copies: copy ? 1 : 0 };
    });
  return {
    row: {
      code: text('code'),
      name: text('name'),
      field: text('field'),
      unitCode: text('unitCode'),
      processingDays: amount,
      processingUnit: unit!,
      feeVnd: fee,
      requiredDocuments,
      cutoff: cutoffText ? { kind: 'time', at: cutoffText } : { kind: 'none' },
      onlineLevel: online ?? null,
    },
    problems: [],
  };
}
