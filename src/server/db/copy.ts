import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** One value in COPY's text format: \N for null, ISO instants, `{…}` arrays, escaped text. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return copyText(`{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  return copyText(String(value));
}
function copyText(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPABLE, (c) => COPY_ESCAPES[c]!) : text;
}
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPABLE = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Rows as COPY text: one line per row, columns in the given order. */
export function copyLines<R extends object>(rows: readonly R[], columns: readonly (keyof R & string)[]): string {
  let out = '';
  for (const row of rows) out += `${columns.map((c) => copyValue(row[c])).join('\t')}\n`;
  return out;
}

/**
 * Streams COPY text into a table on a PostgreSQL connection: the fastest correct way to write
 * millions of rows (the province-scale data). Runs in the connection's current transaction.
 */
export async function copyInto(client: pg.ClientBase, table: string, columns: readonly string[], text: string): Promise<void> {
  if (!text) return;
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    stream.end(text);
  });
}
