import { sql } from 'kysely';
import type { Database } from '../../../src/server/db/database.ts';

/**
 * What a refused request may legitimately change, and so what both checks below leave out:
 * - sessions: every authenticated request may touch last_seen_at, and logins open sessions;
 * - rate_limits: every request to a limited route counts, refused or not (that is the point);
 * - audit_head: the chain's head moves with every audit row, so it follows from audit_log;
 * - accounts.failed_logins / locked_until / last_login_at: a refused login must count
 *   toward the lockout, and a login records when it happened;
 * - api_tokens.last_used_at: a token is marked used when it authenticates, even if the route refuses;
 * - audit_log rows of logins (auth.*): failed logins are audited on purpose.
 * Everything else — every other table, column and audit row — must stay exactly as it was.
 */
const VOLATILE_TABLES = new Set(['sessions', 'rate_limits', 'audit_head', 'fuzz_changes']);
const VOLATILE_COLUMNS: Record<string, Set<string>> = {
  accounts: new Set(['failed_logins', 'locked_until', 'last_login_at']),
  api_tokens: new Set(['last_used_at']),
};
const ROW_FILTERS: Record<string, { sql: string; trigger: string }> = {
  audit_log: { sql: "action not like 'auth.%'", trigger: "NEW.action not like 'auth.%'" },
};

/** Data tables of the schema and their non-volatile columns. */
async function dataColumns(db: Database): Promise<Map<string, string[]>> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const columns = new Map<string, string[]>();
  for (const r of rows) {
    if (VOLATILE_TABLES.has(r.table_name) || VOLATILE_COLUMNS[r.table_name]?.has(r.column_name)) continue;
    columns.set(r.table_name, [...(columns.get(r.table_name) ?? []), `"${r.column_name}"`]);
  }
  return columns;
}

export type TableDigest = Map<string, string>;

/**
 * A digest of every data table: row count and md5 of its rows in a fixed order. Slow on the demo
 * data (seconds on PGlite), so taken around whole phases; the change log below checks each request.
 */
export async function takeDigest(db: Database): Promise<TableDigest> {
  const query = [...(await dataColumns(db))]
    .map(([table, cols]) => {
      const where = ROW_FILTERS[table] ? ` where ${ROW_FILTERS[table].sql}` : '';
      return `select '${table}' as t, count(*)::int as n, md5(coalesce(string_agg(r, E'\\n' order by r), '')) as h from (select row(${cols.join(', ')})::text as r from "${table}"${where}) s`;
    })
    .join('\nunion all\n');
  const { rows } = await sql<{ t: string; n: number; h: string }>`${sql.raw(query)}`.execute(db);
  return new Map(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

/** Names of the tables whose content differs between two digests. */
export function changedTables(before: TableDigest, after: TableDigest): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((t) => before.get(t) !== after.get(t)).sort();
}

/**
 * Installs, in this throwaway test database only, a row trigger on every data table that records
 * each committed insert, delete, truncate and (non-volatile) update in `fuzz_changes`: a change
 * rolled back with its request's transaction leaves no record. Per request this costs one query.
 */
export async function installChangeLog(db: Database): Promise<void> {
  await sql`create table if not exists fuzz_changes (tbl text not null, op text not null)`.execute(db);
  await sql`create or replace function fuzz_record_change() returns trigger language plpgsql as $$
    begin insert into fuzz_changes (tbl, op) values (TG_TABLE_NAME, TG_OP); return null; end $$`.execute(db);
  for (const [table, cols] of await dataColumns(db)) {
    const rowFilter = ROW_FILTERS[table]?.trigger;
    const changed = `row(${cols.map((c) => `OLD.${c}`).join(', ')}) is distinct from row(${cols.map((c) => `NEW.${c}`).join(', ')})`;
    for (const statement of [
      `create trigger fuzz_ins after insert on "${table}" for each row ${rowFilter ? `when (${rowFilter})` : ''} execute function fuzz_record_change()`,
      `create trigger fuzz_del after delete on "${table}" for each row execute function fuzz_record_change()`,
      `create trigger fuzz_upd after update on "${table}" for each row when (${changed}) execute function fuzz_record_change()`,
      `create trigger fuzz_trunc after truncate on "${table}" for each statement execute function fuzz_record_change()`,
    ])
      await sql.raw(statement).execute(db);
  }
}

/** The changes recorded since the last call ("table op" strings), and clears them. */
export async function takeChanges(db: Database): Promise<string[]> {
  const { rows } = await sql<{ tbl: string; op: string }>`delete from fuzz_changes returning tbl, op`.execute(db);
  return [...new Set(rows.map((r) => `${r.tbl} ${r.op}`))].sort();
}
