import type pg from 'pg';

interface Definition {
  name: string;
  table: string;
  sql: string;
}

/**
 * Runs a bulk load into `tables` with their indexes and keys dropped and rebuilt afterwards, as
 * PostgreSQL's documentation advises for large loads: building an index once from sorted data is
 * far cheaper than updating it row by row, and a foreign key is checked in one join instead of
 * one trigger call per row. The definitions are read from the catalogue, so they come back
 * exactly as the migrations made them, and everything runs in the caller's open transaction:
 * a failed load rolls back to the original schema.
 */
export async function withKeysRebuiltAfter<T>(client: pg.ClientBase, tables: readonly string[], load: () => Promise<T>): Promise<T> {
  const constraints = await client.query<Definition & { kind: string }>(
    `select c.conname as name, c.conrelid::regclass::text as table, pg_get_constraintdef(c.oid) as sql, c.contype as kind
       from pg_constraint c
      where c.contype in ('p', 'u', 'f')
        and (c.conrelid = any($1::regclass[]) or c.confrelid = any($1::regclass[]))`,
    [tables],
  );
  const foreign = constraints.rows.filter((c) => c.kind === 'f');
  const keys = constraints.rows.filter((c) => c.kind !== 'f' && tables.includes(c.table));
  const keyNames = new Set(keys.map((k) => k.name));
  const indexes = (
    await client.query<Definition>(`select indexname as name, tablename as table, indexdef as sql from pg_indexes where schemaname = 'public' and tablename = any($1)`, [tables])
  ).rows.filter((i) => !keyNames.has(i.name));

  const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
  for (const c of foreign) await client.query(`alter table ${c.table} drop constraint ${ident(c.name)}`);
  for (const c of keys) await client.query(`alter table ${c.table} drop constraint ${ident(c.name)}`);
  for (const i of indexes) await client.query(`drop index ${ident(i.name)}`);

  const result = await load();

  for (const i of indexes) await client.query(i.sql);
  for (const c of keys) await client.query(`alter table ${c.table} add constraint ${ident(c.name)} ${c.sql}`);
  for (const c of foreign) await client.query(`alter table ${c.table} add constraint ${ident(c.name)} ${c.sql}`);
  return result;
}
