import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from '@fast-csv/parse';
import { type ImportColumn, REQUIRED_IMPORT_COLUMNS, importSourceCodeOf, mapImportHeaders } from '../../../domain/dossiers/import-row.ts';
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

/** A piece of an import, in line order. */
export interface ImportChunk {
  rows: ImportRow[];
  unreadable: UnreadableLine[];
}

/**
 * An import read twice, never held whole: a first pass learns the last line of each dossier, so
 * the second can load each history as soon as it is complete (its rows need not be adjacent).
 */
export interface ImportInput {
  /** Rows and unreadable lines in all. */
  lines: number;
  /** The last line naming each dossier. */
  lastLines: ReadonlyMap<string, number>;
  /** The input again, chunk by chunk. */
  chunks(): AsyncIterable<ImportChunk>;
}

/** The dossier an unreadable line names, keyed as the rows' codes are. */
export const unreadableSourceCode = (u: UnreadableLine) => (u.sourceCode === null ? null : importSourceCodeOf({ ma_ho_so: u.sourceCode }));

/** Pass one over `scan` (the input, or a cheaper reading of it naming the same dossiers), then `chunks` is the input. */
async function indexInput(scan: () => AsyncIterable<ImportChunk>, chunks = scan): Promise<ImportInput & { readable: number }> {
  const lastLines = new Map<string, number>();
  let lines = 0;
  let readable = 0;
  const seen = (code: string | null, line: number) => {
    if (code !== null && line > (lastLines.get(code) ?? 0)) lastLines.set(code, line);
  };
  for await (const chunk of scan()) {
    for (const r of chunk.rows) seen(importSourceCodeOf(r.values), r.line);
    for (const u of chunk.unreadable) seen(unreadableSourceCode(u), u.line);
    lines += chunk.rows.length + chunk.unreadable.length;
    readable += chunk.rows.length;
  }
  return { lines, readable, lastLines, chunks };
}

/** Rows already in memory (the API's events, a test's rows) as an import input. */
export function importInputOf(rows: readonly ImportRow[], unreadable: readonly UnreadableLine[] = []): Promise<ImportInput> {
  const chunk = { rows: [...rows], unreadable: [...unreadable] };
  return indexInput(async function* () {
    yield chunk;
  });
}

/** csv, xlsx or jsonl from a file name (`.ndjson` counts as JSON Lines); null when the extension says nothing. */
export function importFormatOf(fileName: string): ImportFormat | null {
  const ext = path.extname(fileName).toLowerCase().slice(1);
  if (ext === 'csv' || ext === 'xlsx') return ext;
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  return null;
}

const SOURCE_CODE_IN_TEXT = /"ma_ho_so"\s*:\s*"((?:[^"\\]|\\.){1,100})"/;
const CHUNK_ROWS = 5000;

const FIRST_KEY = '{"ma_ho_so":"';

/**
 * The dossier a JSON line names, read without parsing it when that is unambiguous: no escapes on
 * the line, `ma_ho_so` its first key and on it once. Else undefined (parse the line).
 */
function sourceCodeAtStart(raw: string): string | undefined {
  if (!raw.startsWith(FIRST_KEY) || raw.includes('\\')) return undefined;
  const end = raw.indexOf('"', FIRST_KEY.length);
  if (end < 0 || raw.includes('"ma_ho_so"', end)) return undefined;
  return raw.slice(FIRST_KEY.length, end);
}

/**
 * Reads JSON Lines `lines` (the first being line `first`) into the chunk. When `scan`, a row may
 * carry only its ma_ho_so (the first pass needs no more).
 */
function readJsonLines(lines: readonly string[], first: number, into: ImportChunk, scan = false) {
  lines.forEach((text, index) => {
    const line = first + index;
    const raw = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (!raw.trim()) return;
    const named = scan ? sourceCodeAtStart(raw) : undefined;
    if (named !== undefined) {
      into.rows.push({ line, values: { ma_ho_so: named } });
      return;
    }
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
      into.unreadable.push({ line, sourceCode, message: 'Dòng không phải JSON hợp lệ.' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      into.unreadable.push({ line, sourceCode: null, message: 'Mỗi dòng phải là một đối tượng JSON {…}.' });
      return;
    }
    into.rows.push({ line, values: value as Record<string, unknown> });
  });
}

async function* jsonLinesOfFile(file: string, scan = false): AsyncGenerator<ImportChunk> {
  let rest = '';
  let next = 1;
  for await (const piece of fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 18 }) as AsyncIterable<string>) {
    const lines = (next === 1 && !rest ? piece.replace(/^\uFEFF/, '') : rest + piece).split('\n');
    rest = lines.pop()!;
    const chunk: ImportChunk = { rows: [], unreadable: [] };
    readJsonLines(lines, next, chunk, scan);
    next += lines.length;
    yield chunk;
  }
  const last: ImportChunk = { rows: [], unreadable: [] };
  readJsonLines([rest], next, last, scan);
  yield last;
}

/** The header's columns, or why the file cannot be imported. */
function columnsOfHeader(header: readonly string[]): (ImportColumn | null)[] {
  const columns = mapImportHeaders(header);
  const missing = REQUIRED_IMPORT_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) throw new ImportFileError(`Tệp thiếu cột bắt buộc: ${missing.join(', ')} (dòng 1 là dòng tiêu đề).`);
  return columns;
}

/** One table row as an import row; null when every cell is empty. */
function rowOfCells(columns: readonly (ImportColumn | null)[], cells: readonly string[], line: number): ImportRow | null {
  if (cells.every((c) => !c.trim())) return null;
  const values: Partial<Record<ImportColumn, string>> = {};
  columns.forEach((column, i) => {
    if (column && !values[column]) values[column] = cells[i] ?? '';
  });
  return { line, values };
}

async function readTable(data: Buffer, format: 'csv' | 'xlsx'): Promise<ImportRow[]> {
  let table: string[][];
  try {
    table = await readSheet(data, format);
  } catch {
    throw new ImportFileError(`Không đọc được tệp ${format.toUpperCase()}.`);
  }
  const [header, ...body] = table;
  const columns = columnsOfHeader(header ?? []);
  return body.flatMap((cells, index) => rowOfCells(columns, cells, index + 2) ?? []);
}

/** A CSV file streamed record by record, parsed as readSheet parses CSV (every value a string). */
async function* csvOfFile(file: string): AsyncGenerator<ImportChunk> {
  let columns: (ImportColumn | null)[] | null = null;
  let line = 0;
  let rows: ImportRow[] = [];
  const records = fs.createReadStream(file).pipe(parseCsv<string[], string[]>());
  try {
    for await (const cells of records as AsyncIterable<string[]>) {
      line++;
      if (!columns) {
        columns = columnsOfHeader(cells);
        continue;
      }
      const row = rowOfCells(columns, cells, line);
      if (row) rows.push(row);
      if (rows.length >= CHUNK_ROWS) {
        yield { rows, unreadable: [] };
        rows = [];
      }
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError('Không đọc được tệp CSV.');
  }
  if (!columns) columnsOfHeader([]);
  yield { rows, unreadable: [] };
}

const NO_JSON = 'Không có dòng JSON hợp lệ nào: tệp không phải JSON Lines.';

/**
 * Reads an import file into rows. CSV and XLSX: the first row holds the column names (docs/import.md),
 * each later row one event; JSON Lines: one object per line with the same keys.
 * Throws ImportFileError when the file cannot be read at all.
 */
export async function readImportFile(data: Buffer, format: ImportFormat): Promise<{ rows: ImportRow[]; unreadable: UnreadableLine[] }> {
  if (format === 'jsonl') {
    const result: ImportChunk = { rows: [], unreadable: [] };
    readJsonLines(data.toString('utf8').replace(/^\uFEFF/, '').split('\n'), 1, result);
    if (result.rows.length === 0 && result.unreadable.length > 0) throw new ImportFileError(NO_JSON);
    return result;
  }
  return { rows: await readTable(data, format), unreadable: [] };
}

/**
 * Opens an import file for loading. CSV and JSON Lines are streamed (a first pass indexes the
 * dossiers, the load streams again), so files of millions of rows never sit in memory; an XLSX
 * workbook is read whole. Throws ImportFileError when the file cannot be read at all, and the
 * file system's error when there is no file.
 */
export async function openImportFile(file: string, format: ImportFormat): Promise<ImportInput> {
  await fs.promises.access(file, fs.constants.R_OK);
  if (format === 'xlsx') {
    const read = await readImportFile(await fs.promises.readFile(file), format);
    return importInputOf(read.rows, read.unreadable);
  }
  const input =
    format === 'csv'
      ? await indexInput(() => csvOfFile(file))
      : await indexInput(
          () => jsonLinesOfFile(file, true),
          () => jsonLinesOfFile(file),
        );
  if (format === 'jsonl' && input.readable === 0 && input.lines > 0) throw new ImportFileError(NO_JSON);
  return input;
}
