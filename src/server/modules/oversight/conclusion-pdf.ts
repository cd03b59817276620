import type { Content } from 'pdfmake/interfaces';
import { formatDateVn } from '../../../domain/calendar/index.ts';
import { SEVERITY_VI } from '../../../domain/oversight/inspections.ts';
import { renderPdf, SLIP_FONT } from '../dossiers/slips/pdf-engine.ts';
import { BODY_SIZE, PAGE_MARGINS, nationalHeader, nfc, paragraph, titleBlock } from '../dossiers/slips/slip-layout.ts';

export interface ConclusionData {
  agencyName: string;
  parentName?: string;
  no: number;
  title: string;
  surprise: boolean;
  concludedAt: Date;
  startedAt: Date | null;
  lead: string;
  team: string[];
  targets: string[];
  checklist: { text: string; results: { target: string; result: 'pass' | 'fail' | 'na'; note: string | null }[] }[];
  findings: string[];
  conclusion: string;
  violations: { unit: string; official: string | null; rule: string; severity: 'minor' | 'moderate' | 'serious'; description: string }[];
}

const RESULT_VI = { pass: 'Đạt', fail: 'Không đạt', na: 'Không áp dụng' } as const;

/** The conclusion document of an inspection (Kết luận kiểm tra), signed by the lead, as PDF. */
export async function renderConclusion(d: ConclusionData): Promise<Buffer> {
  const header = nationalHeader({
    agency: { name: d.agencyName, parentName: d.parentName, placeName: 'Phú Thọ' },
    documentNumber: `${d.no}/KL-TTr`,
    dossierCode: '',
    applicant: { fullName: '' },
    procedureName: d.title,
    issuedAt: d.concludedAt,
    lookupUrl: '',
  });
  const rows: Content[][] = [[{ text: 'Nội dung kiểm tra', bold: true }, { text: 'Đơn vị', bold: true }, { text: 'Kết quả', bold: true }]];
  for (const item of d.checklist) {
    for (const r of item.results) rows.push([nfc(item.text), nfc(r.target), `${RESULT_VI[r.result]}${r.note ? `: ${nfc(r.note)}` : ''}`]);
  }
  const content: Content[] = [
    header,
    titleBlock('KẾT LUẬN KIỂM TRA', [{ text: nfc(d.title), bold: true, alignment: 'center', margin: [0, 2, 0, 8] }]),
    paragraph(`Thực hiện ${d.surprise ? 'kiểm tra đột xuất' : 'kế hoạch kiểm tra'}, đoàn kiểm tra do ông/bà ${nfc(d.lead)} làm trưởng đoàn${d.team.length ? `, thành viên: ${nfc(d.team.join(', '))}` : ''} đã kiểm tra ${nfc(d.targets.join(', '))}${d.startedAt ? ` từ ngày ${formatDateVn(d.startedAt)}` : ''}.`),
    paragraph('1. Kết quả kiểm tra theo danh mục:', { bold: true }),
    { table: { headerRows: 1, widths: ['*', 120, 130], body: rows }, fontSize: 11, margin: [0, 2, 0, 8] },
    ...(d.findings.length ? [paragraph('2. Phát hiện:', { bold: true }), { ul: d.findings.map(nfc), margin: [0, 0, 0, 8] } as Content] : []),
    paragraph(`${d.findings.length ? 3 : 2}. Kết luận:`, { bold: true }),
    paragraph(nfc(d.conclusion)),
    ...(d.violations.length
      ? [
          paragraph('Vi phạm được ghi nhận:', { bold: true }),
          { ul: d.violations.map((v) => nfc(`${v.unit}${v.official ? ` – ${v.official}` : ''}: ${v.rule} (mức ${SEVERITY_VI[v.severity].toLowerCase()}). ${v.description}`)) } as Content,
        ]
      : []),
    { columns: [{ text: '', width: '*' }, { stack: [{ text: 'TRƯỞNG ĐOÀN KIỂM TRA', bold: true }, { text: '(Ký, ghi rõ họ tên)', italics: true }, { text: '\n\n\n' }, { text: nfc(d.lead), bold: true }], alignment: 'center', width: 220 }], margin: [0, 16, 0, 0] },
  ];
  return renderPdf({ pageSize: 'A4', pageMargins: PAGE_MARGINS, language: 'vi-VN', info: { title: `Kết luận kiểm tra ${d.no}`, creator: 'congvu' }, defaultStyle: { font: SLIP_FONT, fontSize: BODY_SIZE, lineHeight: 1.08 }, content });
}
