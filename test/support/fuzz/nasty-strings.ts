import fc from 'fast-check';

/** Markup a stored-script attack would leave behind: never allowed raw in HTML/XML/CSV/PDF output. */
export const HTML_PAYLOADS = [
  '<script>alert("congvu-xss")</script>',
  '<img src=x onerror=alert("congvu-xss")>',
  '"><svg onload=alert("congvu-xss")>',
  "'><iframe src=javascript:alert('congvu-xss')></iframe>",
];
/** Substrings of those payloads (lower case) whose raw presence in rendered (non-JSON) output means they were not escaped. */
export const RAW_MARKUP = ['<script>alert("congvu-xss")', '<img src=x onerror=alert("congvu-xss")', '<svg onload=alert("congvu-xss")', "<iframe src=javascript:alert('congvu-xss')"];

/** Spreadsheet formulas (CSV/XLSX injection): must stay text, never become a formula. */
export const FORMULA_PAYLOADS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://127.0.0.1/","bấm")', '+SUM(1+1)*cmd|\'/C calc\'!A0', '@SUM(A1:A2)', '-2+3+cmd|\' /C notepad\'!A0'];

const SQL = ["' OR 1=1--", "'; drop table units; --", "1' union select password_hash from accounts--", "%' or '1'='1", "\\'; select pg_sleep(0.2); --", '"; delete from audit_log; --'];
const VIETNAMESE = ['Nguyễn Văn Ánh', 'Phường Vĩnh Yên', 'Đặng Thị Hương', 'Sở Tư pháp tỉnh Phú Thọ', 'Hồ sơ đăng ký khai sinh'];
/** Unicode a validator should take (and store as typed, or normalised to NFC). */
const UNICODE_TEXT = [
  ...VIETNAMESE.map((s) => s.normalize('NFD')),
  'Ng\u200Buy\u200Dễn\u2060 V\uFEFFăn',
  '\u202Egnp.exe\u202C Trần',
  '\u2067שלום\u2069 Lê',
  'Phạm\u00A0Thị\u3000Lan',
  'a\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301',
  '👨‍👩‍👧‍👦 🇻🇳',
  'ｆｕｌｌ－ｗｉｄｔｈ',
];
/** Unicode no validator should let through unexamined: lone surrogates, NUL, control characters. */
const UNICODE_BROKEN = [
  '\uD800',
  'lẻ\uDFFF',
  'a\uD83D',
  'null\u0000byte',
  'bell\u0007\u001b[31m',
  'dòng 1\r\ndòng 2\tINFO giả',
];
const OTHER = ['../../../../etc/passwd', '..%2f..%2f..%2fetc%2fpasswd', '${7*7}{{7*7}}', '__proto__', 'constructor', 'NaN', '-0', '1e400', '9007199254740993', 'true', 'null', ''];

/** Hostile text that is still well-formed text: forms accept it, so it must be stored and shown inert. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...SQL), fc.constantFrom(...HTML_PAYLOADS), fc.constantFrom(...FORMULA_PAYLOADS), fc.constantFrom(...UNICODE_TEXT));

/** One short hostile or unusual string, well-formed or not. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE_BROKEN) },
  { weight: 1, arbitrary: fc.constantFrom(...OTHER) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);

/** About 100,000 characters: plain, decomposed Vietnamese, or repeated markup. */
export const hugeString: fc.Arbitrary<string> = fc.constantFrom(
  'a'.repeat(100_000),
  'Nguyễn Văn Ánh '.normalize('NFD').repeat(6_000),
  HTML_PAYLOADS[0]!.repeat(2_700),
  '\u200B'.repeat(100_000),
);

/** Ordinary Vietnamese text, or hostile but well-formed text, alone or inside it. */
export const textLike: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...VIETNAMESE) },
  { weight: 3, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...VIETNAMESE), hostileText).map(([a, b]) => `${a} ${b}`) },
);

/** Percent-encodes text for a URL even when it holds lone surrogates (sent as their WTF-8 bytes: invalid UTF-8). */
export function encodeLoose(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(ch);
  }
  return out;
}
