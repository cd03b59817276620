import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../lib/exceljs.ts';

export type SheetFormat = 'csv' | 'xlsx';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The sheet format named by a request's Content-Type, or null when it is neither CSV nor XLSX. */
export function sheetFormatOf(contentType: string | undefined): SheetFormat | null {
  const type = String(contentType ?? '');
  return type.startsWith('text/csv') ? 'csv' : type.startsWith(XLSX_TYPE) ? 'xlsx' : null;
}

/** A cell as text. Numbers keep no thousands separators; an 11-digit number regains the leading 0 of an identity number that Excel dropped. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const d = value;
    return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  }
  if (typeof value === 'number') {
    const s = String(value);
    return /^\d{11}$/.test(s) ? `0${s}` : s;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

/** Reads the first sheet of a CSV or XLSX file as rows of strings (row 0 = headers). */
export async function readSheet(data: Buffer, format: SheetFormat): Promise<string[][]> {
  const workbook = new (await loadExcelJS()).Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  if (format === 'csv') {
    // map keeps every value a string, so identity numbers keep their leading zeros.
    const text = data.toString('utf8').replace(/^\uFEFF/, '');
    sheet = await workbook.csv.read(Readable.from([text]), { map: (v: string) => v });
  } else {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    sheet = workbook.worksheets[0];
  }
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    rows[rowNumber - 1] = values.slice(1).map(cellText);
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}
