import { describe, expect, it } from 'vitest';
import { maskIdNumber, officialSortKey } from './official-name.ts';

describe('officialSortKey', () => {
  it('orders by given name, then full name, ignoring diacritics', () => {
    const names = ['Lê Thị Bình', 'Trần Văn An', 'Đỗ Minh An', 'Nguyễn Văn Đức', 'Phạm Thu Dung'];
    const sorted = [...names].sort((a, b) => (officialSortKey(a) < officialSortKey(b) ? -1 : 1));
    expect(sorted).toEqual(['Đỗ Minh An', 'Trần Văn An', 'Lê Thị Bình', 'Nguyễn Văn Đức', 'Phạm Thu Dung']);
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 4 and last 2 digits', () => {
    expect(maskIdNumber('025090001234')).toBe('0250******34');
  });
});
