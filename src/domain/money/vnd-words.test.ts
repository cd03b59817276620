import { describe, expect, it } from 'vitest';
import { MAX_VND_IN_WORDS, formatVnd, vndInWords } from './vnd-words.ts';

describe('vndInWords', () => {
  it.each([
    [0, 'Không đồng'],
    [1, 'Một đồng'],
    [5, 'Năm đồng'],
    [10, 'Mười đồng'],
    [11, 'Mười một đồng'],
    [14, 'Mười bốn đồng'],
    [15, 'Mười lăm đồng'],
    [20, 'Hai mươi đồng'],
    [21, 'Hai mươi mốt đồng'],
    [24, 'Hai mươi bốn đồng'],
    [25, 'Hai mươi lăm đồng'],
    [100, 'Một trăm đồng'],
    [101, 'Một trăm linh một đồng'],
    [105, 'Một trăm linh năm đồng'],
    [110, 'Một trăm mười đồng'],
    [111, 'Một trăm mười một đồng'],
    [115, 'Một trăm mười lăm đồng'],
    [999, 'Chín trăm chín mươi chín đồng'],
    [1000, 'Một nghìn đồng'],
    [1005, 'Một nghìn không trăm linh năm đồng'],
    [1050, 'Một nghìn không trăm năm mươi đồng'],
    [1100, 'Một nghìn một trăm đồng'],
    [10_000, 'Mười nghìn đồng'],
    [15_000, 'Mười lăm nghìn đồng'],
    [21_000, 'Hai mươi mốt nghìn đồng'],
    [50_000, 'Năm mươi nghìn đồng'],
    [105_000, 'Một trăm linh năm nghìn đồng'],
    [100_000, 'Một trăm nghìn đồng'],
    [1_000_000, 'Một triệu đồng'],
    [1_000_001, 'Một triệu không trăm linh một đồng'],
    [1_024_000, 'Một triệu không trăm hai mươi bốn nghìn đồng'],
    [1_250_000, 'Một triệu hai trăm năm mươi nghìn đồng'],
    [2_500_500, 'Hai triệu năm trăm nghìn năm trăm đồng'],
    [12_345_678, 'Mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
    [1_000_000_005, 'Một tỷ không trăm linh năm đồng'],
    [2_000_024_000, 'Hai tỷ không trăm hai mươi bốn nghìn đồng'],
    [2_024_000_000, 'Hai tỷ không trăm hai mươi bốn triệu đồng'],
    [21_000_000_000, 'Hai mươi mốt tỷ đồng'],
    [1_000_000_000_000, 'Một nghìn tỷ đồng'],
    [1_000_500_000_000, 'Một nghìn tỷ năm trăm triệu đồng'],
    [1_005_000_000_000, 'Một nghìn không trăm linh năm tỷ đồng'],
    [1_000_000_000_005, 'Một nghìn tỷ không trăm linh năm đồng'],
    [
      999_999_999_999_999,
      'Chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ ' +
        'chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng',
    ],
    [MAX_VND_IN_WORDS, 'Một triệu tỷ đồng'],
  ])('%d → %s', (amount, words) => {
    expect(vndInWords(amount)).toBe(words);
  });

  it('returns NFC text', () => {
    const text = vndInWords(1_234_567_891);
    expect(text).toBe(text.normalize('NFC'));
  });

  it.each([-1, 1.5, Number.NaN, MAX_VND_IN_WORDS + 1, Number.MAX_SAFE_INTEGER + 2])('rejects %d', (amount) => {
    expect(() => vndInWords(amount)).toThrow(RangeError);
  });
});

describe('formatVnd', () => {
  it.each([
    [0, '0 đ'],
    [999, '999 đ'],
    [1000, '1.000 đ'],
    [50_000, '50.000 đ'],
    [1_250_000, '1.250.000 đ'],
    [2_024_000_000, '2.024.000.000 đ'],
    [-5000, '-5.000 đ'],
  ])('%d → %s', (amount, text) => {
    expect(formatVnd(amount)).toBe(text);
  });

  it('rejects non-integers', () => {
    expect(() => formatVnd(0.5)).toThrow(RangeError);
  });
});
