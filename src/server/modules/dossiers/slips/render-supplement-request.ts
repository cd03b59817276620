/**
 * Mẫu số 02 (Circular 03/2025/TT-VPCP, Annex I): Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.
 *
 * Decree 118/2025/NĐ-CP allows one supplement request only ("chỉ được yêu cầu sửa đổi, bổ sung
 * một lần"), stating content, reason and complete instructions at once (legal-facts §1.4): the
 * form lists every item with its reason and instructions and says that the request is the only one.
 */
import type { Content, TableCell } from 'pdfmake/interfaces';
import { renderPdf } from './pdf-engine.ts';
import type { SupplementItem, SupplementRequestData } from './slip-data.ts';
import { dateInWords, dateTimeInWords } from './slip-format.ts';
import {
  GRID_LAYOUT,
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

export const SUPPLEMENT_REQUEST_TITLE = 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ';

function itemsTable(items: SupplementItem[]): Content {
  const header: TableCell[] = ['TT', 'Giấy tờ, nội dung cần bổ sung, hoàn thiện', 'Lý do', 'Hướng dẫn thực hiện'].map(
    (text) => ({ text, bold: true, alignment: 'center' }),
  );
  const rows: TableCell[][] = items.map((item, index) => [
    { text: String(index + 1), alignment: 'center' },
    { text: nfc(item.name) },
    { text: nfc(item.reason) },
    { text: item.instructions ? nfc(item.instructions) : '' },
  ]);
  return {
    table: { headerRows: 1, widths: [22, '*', '*', '*'], body: [header, ...rows], dontBreakRows: true },
    layout: GRID_LAYOUT,
    fontSize: 12,
    margin: [0, 2, 0, 6],
  };
}

/** Renders Mẫu số 02 to a PDF. Throws RangeError when there is nothing to supplement. */
export async function renderSupplementRequest(data: SupplementRequestData): Promise<Buffer> {
  if (data.items.length === 0) throw new RangeError('a supplement request lists at least one item');
  const desk = deskName(data);
  const content: Content[] = [
    nationalHeader(data),
    titleBlock(SUPPLEMENT_REQUEST_TITLE, [dossierCodeLine(data.dossierCode)]),
    ...applicantLines(`${desk} tiếp nhận hồ sơ của`, data.applicant),
    labelled('Nội dung yêu cầu giải quyết', data.procedureName, true),
    labelled('Thời gian tiếp nhận hồ sơ', dateTimeInWords(data.receivedAt)),
    paragraph(
      `Sau khi xem xét, đối chiếu thành phần hồ sơ, ${desk} đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ ` +
        `gồm ${data.items.length === 1 ? 'nội dung' : `${data.items.length} nội dung`} sau:`,
      { margin: [0, 4, 0, 3] },
    ),
    itemsTable(data.items),
    paragraph(
      [
        { text: 'Lưu ý: ', bold: true },
        'Đây là yêu cầu bổ sung, hoàn thiện hồ sơ duy nhất (chỉ yêu cầu một lần), gồm đầy đủ các nội dung nêu trên. ' +
          'Ông/Bà vui lòng bổ sung, hoàn thiện tất cả các nội dung trong một lần nộp; thời hạn giải quyết được tính ' +
          'theo quy định kể từ khi nhận đủ hồ sơ.',
      ],
      { italics: true },
    ),
  ];
  if (data.completeBy) {
    content.push(
      paragraph(
        `Thời hạn bổ sung, hoàn thiện hồ sơ: đến hết ${dateInWords(data.completeBy)}. ` +
          'Quá thời hạn này mà hồ sơ chưa được bổ sung, hoàn thiện thì hồ sơ sẽ bị dừng xử lý theo quy định.',
      ),
    );
  }
  const contact = data.contact ?? (data.agency.phone ? { name: desk, phone: data.agency.phone } : undefined);
  if (contact) {
    content.push(
      paragraph(
        `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ ${nfc(contact.name)}` +
          `${contact.phone ? `, số điện thoại ${nfc(contact.phone)},` : ''} để được hướng dẫn.`,
      ),
    );
  }
  content.push(signatureRow([signerBlock(data.guidingOfficer, 'NGƯỜI HƯỚNG DẪN')], await lookupQrBlock(data.lookupUrl)));
  return renderPdf(slipDocument({ common: data, title: SUPPLEMENT_REQUEST_TITLE, content }));
}
