/**
 * Amounts of Vietnamese đồng as printed on official forms: in words ("Bằng chữ: …") and in
 * figures with a dot as thousands separator. Pure; no Intl/ICU dependency, so the output is the
 * same on every Node build.
 *
 * Reading conventions (the administrative style used on receipts, invoices and payment orders):
 * - "mười" for 10–19, "X mươi" from 20; "mốt" for a final 1 after "mươi" (21 → "hai mươi mốt"),
 *   "một" otherwise (11 → "mười một", 101 → "một trăm linh một");
 * - "lăm" for a final 5 after "mười"/"mươi" (15 → "mười lăm", 25 → "hai mươi lăm"), "năm" after
 *   "linh" (105 → "một trăm linh năm");
 * - "bốn" everywhere (24 → "hai mươi bốn"): the colloquial "tư" is not used on forms;
 * - "linh" (not "lẻ") for an empty tens digit: 105 → "một trăm linh năm";
 * - "nghìn" (not "ngàn") and "tỷ" (not "tỉ");
 * - a three-digit group that follows a higher group is read in full, with "không trăm" when its
 *   hundreds digit is 0 (1 024 000 → "một triệu không trăm hai mươi bốn nghìn"); groups that are
 *   all zeros are skipped (2 024 000 000 → "hai tỷ không trăm hai mươi bốn triệu");
 * - above a billion the reading recurses on the number of billions: 10^12 → "một nghìn tỷ",
 *   10^15 → "một triệu tỷ".
 * The result starts with a capital letter and ends with "đồng".
 */

/** Largest amount accepted: 10^15 đồng ("Một triệu tỷ đồng"). */
export const MAX_VND_IN_WORDS = 1_000_000_000_000_000;

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

function digitWord(d: number): string {
  const word = DIGITS[d];
  if (word === undefined) throw new RangeError(`not a digit: ${d}`);
  return word;
}

/**
 * Words of a group 0–999. `full` reads the group as it appears after a higher group: the hundreds
 * digit is always said ("không trăm") and an empty tens digit becomes "linh".
 */
function readTriple(n: number, full: boolean): string[] {
  const h = Math.floor(n / 100);
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  const words: string[] = [];
  const saysHundreds = full || h > 0;
  if (saysHundreds) words.push(digitWord(h), 'trăm');
  if (t === 0) {
    if (u === 0) return words;
    if (saysHundreds) words.push('linh');
    words.push(digitWord(u));
    return words;
  }
  words.push(...(t === 1 ? ['mười'] : [digitWord(t), 'mươi']));
  if (u === 1) words.push(t === 1 ? 'một' : 'mốt');
  else if (u === 5) words.push('lăm');
  else if (u !== 0) words.push(digitWord(u));
  return words;
}

const GROUP_NAMES = ['', 'nghìn', 'triệu'] as const;

/** Words of 1 ≤ n < 10^9; `full` when a higher part (billions) was already read. */
function readBelowBillion(n: number, full: boolean): string[] {
  const groups = [Math.floor(n / 1_000_000), Math.floor(n / 1000) % 1000, n % 1000];
  const words: string[] = [];
  let leading = !full;
  groups.forEach((group, index) => {
    if (group === 0) return;
    words.push(...readTriple(group, !leading));
    const name = GROUP_NAMES[2 - index];
    if (name) words.push(name);
    leading = false;
  });
  return words;
}

/** Words of n ≥ 1 without the currency; `full` when a higher part was already read. */
function readPositive(n: number, full: boolean): string[] {
  const billions = Math.floor(n / 1_000_000_000);
  const rest = n % 1_000_000_000;
  if (billions === 0) return readBelowBillion(rest, full);
  const words = [...readPositive(billions, full), 'tỷ'];
  if (rest > 0) words.push(...readBelowBillion(rest, true));
  return words;
}

function assertAmount(amount: number): void {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`VND amount must be an integer, got ${amount}`);
}

/**
 * An integer amount of VND, 0 ≤ amount ≤ 10^15, in Vietnamese words:
 * 1 250 000 → "Một triệu hai trăm năm mươi nghìn đồng"; 0 → "Không đồng".
 */
export function vndInWords(amount: number): string {
  assertAmount(amount);
  if (amount < 0 || amount > MAX_VND_IN_WORDS) {
    throw new RangeError(`VND amount out of range 0..10^15: ${amount}`);
  }
  const words = amount === 0 ? ['không'] : readPositive(amount, false);
  const text = `${words.join(' ')} đồng`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An integer amount of VND in figures, dot-grouped: 1250000 → "1.250.000 đ", -5000 → "-5.000 đ". */
export function formatVnd(amount: number): string {
  assertAmount(amount);
  const digits = String(Math.abs(amount));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}${grouped} đ`;
}
