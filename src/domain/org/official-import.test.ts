import { describe, expect, it } from 'vitest';
import { mapHeaders, parseOfficialRow, parseVnDate } from './official-import.ts';

describe('officials import', () => {
  it('maps Vietnamese headers with or without diacritics', () => {
    expect(mapHeaders(['Họ và tên', 'so_dinh_danh', 'NGÀY SINH', 'Mã đơn vị', 'Ghi chú'])).toEqual([
      'fullName',
      'idNumber',
      'birthDate',
      'unitCode',
      null,
    ]);
  });

  it.each([
    ['24/11/2026', '2026-11-24'],
    ['1/2/1990', '1990-02-01'],
    ['1990-02-01', '1990-02-01'],
    ['31/02/2026', null],
    ['2026/11/24', null],
  ])('parses date %s', (input, expected) => {
    expect(parseVnDate(input)).toBe(expected);
  });

  it('parses a complete row', () => {
    const result = parseOfficialRow({
      fullName: ' Nguyễn  Thị Hoa ',
      idNumber: '025 190 001234',
      gender: 'Nữ',
      birthDate: '05/03/1990',
      employmentType: 'Viên chức',
      partyRole: 'Đảng viên',
      isHead: 'Có',
      unitCode: 'SNV',
    });
    expect(result.problems).toEqual([]);
    expect(result.row).toMatchObject({
      fullName: 'Nguyễn Thị Hoa',
      idNumber: '025190001234',
      gender: 'female',
      birthDate: '1990-03-05',
      employmentType: 'vien_chuc',
      partyRole: 'member',
      isHead: true,
    });
  });

  it('names every problem of a bad row', () => {
    const result = parseOfficialRow({ fullName: '', gender: 'X', birthDate: '32/01/1990' });
    expect(result.problems.map((p) => p.field)).toEqual(['fullName', 'idNumber', 'unitCode', 'gender', 'birthDate']);
  });
});
