/**
 * Validates a 12-digit personal identification number (số định danh cá nhân, printed on CCCD).
 * Structure (Decree 137/2015 Art. 13, Circular 59/2021): 3 digits of the province where the birth
 * was registered, 1 digit of century and sex, 2 digits of birth year, 6 random digits.
 * See shared/domain/legal-facts.md §5.1. Age is deliberately not checked (minors have numbers).
 */
export const PROVINCE_BIRTH_CODES: ReadonlySet<string> = new Set([
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022',
  '024', '025', '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042',
  '044', '045', '046', '048', '049', '051', '052', '054', '056', '058', '060', '062', '064', '066',
  '067', '068', '070', '072', '074', '075', '077', '079', '080', '082', '083', '084', '086', '087',
  '089', '091', '092', '093', '094', '095', '096',
]);

export type CitizenIdProblem = 'format' | 'province' | 'birth_year_mismatch' | 'sex_mismatch';

export interface CitizenIdFacts {
  provinceCode: string;
  sex: 'male' | 'female';
  birthYear: number;
}

/** Century/sex digit → [first year of the century, sex]. */
function decodeCenturySex(digit: number): { century: number; sex: 'male' | 'female' } {
  return { century: 1900 + Math.floor(digit / 2) * 100, sex: digit % 2 === 0 ? 'male' : 'female' };
}

export function parseCitizenId(value: string): CitizenIdFacts | CitizenIdProblem {
  if (!/^\d{12}$/.test(value)) return 'format';
  const provinceCode = value.slice(0, 3);
  if (!PROVINCE_BIRTH_CODES.has(provinceCode)) return 'province';
  const { century, sex } = decodeCenturySex(Number(value[3]));
  return { provinceCode, sex, birthYear: century + Number(value.slice(4, 6)) };
}

/**
 * Checks the number and, when known, that it agrees with the person's recorded birth year and sex.
 * Returns null when valid, otherwise the first problem found.
 */
export function checkCitizenId(
  value: string,
  person?: { birthYear?: number | null; gender?: 'male' | 'female' | null },
): CitizenIdProblem | null {
  const facts = parseCitizenId(value);
  if (typeof facts === 'string') return facts;
  if (person?.birthYear && person.birthYear !== facts.birthYear) return 'birth_year_mismatch';
  if (person?.gender && person.gender !== facts.sex) return 'sex_mismatch';
  return null;
}

export const CITIZEN_ID_MESSAGES: Record<CitizenIdProblem, string> = {
  format: 'Số định danh cá nhân phải gồm đúng 12 chữ số.',
  province: 'Ba chữ số đầu của số định danh không phải mã tỉnh hợp lệ.',
  birth_year_mismatch: 'Số định danh không khớp với năm sinh.',
  sex_mismatch: 'Số định danh không khớp với giới tính.',
};
