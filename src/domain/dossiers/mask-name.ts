/**
 * Masks a citizen's name for public pages: the family name stays, each other word keeps its first
 * letter ("Nguyễn Văn An" → "Nguyễn V** A*"), so the applicant recognises their dossier and nobody
 * else learns the name.
 */
export function maskPersonName(fullName: string): string {
  const words = fullName.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const [family, ...rest] = words;
  const masked = rest.map((w) => {
    const letters = [...w];
    return letters[0] + '*'.repeat(Math.max(1, letters.length - 1));
  });
  return [family, ...masked].join(' ');
}

/** "0912345678" → "091****678". */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 6) + digits.slice(-3);
}
