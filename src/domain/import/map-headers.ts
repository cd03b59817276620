import { foldDiacritics } from '../text/fold.ts';

/**
 * Maps each header cell of an imported sheet to the field it names, or null. Headers are compared
 * after folding diacritics and punctuation, so "Họ và tên", "ho va ten" and "ho_ten" all match.
 */
export function mapHeadersTo<F extends string>(headers: readonly string[], columns: Record<F, readonly string[]>): (F | null)[] {
  return headers.map((h) => {
    const folded = foldDiacritics(h).replace(/[_*:(),;./-]+/g, ' ').replace(/\s+/g, ' ').trim();
    for (const [field, names] of Object.entries(columns) as [F, readonly string[]][]) {
      if (names.includes(folded)) return field;
    }
    return null;
  });
}

/** One row of cells keyed by field, using the header mapping. */
export function rowByField<F extends string>(fields: readonly (F | null)[], cells: readonly string[]): Partial<Record<F, string>> {
  const record: Partial<Record<F, string>> = {};
  fields.forEach((f, i) => {
    if (f) record[f] = cells[i] ?? '';
  });
  return record;
}
