import { maskIdNumber } from '../../../domain/org/official-name.ts';

const ID_KEYS = new Set(['id_number', 'idNumber', 'applicant_id_number']);
const PHONE_KEYS = new Set(['phone', 'applicant_phone']);

/** A copy of an audit snapshot with identity numbers masked and phone numbers removed, at any depth. */
export function maskPersonalFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalFields);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => {
      if (ID_KEYS.has(k) && typeof v === 'string') return [k, maskIdNumber(v)];
      if (PHONE_KEYS.has(k) && v !== null) return [k, null];
      return [k, maskPersonalFields(v)];
    }),
  );
}
