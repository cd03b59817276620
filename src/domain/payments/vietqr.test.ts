import { describe, expect, it } from 'vitest';
import {
  buildVietQrPayload,
  crc16Ccitt,
  encodeTlv,
  parseTlv,
  parseVietQrPayload,
  vietQrTransferContent,
} from './vietqr.ts';

/**
 * Independent CRC-16/CCITT-FALSE, bit by bit straight from the definition (message bits shifted
 * into the register MSB first, polynomial 0x1021, register preset to 0xFFFF), so a mistake in
 * the table-driven implementation under test does not hide itself.
 */
function referenceCrc(text: string): string {
  let register = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    for (let i = 7; i >= 0; i--) {
      const bit = (byte >> i) & 1;
      const top = (register >> 15) & 1;
      register = (register << 1) & 0xffff;
      if (top ^ bit) register ^= 0x1021;
    }
  }
  return register.toString(16).toUpperCase().padStart(4, '0');
}

/** Payloads published with their CRC: the EMVCo MPM specification's example and two VietQR codes. */
const PUBLISHED = [
  // EMVCo QRCPS-MPM specification example (contains UTF-8 text in template 64).
  '00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT' +
    '6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016' +
    'A0112233449988770708123456786304A13A',
  // VietQR issued by a payment gateway for a transfer of 100 000 đ.
  '00020101021238570010A000000727012700069704220113VQRQAAUQA63360208QRIBFTTA530370454061000005802VN62220818' +
    'Payment for course6304AC3C',
  // VietQR of a 1 000 đ transfer with content "Chuyen tien".
  '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704540410005802VN62150811' +
    'Chuyen tien6304BBB8',
];

describe('crc16Ccitt', () => {
  it('gives the CRC-16/CCITT-FALSE check value for "123456789"', () => {
    expect(crc16Ccitt('123456789')).toBe('29B1');
    expect(referenceCrc('123456789')).toBe('29B1');
  });

  it.each(PUBLISHED)('matches the published CRC of %s', (payload) => {
    const body = payload.slice(0, -4);
    const published = payload.slice(-4);
    expect(crc16Ccitt(body)).toBe(published);
    expect(referenceCrc(body)).toBe(published);
  });

  it('agrees with the bitwise reference on assorted input', () => {
    for (const text of ['', 'A', '6304', '000201010211', 'Nguyễn Văn Đức', 'x'.repeat(300)]) {
      expect(crc16Ccitt(text)).toBe(referenceCrc(text));
    }
  });

  it('pads to four hex digits', () => {
    // Find an input whose CRC is below 0x1000 and check the padding.
    const small = Array.from({ length: 5000 }, (_, i) => `p${i}`).find((s) => parseInt(referenceCrc(s), 16) < 0x1000);
    expect(small).toBeDefined();
    expect(crc16Ccitt(small ?? '')).toMatch(/^0[0-9A-F]{3}$/);
  });
});

describe('TLV', () => {
  it('encodes tag, two-digit length and value', () => {
    expect(encodeTlv([{ tag: '00', value: '01' }, { tag: '58', value: 'VN' }])).toBe('0002015802VN');
  });

  it('counts characters, not bytes', () => {
    expect(encodeTlv([{ tag: '01', value: '北京' }])).toBe('0102北京');
  });

  it('rejects empty and over-long values and bad tags', () => {
    expect(() => encodeTlv([{ tag: '08', value: '' }])).toThrow(RangeError);
    expect(() => encodeTlv([{ tag: '08', value: 'x'.repeat(100) }])).toThrow(RangeError);
    expect(() => encodeTlv([{ tag: '8', value: 'x' }])).toThrow(RangeError);
  });

  it('parses what it encodes, and the published examples', () => {
    const fields = [
      { tag: '00', value: '01' },
      { tag: '62', value: '0811Chuyen tien' },
    ];
    expect(parseTlv(encodeTlv(fields))).toEqual(fields);
    for (const payload of PUBLISHED) expect(encodeTlv(parseTlv(payload))).toBe(payload);
  });

  it('rejects truncated input', () => {
    expect(() => parseTlv('0002')).toThrow(RangeError);
    expect(() => parseTlv('00020')).toThrow(RangeError);
  });
});

describe('vietQrTransferContent', () => {
  it.each([
    ['Lệ phí hồ sơ 000.00.01.H29-260310-0420', 'LE PHI HO SO 000.00.01.H29-260310-0420'],
    ['Đăng ký kinh doanh', 'DANG KY KINH DOANH'],
    ['Nộp phí: #HS/123 (lần 1)', 'NOP PHI HS 123 LAN 1'],
    ['  ỨNG   Hộ '.normalize('NFD'), 'UNG HO'],
  ])('%s → %s', (input, folded) => {
    expect(vietQrTransferContent(input)).toBe(folded);
  });
});

describe('buildVietQrPayload', () => {
  it('builds the dynamic payload laid out by hand from the specification', () => {
    // BIN 970436, account 0123456789, 50 000 đ, content = a 25-character dossier code.
    const beneficiary = '0006970436' + '0110' + '0123456789'; // 24 characters
    const merchant = '0010A000000727' + '0124' + beneficiary + '0208QRIBFTTA'; // 14 + 28 + 12 = 54
    const body =
      '000201' +
      '010212' +
      '3854' +
      merchant +
      '5303704' +
      '540550000' +
      '5802VN' +
      '6229' +
      '0825000.00.01.H29-260310-0420' +
      '6304';
    const payload = buildVietQrPayload({
      bankBin: '970436',
      accountNumber: '0123456789',
      amount: 50_000,
      content: '000.00.01.H29-260310-0420',
    });
    expect(payload).toBe(body + referenceCrc(body));
  });

  it('reproduces a published VietQR payload byte for byte', () => {
    expect(
      buildVietQrPayload({ bankBin: '970436', accountNumber: '0123456789', amount: 150_000, content: 'AFWD WITHDRAWAL12' }),
    ).toBe(
      '00020101021238540010A00000072701240006970436011001234567890208QRIBFTTA530370454061500005802VN62210817' +
        'AFWD WITHDRAWAL12630469B7',
    );
  });

  it('makes a static QR without amount and without content', () => {
    const payload = buildVietQrPayload({ bankBin: '970415', accountNumber: '113366668888' });
    expect(payload).toBe(
      '00020101021138560010A0000007270126000697041501121133666688880208QRIBFTTA53037045802VN6304' +
        referenceCrc('00020101021138560010A0000007270126000697041501121133666688880208QRIBFTTA53037045802VN6304'),
    );
    const parsed = parseVietQrPayload(payload);
    expect(parsed.pointOfInitiation).toBe('static');
    expect(parsed.amount).toBeUndefined();
    expect(parsed.content).toBeUndefined();
  });

  it('folds Vietnamese content to ASCII', () => {
    const payload = buildVietQrPayload({
      bankBin: '970418',
      accountNumber: '12345678901',
      amount: 1_250_000,
      content: 'Lệ phí hồ sơ H29-0420',
    });
    expect(payload).toMatch(/^[\x20-\x7e]+$/);
    expect(parseVietQrPayload(payload).content).toBe('LE PHI HO SO H29-0420');
  });

  it('parses its own output back', () => {
    const transfer = { bankBin: '970422', accountNumber: 'VQR0000DEMO', amount: 2_024_000_000, content: 'HS 260310-0420' };
    const payload = buildVietQrPayload(transfer);
    const parsed = parseVietQrPayload(payload);
    expect(parsed).toEqual({
      pointOfInitiation: 'dynamic',
      bankBin: '970422',
      accountNumber: 'VQR0000DEMO',
      serviceCode: 'QRIBFTTA',
      currency: '704',
      amount: 2_024_000_000,
      country: 'VN',
      content: 'HS 260310-0420',
      crc: payload.slice(-4),
    });
    // Every length prefix matches its value, at the root and in the templates.
    const root = parseTlv(payload);
    expect(root.map((f) => f.tag)).toEqual(['00', '01', '38', '53', '54', '58', '62', '63']);
    expect(encodeTlv(root)).toBe(payload);
    const merchant = parseTlv(root.find((f) => f.tag === '38')?.value ?? '');
    expect(merchant.map((f) => f.tag)).toEqual(['00', '01', '02']);
  });

  it.each(PUBLISHED.slice(1))('parses the published VietQR %s', (payload) => {
    const parsed = parseVietQrPayload(payload);
    expect(parsed.serviceCode).toBe('QRIBFTTA');
    expect(parsed.currency).toBe('704');
    expect(parsed.country).toBe('VN');
  });

  it('detects a corrupted payload', () => {
    const payload = buildVietQrPayload({ bankBin: '970436', accountNumber: '0123456789', amount: 50_000 });
    const tampered = payload.replace('50000', '90000');
    expect(() => parseVietQrPayload(tampered)).toThrow(/CRC/);
  });

  it.each([
    [{ bankBin: '97043', accountNumber: '0123456789' }],
    [{ bankBin: '970436', accountNumber: '' }],
    [{ bankBin: '970436', accountNumber: '01234567890123456789' }],
    [{ bankBin: '970436', accountNumber: '0123-456' }],
    [{ bankBin: '970436', accountNumber: '0123456789', amount: 0 }],
    [{ bankBin: '970436', accountNumber: '0123456789', amount: 10.5 }],
    [{ bankBin: '970436', accountNumber: '0123456789', amount: 10_000_000_000_000 }],
    [{ bankBin: '970436', accountNumber: '0123456789', content: 'Nộp lệ phí hồ sơ 000.00.01.H29-260310-0420' }],
  ])('rejects %j', (transfer) => {
    expect(() => buildVietQrPayload(transfer)).toThrow(RangeError);
  });
});
