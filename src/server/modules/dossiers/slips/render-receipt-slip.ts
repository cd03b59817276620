/**
 * Mẫu số 01 (Circular 03/2025/TT-VPCP, Annex I): Giấy tiếp nhận hồ sơ và hẹn trả kết quả, the
 * slip handed to the applicant when a complete dossier is received, with the appointment for the
 * result, the fee in figures and words, the QR code of the public lookup page and, when the fee
 * can be paid by transfer, a VietQR code.
 */
import type { Content, TableCell } from 'pdfmake/interfaces';
import { formatVnd, vndInWords } from '../../../../domain/money/vnd-words.ts';
import { renderPdf } from './pdf-engine.ts';
import type { ReceiptSlipData, ReceivedDocument, SlipFee, SlipPaymentQr } from './slip-data.ts';
import { dateTimeInWords } from './slip-format.ts';
import {
  GRID_LAYOUT,
  applicantLines,
  deskName,
  dossierCodeLine,
  labelled,
  nationalHeader,
  nfc,
  lookupCell,
  paragraph,
  type QrCell,
  qrStrip,
  signatureRow,
  signerBlock,
  slipDocument,
  titleBlock,
} from './slip-layout.ts';

export const RECEIPT_SLIP_TITLE = 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ';

function count(n: number, what: string): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0, got ${n}`);
  return n === 0 ? '–' : String(n);
}

function documentsTable(documents: ReceivedDocument[]): Content {
  if (documents.length === 0) return paragraph({ text: '(Không có giấy tờ kèm theo.)', italics: true });
  const header: TableCell[] = ['TT', 'Tên giấy tờ', 'Bản chính', 'Bản sao'].map((text) => ({
    text,
    bold: true,
    alignment: 'center',
  }));
  const rows: TableCell[][] = documents.map((doc, index) => [
    { text: String(index + 1), alignment: 'center' },
    doc.note
      ? { text: [nfc(doc.name), { text: ` (${nfc(doc.note)})`, italics: true }] }
      : { text: nfc(doc.name) },
    { text: count(doc.originals, 'originals'), alignment: 'center' },
    { text: count(doc.copies, 'copies'), alignment: 'center' },
  ]);
  return {
    table: { headerRows: 1, widths: [22, '*', 58, 52], body: [header, ...rows], dontBreakRows: true },
    layout: GRID_LAYOUT,
    fontSize: 12,
    margin: [0, 2, 0, 6],
  };
}

function feeText(fee: SlipFee): Content {
  const label = nfc(fee.label ?? 'Phí, lệ phí');
  if (fee.amount === 0) return `${label}: không thu.`;
  return [`${label}: `, { text: formatVnd(fee.amount), bold: true }, ` (Bằng chữ: ${vndInWords(fee.amount)}).`];
}

function paymentCell(payment: SlipPaymentQr, fee: SlipFee | undefined): QrCell {
  const lines: Content[] = [
    { text: 'Nộp phí, lệ phí bằng chuyển khoản (VietQR)', bold: true },
    { text: nfc(payment.caption), margin: [0, 2, 0, 0] },
  ];
  if (fee && fee.amount > 0) lines.push({ text: ['Số tiền: ', { text: formatVnd(fee.amount), bold: true }] });
  return { qrText: payment.payload, lines };
}

/** Renders Mẫu số 01 to a PDF. */
export async function renderReceiptSlip(data: ReceiptSlipData): Promise<Buffer> {
  const setCount = data.setCount ?? 1;
  if (!Number.isSafeInteger(setCount) || setCount < 1) throw new RangeError('setCount must be a whole number ≥ 1');

  let item = 0;
  const numbered = (text: Content): Content => {
    item += 1;
    return paragraph([`${item}. `, ...(Array.isArray(text) ? text : [text])]);
  };

  const content: Content[] = [
    nationalHeader(data),
    titleBlock(RECEIPT_SLIP_TITLE, [dossierCodeLine(data.dossierCode)]),
    ...applicantLines(`${deskName(data)} tiếp nhận hồ sơ của`, data.applicant),
    labelled('Nội dung yêu cầu giải quyết', data.procedureName, true),
    labelled('Hình thức nộp hồ sơ', data.channel),
    numbered('Thành phần hồ sơ nộp gồm:'),
    documentsTable(data.documents),
    numbered(`Số lượng hồ sơ: ${String(setCount).padStart(2, '0')} bộ.`),
  ];
  if (data.processingTime) content.push(numbered(`Thời gian giải quyết hồ sơ theo quy định: ${nfc(data.processingTime)}.`));
  content.push(numbered(`Thời gian nhận hồ sơ: ${dateTimeInWords(data.receivedAt)}.`));
  content.push(numbered(['Thời gian trả kết quả giải quyết hồ sơ: ', { text: `${dateTimeInWords(data.dueAt)}.`, bold: true }]));
  if (data.fee) content.push(numbered(feeText(data.fee)));
  if (data.resultDelivery) content.push(numbered(`Nơi nhận kết quả: ${nfc(data.resultDelivery)}.`));
  const qrCells = [lookupCell(data.lookupUrl)];
  if (data.paymentQr) qrCells.push(paymentCell(data.paymentQr, data.fee));
  content.push(await qrStrip(qrCells));
  content.push(
    signatureRow([
      { role: 'NGƯỜI NỘP HỒ SƠ', hint: '(Ký và ghi rõ họ tên)', fullName: data.applicant.fullName },
      signerBlock(data.receivingOfficer, 'NGƯỜI TIẾP NHẬN HỒ SƠ'),
    ]),
  );
  return renderPdf(slipDocument({ common: data, title: RECEIPT_SLIP_TITLE, content }));
}
