import { type DateOnly, closingOf } from '../calendar/index.ts';
import { foldDiacritics } from '../text/fold.ts';
import { type Channel, DOSSIER_STATUSES, type DossierStatus, NATIONAL_STATUS_CODE } from './status.ts';
import type { DossierAction, DossierActionType } from './transitions.ts';

/**
 * One row of a dossier-history import (docs/import.md): one event of one dossier, as a CSV/XLSX
 * row or a JSON Lines object with the same keys. Pure: parses and checks a row on its own; the
 * service resolves codes against the database and replays the events through the lifecycle rules.
 */
export const IMPORT_COLUMNS = [
  'ma_ho_so',
  'ma_thu_tuc',
  'ma_don_vi',
  'kenh',
  'ho_ten',
  'so_dinh_danh',
  'dien_thoai',
  'email',
  'dia_chi',
  'su_kien',
  'thoi_gian',
  'trang_thai',
  'ly_do',
  'ngay_hen_moi',
  'ket_qua',
  'giay_to_bo_sung',
  'nguoi_xu_ly',
  'so_tien',
  'hinh_thuc',
  'ghi_chu',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Columns every file must have. */
export const REQUIRED_IMPORT_COLUMNS: readonly ImportColumn[] = ['ma_ho_so', 'su_kien', 'thoi_gian'];

/** Other names a header may carry (after folding: "Họ và tên" → "ho_va_ten"). */
const COLUMN_ALIASES: Readonly<Record<string, ImportColumn>> = {
  ho_va_ten: 'ho_ten',
  so_cccd: 'so_dinh_danh',
  cccd: 'so_dinh_danh',
  so_dinh_danh_ca_nhan: 'so_dinh_danh',
  so_dien_thoai: 'dien_thoai',
  kenh_nop: 'kenh',
  loai_su_kien: 'su_kien',
  thoi_diem: 'thoi_gian',
  ma_trang_thai: 'trang_thai',
  ngay_hen_tra_moi: 'ngay_hen_moi',
  hinh_thuc_thanh_toan: 'hinh_thuc',
};

const COLUMN_SET: ReadonlySet<string> = new Set(IMPORT_COLUMNS);

/** The column a header names, matched after folding diacritics: "Mã hồ sơ", "ma_ho_so" and "MA HO SO" are one column. */
export function importColumnOf(header: string): ImportColumn | null {
  const key = foldDiacritics(header.replace(/^\uFEFF/, ''))
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (COLUMN_SET.has(key)) return key as ImportColumn;
  return COLUMN_ALIASES[key] ?? null;
}

export function mapImportHeaders(headers: readonly string[]): (ImportColumn | null)[] {
  return headers.map(importColumnOf);
}

/** What an import row records: the opening of a dossier, or one lifecycle action. */
export type ImportEventKind = 'create' | 'submit' | DossierActionType;

const ACTION_KINDS: readonly DossierActionType[] = [
  'receive',
  'refuse_reception',
  'assign',
  'request_supplement',
  'complete_supplement',
  'request_payment',
  'record_payment',
  'apologize',
  'propose',
  'decide',
  'return_result',
  'withdraw',
  'stop',
  'close_incomplete',
  'record_visit',
];
export const IMPORT_EVENT_KINDS: readonly ImportEventKind[] = ['create', 'submit', ...ACTION_KINDS];

/** The event type stored in dossier_events: both openings are the dossier's 'create' event, as in the live system. */
export function storedEventType(kind: ImportEventKind): string {
  return kind === 'submit' ? 'create' : kind;
}

export interface ImportApplicant {
  fullName: string;
  idNumber: string;
  phone: string;
  email: string | null;
  address: string | null;
}

export interface ImportOpening {
  procedureCode: string;
  unitCode: string;
  channel: Channel;
  applicant: ImportApplicant;
}

/** A lifecycle action as the row states it: the handler is still a reference (identity number or email). */
export type ImportAction =
  | { type: 'create' }
  | { type: 'submit' }
  | Exclude<DossierAction, { type: 'assign' }>
  | { type: 'assign'; handlerRef: string };

export interface ImportEvent {
  line: number;
  sourceCode: string;
  at: Date;
  /** National status code (1–10) the source says the dossier had after this event; checked against the replay. */
  statusCode: number | null;
  action: ImportAction;
  /** Procedure, channel and applicant: read on the opening row (create/submit) only. */
  opening: ImportOpening | null;
}

export interface ImportProblem {
  field: ImportColumn | null;
  code: string;
  message: string;
}

export interface ParsedImportRow {
  /** The dossier the row belongs to, when its code could be read (even if the row has problems). */
  sourceCode: string | null;
  event: ImportEvent | null;
  problems: ImportProblem[];
}

// NUL cannot be stored in PostgreSQL text; other C0 controls have no place in a field.
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** An ISO-8601 date and time with its offset ("2026-03-02T08:15:00+07:00", "…Z"), or null. */
export function parseInstantWithOffset(value: string): Date | null {
  const m = ISO_INSTANT.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const s = m[6] ? Number(m[6]) : 0;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  let offsetMinutes = 0;
  const zone = m[8]!;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 14 || om > 59) return null;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000);
}

/** A new appointment: a full instant with offset, or a date (YYYY-MM-DD or dd/MM/yyyy) meaning the close of that office day. */
export function parseAppointment(value: string): Date | null {
  const instant = parseInstantWithOffset(value);
  if (instant) return instant;
  const s = value.trim();
  let y: number, m: number, d: number;
  const iso = ISO_DATE.exec(s);
  const vn = VN_DATE.exec(s);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else return null;
  if (!validDate(y, m, d)) return null;
  return closingOf(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as DateOnly);
}

const CHANNELS: Readonly<Record<string, Channel>> = {
  '1': 'counter',
  counter: 'counter',
  'truc tiep': 'counter',
  '2': 'online',
  online: 'online',
  'truc tuyen': 'online',
  '3': 'postal',
  postal: 'postal',
  'buu chinh': 'postal',
  'buu chinh cong ich': 'postal',
  'qua buu chinh cong ich': 'postal',
};
const OUTCOMES: Readonly<Record<string, 'approved' | 'rejected'>> = {
  approved: 'approved',
  'dong y': 'approved',
  'chap thuan': 'approved',
  duyet: 'approved',
  dat: 'approved',
  rejected: 'rejected',
  'tu choi': 'rejected',
  'khong dong y': 'rejected',
  'khong dat': 'rejected',
};
const PAYMENT_METHODS: Readonly<Record<string, 'cash' | 'transfer' | 'online'>> = {
  cash: 'cash',
  'tien mat': 'cash',
  transfer: 'transfer',
  'chuyen khoan': 'transfer',
  online: 'online',
  'truc tuyen': 'online',
};

const LIMITS: Partial<Record<ImportColumn, number>> = {
  ma_ho_so: 100,
  ma_thu_tuc: 40,
  ma_don_vi: 40,
  ho_ten: 200,
  email: 200,
  dia_chi: 500,
  ly_do: 1000,
  ghi_chu: 1000,
  giay_to_bo_sung: 5000,
  nguoi_xu_ly: 200,
};

/** "a; b;; c" → ["a", "b", "c"]; an array (JSON Lines) is taken as it is. */
function splitList(value: string): string[] {
  return value
    .split(';')
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** VND amount: "200000", "200.000", "200,000" or "200 000"; a positive integer. */
export function parseVnd(value: string): number | null {
  const s = value.trim();
  if (!/^\d+$/.test(s) && !/^\d{1,3}([.,\s]\d{3})+$/.test(s)) return null;
  const n = Number(s.replace(/[.,\s]/g, ''));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** A cell as NFC text with inner white space collapsed ('' when empty; lists joined with ';'), or why it cannot be read. */
function readCell(raw: unknown, column: ImportColumn): string | { code: string; message: string } {
  let s: string;
  if (raw === undefined || raw === null) return '';
  if (typeof raw === 'string') s = raw;
  else if (typeof raw === 'number' && Number.isFinite(raw)) s = String(raw);
  else if (Array.isArray(raw) && raw.every((x) => typeof x === 'string')) s = (raw as string[]).map((x) => x.replace(/;/g, ',')).join(';');
  else return { code: 'INVALID_VALUE', message: 'Giá trị phải là chuỗi hoặc số.' };
  if (CONTROL.test(s)) return { code: 'INVALID_VALUE', message: 'Có ký tự điều khiển không hợp lệ.' };
  s = s.normalize('NFC').replace(/\s+/g, ' ').trim();
  const max = LIMITS[column];
  if (max && s.length > max) return { code: 'TOO_LONG', message: `Dài quá ${max} ký tự.` };
  return s;
}

/** The dossier a row names, read exactly as parseImportRow reads it; null when it cannot be read. */
export function importSourceCodeOf(values: Readonly<Record<string, unknown>>): string | null {
  const read = readCell(values.ma_ho_so, 'ma_ho_so');
  return typeof read === 'string' && read ? read : null;
}

/** One row's cells as read so far and the problems found: methods, not closures made per row. */
class RowReader {
  readonly problems: ImportProblem[] = [];
  private readonly cache = new Map<ImportColumn, string>();
  constructor(private readonly values: Readonly<Record<string, unknown>>) {}

  problem(field: ImportColumn | null, code: string, message: string) {
    this.problems.push({ field, code, message });
  }

  /** The cell as NFC text, inner white space collapsed; '' when empty. Lists (arrays) are joined with ';'. */
  text(column: ImportColumn): string {
    const known = this.cache.get(column);
    if (known !== undefined) return known;
    const read = readCell(this.values[column], column);
    if (typeof read !== 'string') this.problem(column, read.code, read.message);
    const value = typeof read === 'string' ? read : '';
    this.cache.set(column, value);
    return value;
  }

  required(column: ImportColumn, what: string): string {
    const s = this.text(column);
    if (!s && !this.problems.some((p) => p.field === column)) this.problem(column, 'REQUIRED', `Thiếu ${what}.`);
    return s;
  }

  folded(column: ImportColumn): string {
    return foldDiacritics(this.text(column)).replace(/[_-]+/g, ' ');
  }

  reason(what: string): string {
    return this.required('ly_do', what);
  }

  outcome(): 'approved' | 'rejected' | null {
    const s = this.folded('ket_qua');
    if (!s) {
      this.problem('ket_qua', 'REQUIRED', 'Thiếu kết quả (ket_qua: approved hoặc rejected).');
      return null;
    }
    const o = OUTCOMES[s];
    if (!o) this.problem('ket_qua', 'INVALID_VALUE', `Kết quả "${this.text('ket_qua')}" phải là approved (đồng ý) hoặc rejected (từ chối).`);
    return o ?? null;
  }

  amount(): number | null {
    const s = this.required('so_tien', 'số tiền (so_tien)');
    if (!s) return null;
    const n = parseVnd(s);
    if (n === null) this.problem('so_tien', 'INVALID_VALUE', `Số tiền "${s}" phải là số nguyên dương (đồng).`);
    return n;
  }

  note(): string | null {
    return this.text('ghi_chu') || null;
  }
}

/** Checks one row on its own. `line` is the row's line in the file (or its position in an API batch). */
export function parseImportRow(values: Readonly<Record<string, unknown>>, line: number): ParsedImportRow {
  const r = new RowReader(values);

  const sourceCode = r.required('ma_ho_so', 'mã hồ sơ (ma_ho_so)') || null;

  const kindText = r.required('su_kien', 'loại sự kiện (su_kien)').toLowerCase().replace(/[\s-]+/g, '_');
  const kind = (IMPORT_EVENT_KINDS as readonly string[]).includes(kindText) ? (kindText as ImportEventKind) : null;
  if (kindText && !kind) r.problem('su_kien', 'UNKNOWN_EVENT', `Sự kiện "${kindText}" không có trong danh sách (${IMPORT_EVENT_KINDS.join(', ')}).`);

  const atText = r.required('thoi_gian', 'thời gian (thoi_gian)');
  const at = atText ? parseInstantWithOffset(atText) : null;
  if (atText && !at) r.problem('thoi_gian', 'INVALID_TIME', `Thời gian "${atText}" phải theo ISO-8601 có múi giờ, ví dụ 2026-03-02T08:15:00+07:00.`);

  let statusCode: number | null = null;
  const statusText = r.text('trang_thai');
  if (statusText) {
    const byName = (DOSSIER_STATUSES as readonly string[]).includes(statusText) ? NATIONAL_STATUS_CODE[statusText as DossierStatus] : null;
    const n = /^\d{1,2}$/.test(statusText) ? Number(statusText) : byName;
    if (n === null || n < 1 || n > 10) r.problem('trang_thai', 'INVALID_STATUS', `Mã trạng thái "${statusText}" phải là số từ 1 đến 10.`);
    else statusCode = n;
  }

  let opening: ImportOpening | null = null;
  let action: ImportAction | null = null;
  switch (kind) {
    case null:
      break;
    case 'create':
    case 'submit': {
      const procedureCode = r.required('ma_thu_tuc', 'mã thủ tục (ma_thu_tuc)');
      const unitCode = r.required('ma_don_vi', 'mã đơn vị (ma_don_vi)');
      const channelText = r.folded('kenh');
      const channel = CHANNELS[channelText] ?? null;
      if (!channelText) r.problem('kenh', 'REQUIRED', 'Thiếu kênh nộp (kenh: 1/2/3 hoặc counter/online/postal).');
      else if (!channel) r.problem('kenh', 'INVALID_VALUE', `Kênh "${r.text('kenh')}" phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính công ích).`);
      const fullName = r.required('ho_ten', 'họ tên người nộp (ho_ten)');
      const rawId = r.text('so_dinh_danh').replace(/[\s.]/g, '');
      // A spreadsheet cell typed as a number loses the leading zeros of the province code.
      const idNumber = /^\d{9,11}$/.test(rawId) ? rawId.padStart(12, '0') : rawId;
      if (!rawId) {
        if (!r.problems.some((p) => p.field === 'so_dinh_danh')) r.problem('so_dinh_danh', 'REQUIRED', 'Thiếu số định danh cá nhân (so_dinh_danh).');
      } else if (!/^\d{12}$/.test(idNumber)) r.problem('so_dinh_danh', 'INVALID_VALUE', 'Số định danh cá nhân gồm đúng 12 chữ số.');
      const rawPhone = r.text('dien_thoai').replace(/[\s.()-]/g, '');
      const phone = /^[1-9]\d{8}$/.test(rawPhone) ? `0${rawPhone}` : rawPhone;
      if (!rawPhone) {
        if (!r.problems.some((p) => p.field === 'dien_thoai')) r.problem('dien_thoai', 'REQUIRED', 'Thiếu số điện thoại (dien_thoai).');
      } else if (!/^(\+84|0)\d{9,10}$/.test(phone)) r.problem('dien_thoai', 'INVALID_VALUE', 'Số điện thoại không hợp lệ (ví dụ 0912345678).');
      const email = r.text('email');
      if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) r.problem('email', 'INVALID_VALUE', 'Email không hợp lệ.');
      if (channel) {
        opening = {
          procedureCode,
          unitCode,
          channel,
          applicant: { fullName, idNumber, phone, email: email ? email.toLowerCase() : null, address: r.text('dia_chi') || null },
        };
      }
      action = { type: kind };
      break;
    }
    case 'receive':
    case 'complete_supplement':
    case 'return_result':
    case 'close_incomplete':
      action = { type: kind };
      break;
    case 'refuse_reception':
      action = { type: kind, reasons: splitList(r.reason('lý do từ chối (ly_do)')) };
      break;
    case 'assign': {
      const handlerRef = r.required('nguoi_xu_ly', 'người xử lý (nguoi_xu_ly: số định danh hoặc email của cán bộ)');
      action = { type: kind, handlerRef };
      break;
    }
    case 'request_supplement': {
      const items = splitList(r.required('giay_to_bo_sung', 'danh sách giấy tờ cần bổ sung (giay_to_bo_sung, cách nhau bởi dấu ;)'));
      if (items.length > 50) r.problem('giay_to_bo_sung', 'TOO_LONG', 'Tối đa 50 giấy tờ.');
      if (items.some((i) => i.length > 300)) r.problem('giay_to_bo_sung', 'TOO_LONG', 'Tên mỗi giấy tờ tối đa 300 ký tự.');
      action = { type: kind, items, note: r.note() };
      break;
    }
    case 'request_payment':
      action = { type: kind, amountVnd: r.amount() ?? 0 };
      break;
    case 'record_payment': {
      const amountVnd = r.amount() ?? 0;
      const methodText = r.folded('hinh_thuc');
      const method = PAYMENT_METHODS[methodText];
      if (!methodText) r.problem('hinh_thuc', 'REQUIRED', 'Thiếu hình thức thanh toán (hinh_thuc: cash, transfer hoặc online).');
      else if (!method) r.problem('hinh_thuc', 'INVALID_VALUE', `Hình thức "${r.text('hinh_thuc')}" phải là cash (tiền mặt), transfer (chuyển khoản) hoặc online.`);
      action = { type: kind, amountVnd, method: method ?? 'cash' };
      break;
    }
    case 'apologize': {
      const dueText = r.required('ngay_hen_moi', 'ngày hẹn trả mới (ngay_hen_moi)');
      const newDueAt = dueText ? parseAppointment(dueText) : null;
      if (dueText && !newDueAt) r.problem('ngay_hen_moi', 'INVALID_TIME', `Ngày hẹn mới "${dueText}" phải là ngày (YYYY-MM-DD, dd/MM/yyyy) hoặc thời điểm ISO-8601 có múi giờ.`);
      const why = r.reason('lý do chậm (ly_do)');
      action = { type: kind, newDueAt: newDueAt ?? new Date(0), reason: why };
      break;
    }
    case 'propose': {
      const o = r.outcome();
      action = { type: kind, outcome: o ?? 'approved', note: r.note() };
      break;
    }
    case 'decide': {
      const o = r.outcome();
      const reasons = splitList(r.text('ly_do'));
      if (o === 'rejected' && reasons.length === 0 && !r.problems.some((p) => p.field === 'ly_do')) {
        r.problem('ly_do', 'REQUIRED', 'Từ chối giải quyết phải nêu lý do (ly_do).');
      }
      action = { type: kind, outcome: o ?? 'approved', ...(reasons.length ? { reasons } : {}) };
      break;
    }
    case 'withdraw':
    case 'stop':
      action = { type: kind, reason: r.reason('lý do (ly_do)') };
      break;
    case 'record_visit':
      action = { type: kind, purpose: r.text('ghi_chu') || r.text('ly_do') || 'Công dân đến bộ phận một cửa' };
      break;
  }

  if (r.problems.length || !sourceCode || !at || !action) return { sourceCode, event: null, problems: r.problems };
  return { sourceCode, event: { line, sourceCode, at, statusCode, action, opening }, problems: [] };
}

/** One dossier's events in the order they are replayed: by time, then by their order in the file. */
export interface DossierHistory {
  sourceCode: string;
  events: ImportEvent[];
}

/** Groups events by dossier (in the order dossiers first appear) and sorts each history by time. */
export function groupImportEvents(events: readonly ImportEvent[]): DossierHistory[] {
  const groups = new Map<string, ImportEvent[]>();
  for (const e of events) {
    const list = groups.get(e.sourceCode);
    if (list) list.push(e);
    else groups.set(e.sourceCode, [e]);
  }
  return [...groups].map(([sourceCode, list]) => ({
    sourceCode,
    events: [...list].sort((a, b) => a.at.getTime() - b.at.getTime() || a.line - b.line),
  }));
}

const SOURCE = /^[a-z0-9][a-z0-9._-]{0,39}$/;

/** The name of a source system, lower-cased: letters, digits, '.', '_' and '-', at most 40 characters. */
export function normalizeImportSource(name: string): string | null {
  const s = name.trim().toLowerCase();
  return SOURCE.test(s) ? s : null;
}

/** The key of an imported dossier: the source and the source's own code. */
export function externalRefOf(source: string, sourceCode: string): string {
  return `${source}:${sourceCode}`;
}

/** The label imported events carry as their actor. */
export function importActorLabel(source: string): string {
  return `import:${source}`;
}
