import { AppError } from './problem.ts';

/** Opaque keyset cursor: base64url of the JSON array of the last row's sort values. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

type CursorPart = 'string' | 'number' | 'uuid';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function partMatches(value: unknown, part: CursorPart): boolean {
  if (part === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (part === 'uuid') return typeof value === 'string' && UUID.test(value);
  return typeof value === 'string';
}

export function decodeCursor(cursor: string, length: number, parts?: readonly CursorPart[]): (string | number)[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === length &&
      parsed.every((v, i) => partMatches(v, parts?.[i] ?? (typeof v === 'number' ? 'number' : 'string')))
    ) {
      return parsed as (string | number)[];
    }
  } catch {
    // fall through to the refusal below
  }
  throw new AppError(400, 'BAD_CURSOR', 'Con trỏ phân trang không hợp lệ.', [
    { field: 'cursor', message: 'Giá trị cursor không hợp lệ.' },
  ]);
}
