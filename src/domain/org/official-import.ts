import { mapHeadersTo } from '../import/map-headers.ts';
import { foldDiacritics } from '../text/fold.ts';

/**
 * Columns of the officials import file. Headers are matched after folding diacritics, so
 * "Họ và tên", "ho va ten" and "ho_ten" all name the same column.
 */
export const IMPORT_COLUMNS = {
  fullName: ['ho va ten', 'ho ten', 'ho_ten', 'full name', 'fullname'],
  idNumber: ['so dinh danh', 'so dinh danh ca nhan', 'so_dinh_danh', 'cccd', 'so cccd', 'id number'],
  gender: ['gioi tinh', 'gioi_tinh', 'gender'],
  birthDate: ['ngay sinh', 'ngay_sinh', 'birth date'],
  email: ['email', 'thu dien tu'],
  phone: ['dien thoai', 'so dien thoai', 'dien_thoai', 'phone'],
  rank: ['ngach', 'ngach cong chuc', 'rank'],
  employmentType: ['loai', 'loai can bo', 'employment type'],
  partyRole: ['chuc vu dang', 'chuc_vu_dang', 'party role'],
  isHead: ['nguoi dung dau', 'nguoi_dung_dau', 'head'],
  unitCode: ['ma don vi', 'ma_don_vi', 'unit code'],
  startedOn: ['ngay bat dau', 'ngay bat dau cong tac', 'ngay_bat_dau', 'started on'],
} as const;

export type ImportField = keyof typeof IMPORT_COLUMNS;

export const TEMPLATE_HEADERS = [
  'Họ và tên',
  'Số định danh cá nhân',
  'Giới tính',
  'Ngày sinh',
  'Email',
  'Điện thoại',
  'Ngạch',
  'Loại',
  'Chức vụ Đảng',
  'Người đứng đầu',
  'Mã đơn vị',
  'Ngày bắt đầu công tác',
];

/** Maps each header cell to the field it names; unknown headers map to null. */
export function mapHeaders(headers: readonly string[]): (ImportField | null)[] {
  return mapHeadersTo(headers, IMPORT_COLUMNS);
}

export interface ParsedOfficialRow {
  fullName: string;
  idNumber: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  rank: string | null;
  employmentType: 'cong_chuc' | 'vien_chuc' | 'hop_dong';
  partyRole: 'standing_committee' | 'committee' | 'member' | 'none';
  isHead: boolean;
  unitCode: string;
  startedOn: string | null;
}

export interface RowProblem {
  field: string;
  message: string;
}

/** dd/MM/yyyy (as Vietnamese files write it) or ISO yyyy-MM-dd → ISO date, or null when invalid. */
export function parseVnDate(value: string): string | null {
  const s = value.trim();
  let y: number, m: number, d: number;
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const GENDER: Record<string, 'male' | 'female'> = { nam: 'male', male: 'male', nu: 'female', female: 'female' };
const EMPLOYMENT: Record<string, ParsedOfficialRow['employmentType']> = {
  'cong chuc': 'cong_chuc',
  cong_chuc: 'cong_chuc',
  'vien chuc': 'vien_chuc',
  vien_chuc: 'vien_chuc',
  'hop dong': 'hop_dong',
  hop_dong: 'hop_dong',
};
const PARTY: Record<string, ParsedOfficialRow['partyRole']> = {
  'uy vien ban thuong vu': 'standing_committee',
  'ban thuong vu': 'standing_committee',
  standing_committee: 'standing_committee',
  'uy vien ban chap hanh': 'committee',
  'ban chap hanh': 'committee',
  committee: 'committee',
  'dang vien': 'member',
  member: 'member',
  khong: 'none',
  none: 'none',
};
const YES = new Set(['co', 'x', '1', 'true', 'yes']);

/** Turns one row of cells (already strings) into an official, or the list of what is wrong with it. */
export function parseOfficialRow(
  cells: Partial<Record<ImportField, string>>,
): { row: ParsedOfficialRow; problems: [] } | { row: null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const text = (f: ImportField) => (cells[f] ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  const folded = (f: ImportField) => foldDiacritics(text(f));
  const date = (f: ImportField) => {
    if (!text(f)) return null;
    const parsed = parseVnDate(text(f));
    if (!parsed) problems.push({ field: f, message: `Ngày "${text(f)}" không hợp lệ (dd/MM/yyyy).` });
    return parsed;
  };

  const fullName = text('fullName');
  if (!fullName) problems.push({ field: 'fullName', message: 'Thiếu họ và tên.' });
  // A spreadsheet cell typed as a number loses its leading zeros ("001…" for Hà Nội): restore them.
  const rawId = text('idNumber').replace(/[\s.]/g, '');
  const idNumber = /^\d{9,11}$/.test(rawId) ? rawId.padStart(12, '0') : rawId;
  if (!idNumber) problems.push({ field: 'idNumber', message: 'Thiếu số định danh cá nhân.' });
  const unitCode = text('unitCode');
  if (!unitCode) problems.push({ field: 'unitCode', message: 'Thiếu mã đơn vị.' });
  const gender = folded('gender') ? (GENDER[folded('gender')] ?? null) : null;
  if (folded('gender') && !gender) problems.push({ field: 'gender', message: 'Giới tính ghi "Nam" hoặc "Nữ".' });
  const employmentType = folded('employmentType') ? EMPLOYMENT[folded('employmentType')] : 'cong_chuc';
  if (!employmentType) problems.push({ field: 'employmentType', message: 'Loại ghi "Công chức", "Viên chức" hoặc "Hợp đồng".' });
  const partyRole = folded('partyRole') ? PARTY[folded('partyRole')] : 'none';
  if (!partyRole) {
    problems.push({ field: 'partyRole', message: 'Chức vụ Đảng ghi "Ủy viên Ban Thường vụ", "Ủy viên Ban Chấp hành", "Đảng viên" hoặc "Không".' });
  }
  const birthDate = date('birthDate');
  const startedOn = date('startedOn');
  if (problems.length) return { row: null, problems };
  return {
    row: {
      fullName,
      idNumber,
      gender,
      birthDate,
      email: text('email') || null,
      phone: ((p) => (/^[1-9]\d{8}$/.test(p) ? `0${p}` : p))(text('phone').replace(/[\s.]/g, '')) || null,
      rank: text('rank') || null,
      employmentType: employmentType!,
      partyRole: partyRole!,
      isHead: YES.has(folded('isHead')),
      unitCode,
      startedOn,
    },
    problems: [],
  };
}
