/**
 * Shared layout of the official one-stop forms, after the presentation rules for administrative
 * documents (Decree 30/2020/NĐ-CP, Annex I): A4 portrait, margins top/bottom 20 mm, left 30 mm,
 * right 20 mm, a Times-style font at 13 pt; the two-column header (governing body and issuing
 * agency on the left with the document number, national name and motto on the right with the
 * place and date in italics); the title centred in bold capitals; signature blocks with the role
 * in bold capitals, the signing hint in italics and the name in bold.
 *
 * Every form is built from these pieces so they look alike and differ only in their body.
 */
import type { Column, Content, ContentStack, ContentSvg, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import { maskIdNumber } from '../../../../domain/org/official-name.ts';
import { SLIP_FONT } from './pdf-engine.ts';
import type { SlipApplicant, SlipCommon, SlipSigner } from './slip-data.ts';
import { placeAndDate } from './slip-format.ts';

const MM = 72 / 25.4;
/** [left, top, right, bottom] in points. */
export const PAGE_MARGINS: [number, number, number, number] = [30 * MM, 20 * MM, 20 * MM, 20 * MM];
export const A4_WIDTH = 595.28;
export const CONTENT_WIDTH = A4_WIDTH - PAGE_MARGINS[0] - PAGE_MARGINS[2];

export const BODY_SIZE = 13;
const HEADER_SIZE = 12.5;
/** Side of the QR codes, in points (≈ 23 mm: reads well from a phone). */
const QR_SIZE = 66;

/** Text as printed: NFC (a decomposed "ệ" would otherwise be drawn as a letter plus floating marks). */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/** Upper case for Vietnamese names in headers ("UBND tỉnh Phú Thọ" → "UBND TỈNH PHÚ THỌ"). */
export function caps(text: string): string {
  return nfc(text).toLocaleUpperCase('vi-VN');
}

function horizontalRule(width: number, margin: [number, number, number, number]): Content {
  return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.6 }], alignment: 'center', margin };
}

/**
 * The national header: issuing body and number on the left, national name, motto and the
 * place-and-date line on the right.
 */
export function nationalHeader(common: SlipCommon): Content {
  const { agency } = common;
  const left: Content[] = [];
  if (agency.parentName) left.push({ text: caps(agency.parentName), fontSize: HEADER_SIZE });
  left.push({ text: caps(agency.name), bold: true, fontSize: HEADER_SIZE });
  left.push(horizontalRule(60, [0, 2, 0, 6]));
  left.push({ text: common.documentNumber ? `Số: ${nfc(common.documentNumber)}` : 'Số: ………………', fontSize: BODY_SIZE });

  const right: Content[] = [
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, fontSize: HEADER_SIZE },
    { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, fontSize: BODY_SIZE },
    // As long as the motto (159 pt in Tinos Bold 13 pt), as Decree 30/2020 draws it.
    horizontalRule(159, [0, 2, 0, 6]),
    { text: nfc(placeAndDate(agency.placeName, common.issuedAt)), italics: true, fontSize: BODY_SIZE },
  ];
  return {
    columns: [
      { width: '40%', stack: left, alignment: 'center' },
      { width: '60%', stack: right, alignment: 'center' },
    ],
    columnGap: 8,
    margin: [-14, 0, -14, 14],
  };
}

/** A QR code as a vector drawing (SVG), `size` points square. */
export async function qrCode(text: string, size: number): Promise<ContentSvg> {
  // qrcode (10 MB resident) is loaded by the first slip, not at start.
  const { toString: qrToSvg } = await import('qrcode');
  const svg = await qrToSvg(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
  return { svg, width: size, height: size };
}

/** The form's title, centred in bold capitals, with optional lines under it (e.g. the dossier code). */
export function titleBlock(title: string, below: Content[] = []): Content {
  return {
    stack: [{ text: caps(title), bold: true, fontSize: 14, margin: [0, 4, 0, 3] }, ...below],
    alignment: 'center',
    margin: [0, 0, 0, 10],
  };
}

export interface QrCell {
  /** What the QR code encodes. */
  qrText: string;
  /** Text beside the code. */
  lines: Content[];
}

/**
 * A ruled box of QR codes, each with its explanation on its right: the public lookup of the
 * dossier and, on the receipt slip, the VietQR code for the fee. One or two cells side by side.
 */
export async function qrStrip(cells: QrCell[], size = QR_SIZE): Promise<Content> {
  const row: TableCell[] = [];
  for (const cell of cells) {
    row.push(await qrCode(cell.qrText, size), { stack: cell.lines, margin: [2, 0, 0, 0] });
  }
  const widths = cells.flatMap(() => [size, '*']);
  return {
    table: { widths, body: [row] },
    layout: {
      ...GRID_LAYOUT,
      // Rule around the box and between the cells, not between a code and its text.
      vLineWidth: (i: number): number => (i % 2 === 1 ? 0 : 0.6),
      paddingTop: (): number => 5,
      paddingBottom: (): number => 5,
    },
    fontSize: 10.5,
    lineHeight: 1,
    margin: [0, 8, 0, 0],
    unbreakable: true,
  };
}

/** The strip cell for the public lookup page (the address itself is in the page footer). */
export function lookupCell(lookupUrl: string): QrCell {
  return {
    qrText: lookupUrl,
    lines: [
      { text: 'Tra cứu hồ sơ', bold: true },
      {
        text: 'Quét mã bằng điện thoại để xem tình trạng giải quyết hồ sơ, đánh giá sự hài lòng hoặc phản ánh, kiến nghị.',
        margin: [0, 2, 0, 0],
      },
    ],
  };
}

/**
 * A small lookup QR code with its caption, for the empty left side of a single signature
 * (forms 02–04), where a full-width strip would push the signature onto a second page.
 */
export async function lookupQrBlock(lookupUrl: string, size = QR_SIZE): Promise<Content> {
  return {
    columns: [
      { ...(await qrCode(lookupUrl, size)), width: size },
      {
        width: '*',
        stack: [
          { text: 'Tra cứu hồ sơ', bold: true },
          { text: 'Quét mã bằng điện thoại để xem tình trạng giải quyết hồ sơ.', margin: [0, 2, 0, 0] },
        ],
        fontSize: 10,
        lineHeight: 1,
      },
    ],
    columnGap: 6,
    margin: [0, 4, 0, 0],
  };
}

/** "Mã hồ sơ: <code>" centred, the code in bold. */
export function dossierCodeLine(code: string): Content {
  return { text: ['Mã hồ sơ: ', { text: nfc(code), bold: true }], alignment: 'center' };
}

export interface ParagraphOptions {
  bold?: boolean;
  italics?: boolean;
  /** [left, top, right, bottom]; default a 3 pt gap below. */
  margin?: [number, number, number, number];
}

/** A justified body paragraph; a plain string is NFC-normalised (pass data inside arrays through `nfc`). */
export function paragraph(text: Content, options: ParagraphOptions = {}): Content {
  return {
    text: typeof text === 'string' ? nfc(text) : text,
    alignment: 'justify',
    margin: options.margin ?? [0, 0, 0, 3],
    bold: options.bold,
    italics: options.italics,
  };
}

/** "Label: value", the value in bold when `strong`. */
export function labelled(label: string, value: string, strong = false): Content {
  return paragraph([`${label}: `, { text: nfc(value), bold: strong }]);
}

/** Applicant lines: name (bold), masked identity number, address, phone and email when given. */
export function applicantLines(lead: string, applicant: SlipApplicant): Content[] {
  const lines: Content[] = [paragraph([`${nfc(lead)}: `, { text: nfc(applicant.fullName), bold: true }])];
  if (applicant.idNumber) lines.push(labelled('Số định danh cá nhân', maskIdNumber(applicant.idNumber)));
  if (applicant.address) lines.push(labelled('Địa chỉ', applicant.address));
  const contact: string[] = [];
  if (applicant.phone) contact.push(`Số điện thoại: ${nfc(applicant.phone)}`);
  if (applicant.email) contact.push(`Email: ${nfc(applicant.email)}`);
  if (contact.length > 0) lines.push(paragraph(contact.join('        ')));
  return lines;
}

/** The desk that speaks on the form ("Bộ phận Một cửa"), or the agency. */
export function deskName(common: SlipCommon): string {
  return nfc(common.agency.deskName ?? common.agency.name);
}

/** Thin-ruled table layout used by every list on the forms. */
export const GRID_LAYOUT = {
  hLineWidth: (): number => 0.6,
  vLineWidth: (): number => 0.6,
  paddingLeft: (): number => 4,
  paddingRight: (): number => 4,
  paddingTop: (): number => 2.5,
  paddingBottom: (): number => 2.5,
};

export interface SignatureBlock {
  /** Role line(s) in capitals; "\n" separates lines. */
  role: string;
  /** Signing hint, e.g. "(Ký và ghi rõ họ tên)". */
  hint: string;
  /** Printed name; blank space when omitted. */
  fullName?: string;
}

export const SIGN_HINT = '(Ký và ghi rõ họ tên)';
export const SIGN_AND_SEAL_HINT = '(Ký, ghi rõ họ tên và đóng dấu)';

/** A signature block from a signer, with the form's default role when the signer gives none. */
export function signerBlock(signer: SlipSigner, defaultRole: string, hint = SIGN_HINT): SignatureBlock {
  return { role: signer.title ?? defaultRole, hint, fullName: signer.fullName };
}

function signatureStack(block: SignatureBlock): ContentStack {
  return {
    stack: [
      { text: caps(block.role), bold: true },
      { text: block.hint, italics: true, fontSize: 12 },
      { text: block.fullName ? nfc(block.fullName) : ' ', bold: true, margin: [0, 50, 0, 0] },
    ],
    alignment: 'center',
    unbreakable: true,
  };
}

/**
 * The signature row at the foot of a form: the blocks side by side (one block sits on the right
 * half), with optional content on the left (e.g. "Nơi nhận").
 */
export function signatureRow(blocks: SignatureBlock[], left?: Content): Content {
  const [only] = blocks;
  const columns: Column[] =
    blocks.length === 1 && only
      ? [{ width: '45%', stack: left ? [left] : [{ text: '' }] }, { width: '55%', ...signatureStack(only) }]
      : blocks.map((b) => ({ width: '*', ...signatureStack(b) }));
  return { columns, columnGap: 12, margin: [0, 12, 0, 0], unbreakable: true };
}

/** "Nơi nhận:" list, bottom-left of letters (Decree 30/2020 style). */
export function recipientsBlock(recipients: string[]): Content {
  return {
    stack: [
      { text: 'Nơi nhận:', bold: true, italics: true, fontSize: 12 },
      ...recipients.map((r) => ({ text: `- ${nfc(r)}`, fontSize: 11 })),
    ],
  };
}

export interface SlipDocumentOptions {
  common: SlipCommon;
  /** Document title in the PDF metadata. */
  title: string;
  content: Content[];
}

/** Wraps a form's content into an A4 document with the shared fonts, margins, footer and metadata. */
export function slipDocument({ common, title, content }: SlipDocumentOptions): TDocumentDefinitions {
  const lookup = nfc(common.lookupUrl);
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: PAGE_MARGINS,
    language: 'vi-VN',
    info: {
      title: `${caps(title)} – ${nfc(common.dossierCode)}`,
      author: nfc(common.agency.name),
      subject: nfc(common.procedureName),
      creator: 'congvu',
      producer: 'congvu (pdfmake)',
      creationDate: common.issuedAt,
    },
    defaultStyle: { font: SLIP_FONT, fontSize: BODY_SIZE, lineHeight: 1.08 },
    footer: (currentPage: number, pageCount: number): Content => ({
      columns: [
        { text: ['Tra cứu hồ sơ tại: ', { text: lookup, link: lookup }], italics: true, fontSize: 9, width: '*' },
        { text: pageCount > 1 ? `Trang ${currentPage}/${pageCount}` : '', fontSize: 9, width: 'auto', alignment: 'right' },
      ],
      margin: [PAGE_MARGINS[0], 24, PAGE_MARGINS[2], 0],
    }),
    content,
  };
}
