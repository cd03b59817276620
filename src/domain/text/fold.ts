/**
 * Folds Vietnamese text for search: decomposes (NFD), strips combining marks, maps đ/Đ to d and
 * lower-cases. "Nguyễn Văn Đức" and the decomposed form of it both become "nguyen van duc".
 * One function for the whole code base (DESIGN.md: `remove-accents` fails on decomposed input).
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** NFC-normalises and trims user-entered Vietnamese text, collapsing inner white space. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
