import { describe, expect, it } from 'vitest';
import { foldDiacritics, normalizeText } from './fold.ts';

describe('foldDiacritics', () => {
  it.each([
    ['Nguyễn Văn Đức', 'nguyen van duc'],
    ['Nguyễn Văn Đức'.normalize('NFD'), 'nguyen van duc'],
    ['ĐẶNG THỊ HỒNG', 'dang thi hong'],
    ['  Trần   Quốc  Toản ', 'tran quoc toan'],
    ['Phường Việt Trì', 'phuong viet tri'],
    ['Ủy ban nhân dân', 'uy ban nhan dan'],
  ])('%s → %s', (input, folded) => {
    expect(foldDiacritics(input)).toBe(folded);
  });
});

describe('normalizeText', () => {
  it('composes decomposed input to NFC and collapses spaces', () => {
    const out = normalizeText('  Lê   Thị '.normalize('NFD'));
    expect(out).toBe('Lê Thị');
    expect(out).toBe(out.normalize('NFC'));
  });
});
