import path from 'node:path';
import { type ImportColumn, REQUIRED_IMPORT_COLUMNS, mapImportHeaders } from '../../../domain/dossiers/import-row.ts';
import { readSheet } from '../org/spreadsheet.ts';

export const IMPORT_FORMATS = ['csv', 'xlsx', 'jsonl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One row of an import: its line in the file (1 = the CSV header) and its values by column. */
export interface ImportRow {
  line: number;
  values: Readonly<Record<string, unknown>>;
}

/** A line that could not be read as a row at all (JSON Lines): reported, never attached to a dossier's history. */
export interface UnreadableLine {
  line: number;
  /** The dossier named on the broken line, when it can still be seen: that dossier is not imported. */
  sourceCode: string | null;
  message: string;
}

/** The file as a whole could not be read: nothing is imported. */
export class ImportFileError extends Error {}

/** csv, xlsx or jsonl from a file name (`.ndjson` counts as JSON Lines); null when the extension says nothing. */
export function importFormatOf(fileName: string): ImportFormat | null {
  const ext = path.extname(fileName).toLowerCase().slice(1);
  if (ext === 'csv' || ext === 'xlsx') return ext;
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  return null;
}

const SOURCE_CODE_IN_TEXT = /"ma_ho_so"\s*:\s*"((?:[^"\\]|\\.){1,100})"/;

function readJsonLines(data: Buffer): { rows: ImportRow[]; unreadable: UnreadableLine[] } {
  const text = data.toString('utf8').replace(/^\uFEFF/, '');
  const rows: ImportRow[] = [];
  const unreadable: UnreadableLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      const named = SOURCE_CODE_IN_TEXT.exec(raw);
      let sourceCode: string | null = null;
      if (named) {
        try {
          sourceCode = (JSON.parse(`"${named[1]}"`) as string).trim() || null;
        } catch {
          sourceCode = null;
        }
      }
      unreadable.push({ line, sourceCode, message: 'Dòng không phải JSON hợp lệ.' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      unreadable.push({ line, sourceCode: null, message: 'Mỗi dòng phải là một đối tượng JSON {…}.' });
      return;
    }
    rows.push({ line, values: value as Record<string, unknown> });
  });
  return { rows, unreadable };
}

async function readTable(data: Buffer, format: 'csv' | 'xlsx'): Promise<ImportRow[]> {
  let table: string[][];
  try {
    table = await readSheet(data, format);
  } catch {
    throw new ImportFileError(`Không đọc được tệp ${format.toUpperCase()}.`);
  }
  const [header, ...body] = table;
  const columns = mapImportHeaders(header ?? []);
  const missing = REQUIRED_IMPORT_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) throw new ImportFileError(`Tệp thiếu cột bắt buộc: ${missing.join(', ')} (dòng 1 là dòng tiêu đề).`);
  const rows: ImportRow[] = [];
  body.forEach((cells, index) => {
    if (cells.every((c) => !c.trim())) return;
    const values: Partial<Record<ImportColumn, string>> = {};
    columns.forEach((column, i) => {
      if (column && !values[column]) values[column] = cells[i] ?? '';
    });
    rows.push({ line: index + 2, values });
  });
  return rows;
}

/**
 * Reads an import file into rows. CSV and XLSX: the first row holds the column names (docs/import.md),
 * each later row one event; JSON Lines: one object per line with the same keys.
 * Throws ImportFileError when the file cannot be read at all.
 */
export async function readImportFile(data: Buffer, format: ImportFormat): Promise<{ rows: ImportRow[]; unreadable: UnreadableLine[] }> {
  if (format === 'jsonl') {
    const result = readJsonLines(data);
    if (result.rows.length === 0 && result.unreadable.length > 0) throw new ImportFileError('Không có dòng JSON hợp lệ nào: tệp không phải JSON Lines.');
    return result;
  }
  return { rows: await readTable(data, format), unreadable: [] };
}
