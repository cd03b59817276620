import { foldDiacritics } from '../text/fold.ts';

/**
 * Vietnamese lists are ordered by given name (the last word), then by the full name:
 * "Trần Văn An" comes before "Lê Thị Bình". The key is folded so order ignores diacritics.
 */
export function officialSortKey(fullName: string): string {
  const folded = foldDiacritics(fullName);
  const given = folded.split(' ').at(-1) ?? folded;
  return `${given} ${folded}`;
}

/** Masks all but the first 4 and last 2 digits of an identity number: "0250******34". */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 6) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 4) + '*'.repeat(idNumber.length - 6) + idNumber.slice(-2);
}
