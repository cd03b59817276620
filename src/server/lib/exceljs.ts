import type ExcelJS from 'exceljs';

let loaded: typeof ExcelJS | undefined;

/**
 * exceljs costs about 30 MB resident once loaded; most processes only serve lookups and
 * dashboards, so it is loaded by the first import or export that needs it, not at start.
 */
export async function loadExcelJS(): Promise<typeof ExcelJS> {
  loaded ??= (await import('exceljs')).default;
  return loaded;
}
