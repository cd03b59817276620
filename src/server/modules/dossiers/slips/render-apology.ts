/**
 * Mẫu số 04: the letter of apology with a new appointment, sent at least one day before the
 * deadline of a dossier that will be late (legal-facts §1.5). The new appointment may be set only
 * once. Circular 03/2025/TT-VPCP names the form "Văn bản xin lỗi và đề nghị gia hạn thời gian giải
 * quyết"; the title printed here is the one used by congvu and can be overridden per province.
 */
import type { Content } from 'pdfmake/interfaces';
import { renderPdf } from './pdf-engine.ts';
import type { ApologyData } from './slip-data.ts';
import { dateInWords, dateTimeInWords } from './slip-format.ts';
import {
  SIGN_AND_SEAL_HINT,
  lookupQrBlock,
  nationalHeader,
  nfc,
  recipientsBlock,
  signatureRow,
  signerBlock,
  slipDocument,
  titleBlock,
} from './slip-layout.ts';

export const APOLOGY_TITLE = 'VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ';

const INDENT = 28;

function letterParagraph(text: Content): Content {
  const body = typeof text === 'string' ? nfc(text) : text;
  return { text: body, alignment: 'justify', leadingIndent: INDENT, margin: [0, 0, 0, 5] };
}

/** Trimmed, NFC, ending with a full stop. */
function sentence(text: string): string {
  const trimmed = nfc(text.trim());
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Renders Mẫu số 04 to a PDF. Throws RangeError unless the new appointment is after the old one. */
export async function renderApology(data: ApologyData): Promise<Buffer> {
  if (data.newDueAt.getTime() <= data.previousDueAt.getTime()) {
    throw new RangeError('the new appointment must be later than the previous one');
  }
  const title = data.title ?? APOLOGY_TITLE;
  const agency = nfc(data.agency.name);
  const receivedOn = dateInWords(data.receivedAt);
  const content: Content[] = [
    nationalHeader(data),
    titleBlock(title),
    {
      text: ['Kính gửi: ', { text: nfc(data.applicant.fullName), bold: true }],
      alignment: 'center',
      margin: [0, 0, 0, 10],
    },
    letterParagraph(
      `${receivedOn.charAt(0).toUpperCase()}${receivedOn.slice(1)}, ${agency} tiếp nhận hồ sơ đề nghị giải quyết thủ tục ` +
        `“${nfc(data.procedureName)}” của Ông/Bà, mã hồ sơ: ${nfc(data.dossierCode)}. Thời gian hẹn trả kết quả ` +
        `ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả là ${dateTimeInWords(data.previousDueAt)}.`,
    ),
    letterParagraph(
      `Tuy nhiên, ${agency} không thể trả kết quả giải quyết hồ sơ của Ông/Bà đúng thời hạn nêu trên. ` +
        `Lý do: ${sentence(data.reason)}`,
    ),
    letterParagraph([
      `${agency} thành thật xin lỗi Ông/Bà vì sự chậm trễ này và xin hẹn lại thời gian trả kết quả giải quyết hồ sơ là: `,
      { text: `${dateTimeInWords(data.newDueAt)}.`, bold: true },
    ]),
    letterParagraph('Rất mong nhận được sự thông cảm của Ông/Bà. Xin trân trọng cảm ơn./.'),
    signatureRow([signerBlock(data.signer, 'THỦ TRƯỞNG CƠ QUAN', SIGN_AND_SEAL_HINT)], {
      stack: [recipientsBlock(data.recipients ?? ['Như trên;', 'Lưu: VT.']), await lookupQrBlock(data.lookupUrl, 58)],
    }),
  ];
  return renderPdf(slipDocument({ common: data, title, content }));
}
