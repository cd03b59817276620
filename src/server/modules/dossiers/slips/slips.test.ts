import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDateOnly } from '../../../../domain/calendar/index.ts';
import { buildVietQrPayload } from '../../../../domain/payments/vietqr.ts';
import {
  APOLOGY_TITLE,
  type ApologyData,
  RECEIPT_SLIP_TITLE,
  REFUSAL_TITLE,
  type ReceiptSlipData,
  type RefusalData,
  SUPPLEMENT_REQUEST_TITLE,
  type SlipCommon,
  type SupplementRequestData,
  renderApology,
  renderReceiptSlip,
  renderRefusal,
  renderSupplementRequest,
} from './index.ts';
import { dateInWords, dateTimeInWords, placeAndDate } from './slip-format.ts';

/** True when a command-line tool is installed (poppler-utils, zbar-tools). */
function has(tool: string): boolean {
  const result = spawnSync(tool, ['-v'], { stdio: 'ignore' });
  return result.error === undefined;
}
const HAS_PDFTOTEXT = has('pdftotext');
const HAS_PDFTOPPM = has('pdftoppm');
const HAS_PDFINFO = has('pdfinfo');
const HAS_ZBARIMG = has('zbarimg');

const OUT_DIR = join(tmpdir(), 'slips');

const ID_NUMBER = '025190001234';
const LOOKUP_URL = 'https://dichvucong.phutho.gov.vn/tra-cuu/000.00.01.H29-260310-0420';

const common: SlipCommon = {
  agency: {
    parentName: 'UBND tỉnh Phú Thọ',
    name: 'Trung tâm Phục vụ hành chính công tỉnh',
    deskName: 'Bộ phận Một cửa',
    placeName: 'Phú Thọ',
    phone: '0210 3 846 999',
  },
  documentNumber: '125/TNHS',
  dossierCode: '000.00.01.H29-260310-0420',
  applicant: {
    // Decomposed on purpose: the forms must print it composed (NFC).
    fullName: 'Nguyễn Thị Hồng Nhung'.normalize('NFD'),
    idNumber: ID_NUMBER,
    address: 'Số 12, đường Hùng Vương, phường Việt Trì, tỉnh Phú Thọ',
    phone: '0912 345 678',
    email: 'nhung.nguyen@example.vn',
  },
  procedureName: 'Đăng ký thành lập hộ kinh doanh',
  // 09:20 in Vietnam; the server clock is UTC.
  issuedAt: new Date('2026-03-10T02:20:00Z'),
  lookupUrl: LOOKUP_URL,
};

const paymentPayload = buildVietQrPayload({
  bankBin: '970436',
  accountNumber: '0123456789',
  amount: 100_000,
  content: common.dossierCode,
});

const receipt: ReceiptSlipData = {
  ...common,
  documents: [
    { name: 'Giấy đề nghị đăng ký hộ kinh doanh', originals: 1, copies: 0 },
    { name: 'Bản sao thẻ Căn cước của chủ hộ kinh doanh', originals: 0, copies: 1 },
    {
      name: 'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh',
      originals: 1,
      copies: 0,
      note: 'trường hợp các thành viên hộ gia đình đăng ký hộ kinh doanh',
    },
    { name: 'Văn bản ủy quyền cho thành viên làm chủ hộ kinh doanh', originals: 1, copies: 1 },
  ],
  channel: 'Trực tiếp tại Bộ phận Một cửa',
  receivedAt: new Date('2026-03-10T02:15:42Z'), // 09:15:42 in Vietnam
  dueAt: new Date('2026-03-12T17:30:00Z'), // 00:30 on 13/03 in Vietnam: the date must not be the UTC one
  processingTime: '03 ngày làm việc',
  resultDelivery: 'Bộ phận Một cửa Trung tâm Phục vụ hành chính công tỉnh',
  fee: { amount: 100_000, label: 'Lệ phí đăng ký hộ kinh doanh' },
  paymentQr: { payload: paymentPayload, caption: 'Vietcombank – 0123456789 – Trung tâm PVHCC tỉnh Phú Thọ' },
  receivingOfficer: { fullName: 'Trần Văn Bình' },
};

const supplement: SupplementRequestData = {
  ...common,
  documentNumber: '37/YCBS',
  receivedAt: receipt.receivedAt,
  items: [
    {
      name: 'Giấy đề nghị đăng ký hộ kinh doanh',
      reason: 'Chưa ghi ngành, nghề kinh doanh',
      instructions: 'Ghi ngành, nghề theo Hệ thống ngành kinh tế Việt Nam, cấp 4',
    },
    {
      name: 'Biên bản họp thành viên hộ gia đình',
      reason: 'Thiếu chữ ký của thành viên Nguyễn Văn Hùng',
      instructions: 'Bổ sung đủ chữ ký của các thành viên hộ gia đình',
    },
    { name: 'Bản sao thẻ Căn cước', reason: 'Bản chụp mờ, không đọc được số định danh' },
  ],
  completeBy: makeDateOnly(2026, 3, 31),
  contact: { name: 'bà Lê Thu Hà, Bộ phận Một cửa', phone: '0210 3 846 999' },
  guidingOfficer: { fullName: 'Trần Văn Bình' },
};

const refusal: RefusalData = {
  ...common,
  documentNumber: '12/TCHS',
  receivedAt: receipt.receivedAt,
  reasons: [
    'Ngành, nghề đăng ký thuộc danh mục ngành, nghề cấm đầu tư kinh doanh.',
    'Tên hộ kinh doanh trùng với tên hộ kinh doanh đã đăng ký trên địa bàn tỉnh.',
  ],
  legalBasis: 'Điều 87 và Điều 88 Nghị định số 168/2025/NĐ-CP',
  receivingOfficer: { fullName: 'Trần Văn Bình' },
};

const apology: ApologyData = {
  ...common,
  documentNumber: '05/XL-TTPVHCC',
  issuedAt: new Date('2026-03-11T08:00:00Z'),
  receivedAt: receipt.receivedAt,
  previousDueAt: new Date('2026-03-13T09:00:00Z'), // 16:00 in Vietnam
  newDueAt: new Date('2026-03-18T09:00:00Z'),
  reason: 'Hồ sơ cần lấy ý kiến xác minh của Công an phường Việt Trì về địa điểm kinh doanh.',
  signer: { fullName: 'Phạm Quang Minh', title: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC' },
};

const FORMS = [
  ['receipt', RECEIPT_SLIP_TITLE, () => renderReceiptSlip(receipt)],
  ['supplement', SUPPLEMENT_REQUEST_TITLE, () => renderSupplementRequest(supplement)],
  ['refusal', REFUSAL_TITLE, () => renderRefusal(refusal)],
  ['apology', APOLOGY_TITLE, () => renderApology(apology)],
] as const;

type FormName = (typeof FORMS)[number][0];
const pdfs = new Map<FormName, Buffer>();

function pdfOf(name: FormName): Buffer {
  const pdf = pdfs.get(name);
  if (!pdf) throw new Error(`${name} was not rendered`);
  return pdf;
}

function pathOf(name: FormName): string {
  return join(OUT_DIR, `${name}.pdf`);
}

/** pdftotext output with white space collapsed (lines of a paragraph break anywhere). */
function textOf(name: FormName): string {
  const result = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', pathOf(name), '-'], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stdout.replace(/\s+/g, ' ');
}

beforeAll(async () => {
  mkdirSync(OUT_DIR, { recursive: true });
  for (const [name, , render] of FORMS) {
    const pdf = await render();
    pdfs.set(name, pdf);
    writeFileSync(pathOf(name), pdf);
  }
}, 60_000);

describe('slip wording of dates (Asia/Ho_Chi_Minh whatever the server zone)', () => {
  it.each([
    ['2026-03-10T02:15:42Z', '09 giờ 15 phút, ngày 10 tháng 3 năm 2026'],
    ['2026-03-12T17:30:00Z', '00 giờ 30 phút, ngày 13 tháng 3 năm 2026'],
    ['2026-01-04T16:59:59Z', '23 giờ 59 phút, ngày 04 tháng 01 năm 2026'],
    ['2026-02-28T17:00:00Z', '00 giờ 00 phút, ngày 01 tháng 3 năm 2026'],
    ['2025-12-31T17:05:00Z', '00 giờ 05 phút, ngày 01 tháng 01 năm 2026'],
  ])('%s → %s', (iso, words) => {
    expect(dateTimeInWords(new Date(iso))).toBe(words);
  });

  it('pads days below 10 and months 1–2 only (Decree 30/2020)', () => {
    expect(dateInWords(makeDateOnly(2026, 2, 5))).toBe('ngày 05 tháng 02 năm 2026');
    expect(dateInWords(makeDateOnly(2026, 11, 24))).toBe('ngày 24 tháng 11 năm 2026');
    expect(placeAndDate('Phú Thọ', new Date('2026-03-31T18:00:00Z'))).toBe('Phú Thọ, ngày 01 tháng 4 năm 2026');
  });
});

describe.each(FORMS)('%s form', (name) => {
  it('is a complete PDF', () => {
    const pdf = pdfOf(name);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
  });

  it('embeds the bundled Tinos font (subset, TrueType) and no other font', () => {
    const raw = pdfOf(name).toString('latin1');
    const fonts = [...raw.matchAll(/\/BaseFont \/([A-Z]{6}\+)?([\w-]+)/g)].map((m) => m[2]);
    expect(fonts.length).toBeGreaterThan(0);
    expect(new Set(fonts)).toEqual(new Set(fonts.filter((f) => f?.startsWith('Tinos'))));
    expect(raw).toContain('/FontFile2');
  });

  it.runIf(HAS_PDFINFO)('fits on one A4 page', () => {
    const info = spawnSync('pdfinfo', [pathOf(name)], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  });

  it.runIf(HAS_PDFTOTEXT)('prints the national header and the applicant in real Vietnamese text', () => {
    const text = textOf(name);
    expect(text).toBe(text.normalize('NFC'));
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('UBND TỈNH PHÚ THỌ');
    expect(text).toContain('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH');
    expect(text).toContain(`Phú Thọ, ngày ${name === 'apology' ? '11' : '10'} tháng 3 năm 2026`);
    expect(text).toContain('Nguyễn Thị Hồng Nhung');
    expect(text).toContain('000.00.01.H29-260310-0420');
    expect(text).toContain(`Tra cứu hồ sơ tại: ${LOOKUP_URL}`);
    // The identity number is never printed in full.
    expect(text.replace(/\s/g, '')).not.toContain(ID_NUMBER);
  });

  it.runIf(HAS_PDFTOPPM)('renders page 1 to PNG', () => {
    const prefix = join(OUT_DIR, name);
    const result = spawnSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', '-singlefile', pathOf(name), prefix]);
    expect(result.status).toBe(0);
    const png = readFileSync(`${prefix}.png`);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});

describe.runIf(HAS_PDFTOTEXT)('form contents', () => {
  it('receipt slip: title, documents, times in Vietnamese time, fee in figures and words', () => {
    const text = textOf('receipt');
    expect(text).toContain(RECEIPT_SLIP_TITLE);
    expect(text).toContain('Số: 125/TNHS');
    expect(text).toContain('Số định danh cá nhân: 0251******34');
    expect(text).toContain('Đăng ký thành lập hộ kinh doanh');
    expect(text).toContain('Bản chính');
    expect(text).toContain('Văn bản ủy quyền cho thành viên làm chủ hộ kinh doanh');
    expect(text).toContain('Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 10 tháng 3 năm 2026');
    expect(text).toContain('Thời gian trả kết quả giải quyết hồ sơ: 00 giờ 30 phút, ngày 13 tháng 3 năm 2026');
    expect(text).toContain('Lệ phí đăng ký hộ kinh doanh: 100.000 đ (Bằng chữ: Một trăm nghìn đồng)');
    expect(text).toContain('Nộp phí, lệ phí bằng chuyển khoản (VietQR)');
    expect(text).toContain('NGƯỜI NỘP HỒ SƠ');
    expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    expect(text).toContain('Trần Văn Bình');
  });

  it('supplement request: every item with its reason, asked once', () => {
    const text = textOf('supplement');
    expect(text).toContain(SUPPLEMENT_REQUEST_TITLE);
    expect(text).toContain('gồm 3 nội dung sau');
    for (const item of supplement.items) expect(text).toContain(item.reason);
    expect(text).toContain('chỉ yêu cầu một lần');
    expect(text).toContain('đến hết ngày 31 tháng 3 năm 2026');
    expect(text).toContain('NGƯỜI HƯỚNG DẪN');
  });

  it('refusal: the reasons and the legal basis', () => {
    const text = textOf('refusal');
    expect(text).toContain(REFUSAL_TITLE);
    for (const reason of refusal.reasons) expect(text).toContain(reason);
    expect(text).toContain('Căn cứ: Điều 87 và Điều 88 Nghị định số 168/2025/NĐ-CP');
  });

  it('apology: old and new appointment, the reason and the signer', () => {
    const text = textOf('apology');
    expect(text).toContain(APOLOGY_TITLE);
    expect(text).toContain('Kính gửi: Nguyễn Thị Hồng Nhung');
    expect(text).toContain('16 giờ 00 phút, ngày 13 tháng 3 năm 2026');
    expect(text).toContain('16 giờ 00 phút, ngày 18 tháng 3 năm 2026');
    expect(text).toContain(apology.reason);
    expect(text).toContain('KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC');
    expect(text).toContain('Phạm Quang Minh');
    expect(text).toContain('Nơi nhận:');
  });
});

describe.runIf(HAS_PDFTOPPM && HAS_ZBARIMG)('QR codes scan back from the printed page', () => {
  it('receipt slip: the lookup address and the VietQR payload', () => {
    const png = join(OUT_DIR, 'receipt-scan');
    spawnSync('pdftoppm', ['-png', '-r', '200', '-f', '1', '-l', '1', '-singlefile', pathOf('receipt'), png]);
    const result = spawnSync('zbarimg', ['-q', '--raw', `${png}.png`], { encoding: 'utf8' });
    const codes = result.stdout.trim().split('\n').sort();
    expect(codes).toEqual([paymentPayload, LOOKUP_URL].sort());
  });
});

describe('input checks', () => {
  it('refuses a supplement request with nothing to supplement', async () => {
    await expect(renderSupplementRequest({ ...supplement, items: [] })).rejects.toThrow(RangeError);
  });

  it('refuses a refusal without a reason', async () => {
    await expect(renderRefusal({ ...refusal, reasons: ['  '] })).rejects.toThrow(RangeError);
  });

  it('refuses an apology whose new appointment is not later', async () => {
    await expect(renderApology({ ...apology, newDueAt: apology.previousDueAt })).rejects.toThrow(RangeError);
  });

  it('refuses negative document counts on the receipt slip', async () => {
    await expect(
      renderReceiptSlip({ ...receipt, documents: [{ name: 'Giấy đề nghị', originals: -1, copies: 0 }] }),
    ).rejects.toThrow(RangeError);
  });

  it('prints a receipt without fee, payment, email or documents', async () => {
    const { fee: _fee, paymentQr: _paymentQr, ...rest } = receipt;
    const pdf = await renderReceiptSlip({ ...rest, documents: [], applicant: { fullName: 'Công ty TNHH Hòa Bình' } });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
