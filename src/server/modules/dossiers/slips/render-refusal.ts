/**
 * Mẫu số 03 (Circular 03/2025/TT-VPCP, Annex I): Phiếu từ chối tiếp nhận giải quyết hồ sơ, with
 * every reason stated.
 */
import type { Content } from 'pdfmake/interfaces';
import { renderPdf } from './pdf-engine.ts';
import type { RefusalData } from './slip-data.ts';
import { dateTimeInWords } from './slip-format.ts';
import {
  applicantLines,
  deskName,
  dossierCodeLine,
  labelled,
  lookupQrBlock,
  nationalHeader,
  nfc,
  paragraph,
  signatureRow,
  signerBlock,
  slipDocument,
  titleBlock,
} from './slip-layout.ts';

export const REFUSAL_TITLE = 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ';

/** Renders Mẫu số 03 to a PDF. Throws RangeError when no reason is given. */
export async function renderRefusal(data: RefusalData): Promise<Buffer> {
  const reasons = data.reasons.map((r) => r.trim()).filter((r) => r.length > 0);
  if (reasons.length === 0) throw new RangeError('a refusal states at least one reason');
  const desk = deskName(data);
  const content: Content[] = [
    nationalHeader(data),
    titleBlock(REFUSAL_TITLE, [dossierCodeLine(data.dossierCode)]),
    ...applicantLines(`${desk} tiếp nhận hồ sơ của`, data.applicant),
    labelled('Nội dung yêu cầu giải quyết', data.procedureName, true),
    labelled('Thời gian tiếp nhận hồ sơ', dateTimeInWords(data.receivedAt)),
    paragraph(`Qua xem xét, ${desk} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`, {
      margin: [0, 4, 0, 3],
    }),
    {
      ol: reasons.map((r) => ({ text: nfc(r), alignment: 'justify', margin: [0, 0, 0, 2] })),
      margin: [10, 0, 0, 4],
    },
  ];
  if (data.legalBasis) content.push(labelled('Căn cứ', data.legalBasis));
  content.push(paragraph('Xin thông báo để Ông/Bà được biết và thực hiện./.'));
  content.push(signatureRow([signerBlock(data.receivingOfficer, 'NGƯỜI TIẾP NHẬN HỒ SƠ')], await lookupQrBlock(data.lookupUrl)));
  return renderPdf(slipDocument({ common: data, title: REFUSAL_TITLE, content }));
}
