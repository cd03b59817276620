import { describe, expect, it } from 'vitest';
import {
  externalRefOf,
  groupImportEvents,
  type ImportEvent,
  mapImportHeaders,
  normalizeImportSource,
  parseAppointment,
  parseImportRow,
  parseInstantWithOffset,
  parseVnd,
  storedEventType,
} from './import-row.ts';

const opening = {
  ma_ho_so: 'HS-001',
  ma_thu_tuc: 'TP.LLTP',
  ma_don_vi: 'STP',
  kenh: '1',
  ho_ten: ' Nguyễn  Văn An ',
  so_dinh_danh: '025090001234',
  dien_thoai: '0912345678',
  su_kien: 'create',
  thoi_gian: '2026-03-02T08:15:00+07:00',
};

describe('dossier import rows', () => {
  it('maps headers with or without diacritics, spaces or underscores', () => {
    expect(mapImportHeaders(['Mã hồ sơ', 'ma_thu_tuc', 'MA DON VI', 'Họ và tên', 'Số CCCD', 'Sự kiện', 'Thời gian', 'Ghi chú khác', '\uFEFFkenh'])).toEqual([
      'ma_ho_so',
      'ma_thu_tuc',
      'ma_don_vi',
      'ho_ten',
      'so_dinh_danh',
      'su_kien',
      'thoi_gian',
      null,
      'kenh',
    ]);
  });

  it.each([
    ['2026-03-02T08:15:00+07:00', '2026-03-02T01:15:00.000Z'],
    ['2026-03-02T08:15+07:00', '2026-03-02T01:15:00.000Z'],
    ['2026-03-02T01:15:00.123456Z', '2026-03-02T01:15:00.123Z'],
    ['2026-03-02 08:15:00+0700', '2026-03-02T01:15:00.000Z'],
    ['2026-03-02T08:15:00-05:00', '2026-03-02T13:15:00.000Z'],
    ['2026-03-02T08:15:00', null],
    ['2026-02-30T08:15:00+07:00', null],
    ['2026-03-02T24:00:00+07:00', null],
    ['02/03/2026 08:15', null],
  ])('reads the instant %s', (input, expected) => {
    expect(parseInstantWithOffset(input)?.toISOString() ?? null).toBe(expected);
  });

  it('reads a new appointment as an instant or as the close of an office day', () => {
    expect(parseAppointment('2026-03-20')?.toISOString()).toBe('2026-03-20T10:00:00.000Z');
    expect(parseAppointment('20/03/2026')?.toISOString()).toBe('2026-03-20T10:00:00.000Z');
    expect(parseAppointment('2026-03-20T09:00:00+07:00')?.toISOString()).toBe('2026-03-20T02:00:00.000Z');
    expect(parseAppointment('31/02/2026')).toBeNull();
  });

  it.each([
    ['200000', 200000],
    ['200.000', 200000],
    ['1,200,000', 1200000],
    ['0', null],
    ['12.5', null],
    ['-5', null],
  ])('reads the amount %s', (input, expected) => {
    expect(parseVnd(input)).toBe(expected);
  });

  it('parses an opening row with its procedure, channel and applicant', () => {
    const { event, problems } = parseImportRow(opening, 2);
    expect(problems).toEqual([]);
    expect(event).toMatchObject({
      line: 2,
      sourceCode: 'HS-001',
      at: new Date('2026-03-02T01:15:00Z'),
      statusCode: null,
      action: { type: 'create' },
      opening: { procedureCode: 'TP.LLTP', unitCode: 'STP', channel: 'counter', applicant: { fullName: 'Nguyễn Văn An', idNumber: '025090001234', phone: '0912345678', email: null } },
    });
  });

  it('accepts JSON Lines values: numbers for channel and status, an array of documents', () => {
    const row = parseImportRow({ ...opening, kenh: 2, so_dinh_danh: '25090001234', dien_thoai: 912345678, trang_thai: 2 }, 1);
    expect(row.problems).toEqual([]);
    expect(row.event?.opening).toMatchObject({ channel: 'online', applicant: { idNumber: '025090001234', phone: '0912345678' } });
    expect(row.event?.statusCode).toBe(2);
    const ask = parseImportRow({ ma_ho_so: 'HS-001', su_kien: 'request_supplement', thoi_gian: '2026-03-03T09:00:00+07:00', giay_to_bo_sung: ['Bản sao CCCD', 'Tờ khai'] }, 3);
    expect(ask.event?.action).toEqual({ type: 'request_supplement', items: ['Bản sao CCCD', 'Tờ khai'], note: null });
  });

  it('turns each event type into the action the lifecycle rules take', () => {
    const at = '2026-03-03T09:00:00+07:00';
    const action = (values: Record<string, unknown>) => parseImportRow({ ma_ho_so: 'X', thoi_gian: at, ...values }, 5).event?.action;
    expect(action({ su_kien: 'assign', nguoi_xu_ly: 'a@b.vn' })).toEqual({ type: 'assign', handlerRef: 'a@b.vn' });
    expect(action({ su_kien: 'request_supplement', giay_to_bo_sung: 'Bản sao CCCD; Tờ khai ;' })).toEqual({ type: 'request_supplement', items: ['Bản sao CCCD', 'Tờ khai'], note: null });
    expect(action({ su_kien: 'Apologize', ngay_hen_moi: '2026-03-20', ly_do: 'Chờ xác minh' })).toEqual({ type: 'apologize', newDueAt: new Date('2026-03-20T10:00:00Z'), reason: 'Chờ xác minh' });
    expect(action({ su_kien: 'decide', ket_qua: 'Từ chối', ly_do: 'Không đủ điều kiện; Thiếu giấy tờ' })).toEqual({ type: 'decide', outcome: 'rejected', reasons: ['Không đủ điều kiện', 'Thiếu giấy tờ'] });
    expect(action({ su_kien: 'propose', ket_qua: 'đồng ý' })).toEqual({ type: 'propose', outcome: 'approved', note: null });
    expect(action({ su_kien: 'record-payment', so_tien: '200.000', hinh_thuc: 'Chuyển khoản' })).toEqual({ type: 'record_payment', amountVnd: 200000, method: 'transfer' });
    expect(action({ su_kien: 'withdraw', ly_do: 'Công dân xin rút' })).toEqual({ type: 'withdraw', reason: 'Công dân xin rút' });
    expect(action({ su_kien: 'return_result' })).toEqual({ type: 'return_result' });
  });

  it('reports every problem of a row with its column, and still names the dossier', () => {
    const row = parseImportRow({ ...opening, kenh: 'fax', so_dinh_danh: '123', thoi_gian: '02/03/2026', trang_thai: '11', email: 'sai' }, 7);
    expect(row.event).toBeNull();
    expect(row.sourceCode).toBe('HS-001');
    expect(row.problems.map((p) => p.field).sort()).toEqual(['email', 'kenh', 'so_dinh_danh', 'thoi_gian', 'trang_thai']);
    const unknown = parseImportRow({ ma_ho_so: 'X', su_kien: 'teleport', thoi_gian: opening.thoi_gian }, 8);
    expect(unknown.problems).toEqual([expect.objectContaining({ field: 'su_kien', code: 'UNKNOWN_EVENT' })]);
    const missing = parseImportRow({ su_kien: 'stop', thoi_gian: opening.thoi_gian }, 9);
    expect(missing.sourceCode).toBeNull();
    expect(missing.problems.map((p) => [p.field, p.code])).toEqual([
      ['ma_ho_so', 'REQUIRED'],
      ['ly_do', 'REQUIRED'],
    ]);
    const control = parseImportRow({ ...opening, ho_ten: 'An\u0000' }, 10);
    expect(control.problems).toEqual([expect.objectContaining({ field: 'ho_ten', code: 'INVALID_VALUE' })]);
    const rejected = parseImportRow({ ma_ho_so: 'X', su_kien: 'decide', ket_qua: 'rejected', thoi_gian: opening.thoi_gian }, 11);
    expect(rejected.problems).toEqual([expect.objectContaining({ field: 'ly_do', code: 'REQUIRED' })]);
    const objectValue = parseImportRow({ ...opening, ho_ten: { first: 'An' } }, 12);
    expect(objectValue.problems).toEqual([expect.objectContaining({ field: 'ho_ten', code: 'INVALID_VALUE' })]);
  });

  it('groups events by dossier in order of appearance and sorts each history by time, then line', () => {
    const ev = (line: number, code: string, at: string): ImportEvent => ({ line, sourceCode: code, at: new Date(at), statusCode: null, action: { type: 'receive' }, opening: null });
    const groups = groupImportEvents([ev(2, 'B', '2026-01-02T00:00:00Z'), ev(3, 'A', '2026-01-03T00:00:00Z'), ev(4, 'B', '2026-01-01T00:00:00Z'), ev(5, 'B', '2026-01-01T00:00:00Z')]);
    expect(groups.map((g) => [g.sourceCode, g.events.map((e) => e.line)])).toEqual([
      ['B', [4, 5, 2]],
      ['A', [3]],
    ]);
  });

  it('names sources and external references', () => {
    expect(normalizeImportSource(' DVC-PhuTho ')).toBe('dvc-phutho');
    expect(normalizeImportSource('có dấu')).toBeNull();
    expect(normalizeImportSource('a:b')).toBeNull();
    expect(externalRefOf('dvc', '38.98.H29-210519-0013')).toBe('dvc:38.98.H29-210519-0013');
    expect(storedEventType('submit')).toBe('create');
    expect(storedEventType('assign')).toBe('assign');
  });
});
