import { describe, expect, it } from 'vitest';
import { mapProcedureHeaders, parseProcedureRow } from './procedure-import.ts';

describe('procedure catalogue import', () => {
  it('maps the template headers', () => {
    expect(mapProcedureHeaders(['Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Mã đơn vị', 'Thời hạn giải quyết', 'Đơn vị thời hạn', 'Phí, lệ phí', 'Ghi chú'])).toEqual([
      'code', 'name', 'field', 'unitCode', 'amount', 'unit', 'fee', null,
    ]);
  });

  it('parses a same-day procedure with a cut-off and documents', () => {
    const r = parseProcedureRow({
      code: 'HT.KS', name: 'Đăng ký khai sinh', field: 'Hộ tịch', unitCode: 'P.VINHYEN', amount: '0', unit: 'ngày làm việc',
      fee: '0', documents: 'Tờ khai đăng ký khai sinh; Giấy chứng sinh (bản sao)', cutoff: '15:00', online: 'Toàn trình',
    });
    expect(r.problems).toEqual([]);
    expect(r.row).toMatchObject({
      processingDays: 0, processingUnit: 'working_days', cutoff: { kind: 'time', at: '15:00' }, onlineLevel: 'full',
      requiredDocuments: [{ name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0 }, { name: 'Giấy chứng sinh', originals: 0, copies: 1 }],
    });
  });

  it.each([
    ['amount', { amount: 'mười' }],
    ['unit', { unit: 'tuần' }],
    ['fee', { fee: '-5' }],
    ['cutoff', { cutoff: '3pm' }],
  ])('reports a bad %s', (field, bad) => {
    const r = parseProcedureRow({ code: 'X', name: 'Y', field: 'Z', unitCode: 'U', amount: '3', ...bad });
    expect(r.problems.map((p) => p.field)).toEqual([field]);
  });

  it('reads "1.250.000 đ" as a fee and calendar days as such', () => {
    const r = parseProcedureRow({ code: 'X', name: 'Y', field: 'Z', unitCode: 'U', amount: '15', unit: 'ngày', fee: '1.250.000 đ' });
    expect(r.row).toMatchObject({ feeVnd: 1250000, processingUnit: 'calendar_days' });
  });
});
