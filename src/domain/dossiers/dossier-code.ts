/**
 * Dossier code in the national format (legal-facts §1.6): `<agency electronic identifier>-YYMMDD-<daily
 * sequence of at least 4 digits>`, e.g. `000.00.12.H47-261124-0007`. The date is the receipt date in
 * Vietnam; the sequence is unique per agency and day and grows past 4 digits when needed.
 */
export function formatDossierCode(agencyCode: string, receiptDate: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError('sequence must be a positive integer');
  const yymmdd = receiptDate.slice(2, 4) + receiptDate.slice(5, 7) + receiptDate.slice(8, 10);
  return `${agencyCode}-${yymmdd}-${String(sequence).padStart(4, '0')}`;
}

const CODE = /^([A-Z0-9.]{1,20})-(\d{6})-(\d{4,})$/;

export function parseDossierCode(code: string): { agencyCode: string; yymmdd: string; sequence: number } | null {
  const m = CODE.exec(code.trim().toUpperCase());
  if (!m) return null;
  return { agencyCode: m[1]!, yymmdd: m[2]!, sequence: Number(m[3]) };
}

/** A code a citizen typed: upper-cased, spaces removed. */
export function normalizeDossierCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}
