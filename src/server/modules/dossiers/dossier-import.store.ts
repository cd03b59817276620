import { Kysely, PostgresDialect, type RawBuilder, sql } from 'kysely';
import pg from 'pg';
import { copyFields, copyInto, copyLines, copyValue } from '../../db/copy.ts';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import type { Executor } from '../audit/audit.store.ts';
import type { ProcedureRow } from '../procedures/procedure.store.ts';
import type { StoredDossier } from './dossier-import-replay.ts';
import type { DossierRow } from './dossier.store.ts';

/**
 * Set-based reads and writes of a dossier import batch (dossier-import-batch.ts): a handful of
 * statements per batch of dossiers instead of a handful per event.
 */

/** A column written in bulk: its name and SQL type. jsonb values are passed as JSON text. */
export type BulkColumn = readonly [name: string, type: string];
export type BulkRow = Record<string, unknown>;

/** Writes many rows into a table within the caller's transaction. */
export interface BulkWriter {
  /** The rows as the writer sends them: made ahead of the write, while the database is busy with an earlier batch. */
  encode(columns: readonly BulkColumn[], rows: readonly BulkRow[]): string;
  /** The encodings of two parts of a batch, joined, are the encoding of the whole (COPY text). */
  readonly concat: boolean;
  /**
   * For rows whose last column is known only in the write transaction (a new dossier's code):
   * `head` encodes a row without it, ahead of the write, and `finish` adds the last values.
   */
  head(columns: readonly BulkColumn[], row: BulkRow): unknown;
  finish(columns: readonly BulkColumn[], heads: readonly unknown[], last: readonly unknown[]): string;
  write(trx: Tx, table: string, columns: readonly BulkColumn[], encoded: string): Promise<void>;
}

/** Rows as a relation `x`: one JSON parameter typed column by column (jsonb travels as text, cast on use). */
function recordset(columns: readonly BulkColumn[], json: string): RawBuilder<unknown> {
  const shape = sql.join(columns.map(([name, type]) => sql`${sql.ref(name)} ${sql.raw(type === 'jsonb' ? 'text' : type)}`));
  return sql`json_to_recordset(${json}::json) as x(${shape})`;
}
const valueOf = ([name, type]: BulkColumn) => (type === 'jsonb' ? sql`x.${sql.ref(name)}::jsonb` : sql`x.${sql.ref(name)}`);

/** Any backend (PGlite too): the rows travel as one JSON parameter, typed by json_to_recordset. */
export const jsonWriter: BulkWriter = {
  concat: false,
  encode: (_columns, rows) => (rows.length ? JSON.stringify(rows) : ''),
  head: (_columns, row) => row,
  finish: (columns, heads, last) => jsonWriter.encode(columns, (heads as BulkRow[]).map((row, i) => ({ ...row, [columns.at(-1)![0]]: last[i] }))),
  write: async (trx, table, columns, encoded) => {
    if (!encoded) return;
    const names = sql.join(columns.map(([name]) => sql.ref(name)));
    await sql`insert into ${sql.table(table)} (${names}) select ${sql.join(columns.map(valueOf))} from ${recordset(columns, encoded)}`.execute(trx);
  },
};

// Column names by column list: a list is encoded once per dossier, and its names are the same each time.
const namesOf = new WeakMap<readonly BulkColumn[], { all: string[]; head: string[] }>();
function columnNames(columns: readonly BulkColumn[]) {
  let names = namesOf.get(columns);
  if (!names) {
    const all = columns.map(([name]) => name);
    namesOf.set(columns, (names = { all, head: all.slice(0, -1) }));
  }
  return names;
}

/** PostgreSQL: COPY on the connection the transaction runs on (see openBulkConnection). */
export function copyWriter(client: pg.ClientBase): BulkWriter {
  return {
    concat: true,
    encode: (columns, rows) => copyLines(rows, columnNames(columns).all),
    head: (columns, row) => copyFields(row, columnNames(columns).head),
    finish: (_columns, heads, last) => heads.map((head, i) => `${head as string}\t${copyValue(last[i])}\n`).join(''),
    write: (_trx, table, columns, encoded) => copyInto(client, table, columnNames(columns).all, encoded),
  };
}

/**
 * A database on one dedicated PostgreSQL connection, with COPY on that same connection: the
 * query builder's transaction and the COPY share it, so both commit together. One user at a time.
 * Type parsers are pg's global ones, set by openDatabase (the CLI opens the database first).
 */
export async function openBulkConnection(databaseUrl: string): Promise<{ db: Database; writer: BulkWriter; close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  // A dropped connection (server restart) fails the running batch, which rolls back; unheard,
  // the error event would end the process with a stack trace instead of a clear message.
  client.on('error', () => undefined);
  await client.connect();
  const pooled = Object.assign(client, { release: () => undefined });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: { connect: async () => pooled, end: async () => undefined, options: {} } }) });
  return {
    db,
    writer: copyWriter(client),
    close: async () => {
      await db.destroy();
      await client.end();
    },
  };
}

// `code` last: a new dossier's code is taken in the write transaction (the daily sequence), and
// the rest of its row is encoded before (BulkWriter.head).
export const DOSSIER_COLUMNS: readonly BulkColumn[] = [
  ['id', 'uuid'],
  ['procedure_id', 'uuid'],
  ['unit_id', 'uuid'],
  ['unit_path', 'text'],
  ['channel', 'text'],
  ['applicant_name', 'text'],
  ['applicant_search', 'text'],
  ['applicant_id_number', 'text'],
  ['applicant_phone', 'text'],
  ['applicant_email', 'text'],
  ['applicant_address', 'text'],
  ['status', 'text'],
  ['status_code', 'int'],
  ['outcome', 'text'],
  ['handler_id', 'uuid'],
  ['submitted_at', 'timestamptz'],
  ['received_at', 'timestamptz'],
  ['legal_due_at', 'timestamptz'],
  ['due_at', 'timestamptz'],
  ['supplement_count', 'int'],
  ['supplement_requested_at', 'timestamptz'],
  ['paused_clock', 'jsonb'],
  ['incomplete_close_at', 'timestamptz'],
  ['apology_count', 'int'],
  ['finished_at', 'timestamptz'],
  ['returned_at', 'timestamptz'],
  ['visits', 'int'],
  ['fee_vnd', 'bigint'],
  ['paid_vnd', 'bigint'],
  ['rules', 'jsonb'],
  ['documents', 'jsonb'],
  ['flags', 'text[]'],
  ['external_ref', 'text'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
  ['code', 'text'],
];

/** The columns a replayed state writes back (columnsOf in dossier-state.ts). */
const STATE_COLUMNS = new Set([
  'status',
  'status_code',
  'received_at',
  'legal_due_at',
  'due_at',
  'supplement_count',
  'supplement_requested_at',
  'paused_clock',
  'incomplete_close_at',
  'apology_count',
  'handler_id',
  'outcome',
  'finished_at',
  'returned_at',
  'visits',
  'paid_vnd',
  'updated_at',
]);

export const EVENT_COLUMNS: readonly BulkColumn[] = [
  ['dossier_id', 'uuid'],
  ['seq', 'int'],
  ['at', 'timestamptz'],
  ['actor_account_id', 'uuid'],
  ['actor', 'text'],
  ['type', 'text'],
  ['status', 'text'],
  ['data', 'jsonb'],
];

export const STEP_COLUMNS: readonly BulkColumn[] = [
  ['id', 'uuid'],
  ['dossier_id', 'uuid'],
  ['step', 'text'],
  ['official_id', 'uuid'],
  ['started_at', 'timestamptz'],
  ['due_at', 'timestamptz'],
  ['finished_at', 'timestamptz'],
];

export const AUDIT_COLUMNS: readonly BulkColumn[] = [
  ['seq', 'bigint'],
  ['at', 'timestamptz'],
  ['actor_account_id', 'uuid'],
  ['actor', 'text'],
  ['action', 'text'],
  ['entity_type', 'text'],
  ['entity_id', 'text'],
  ['before', 'jsonb'],
  ['after', 'jsonb'],
  ['ip', 'text'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
];


/**
 * The imported dossiers already stored under these external references, with their rating and
 * events; when `lock`, locked for the rest of the transaction (in id order, so concurrent
 * importers lock alike).
 */
export async function readStoredDossiers(db: Executor, refs: readonly string[], lock: boolean): Promise<Map<string, StoredDossier>> {
  const found = new Map<string, StoredDossier>();
  if (refs.length === 0) return found;
  const query = db.selectFrom('dossiers').selectAll().where(sql<boolean>`external_ref = any(${refs}::text[])`).orderBy('id');
  const rows = await (lock ? query.forUpdate() : query).execute();
  if (rows.length === 0) return found;
  const ids = rows.map((r) => r.id);
  const ratings = await db.selectFrom('dossier_ratings').select(['dossier_id', 'level', 'at']).where(sql<boolean>`dossier_id = any(${ids}::uuid[])`).execute();
  const events = await db
    .selectFrom('dossier_events')
    .select(['dossier_id', 'type', 'at', 'status', 'seq'])
    .where(sql<boolean>`dossier_id = any(${ids}::uuid[])`)
    .orderBy('dossier_id')
    .orderBy('seq')
    .execute();
  const byId = new Map<string, StoredDossier>();
  for (const row of rows as DossierRow[]) {
    const stored: StoredDossier = { row, rating: null, events: [], lastSeq: 0 };
    byId.set(row.id, stored);
    found.set(row.external_ref!, stored);
  }
  for (const r of ratings) byId.get(r.dossier_id)!.rating = { level: r.level, at: r.at };
  for (const e of events) {
    const stored = byId.get(e.dossier_id)!;
    stored.events.push({ type: e.type, at: e.at, status: e.status });
    stored.lastSeq = Math.max(stored.lastSeq, e.seq);
  }
  return found;
}

/** Procedures by (unit code, procedure code), with their unit's path and agency code. */
export async function findProceduresByCodes(db: Executor, pairs: readonly { unitCode: string; procedureCode: string }[]) {
  if (pairs.length === 0) return [];
  const unitCodes = [...new Set(pairs.map((p) => p.unitCode))];
  const codes = [...new Set(pairs.map((p) => p.procedureCode))];
  return db
    .selectFrom('procedures as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .selectAll('p')
    .select(['u.name as unit_name', 'u.path as unit_path', 'u.agency_code', 'u.code as unit_code'])
    .where(sql<boolean>`u.code = any(${unitCodes}::text[])`)
    .where(sql<boolean>`p.code = any(${codes}::text[])`)
    .execute() as Promise<(ProcedureRow & { unit_code: string })[]>;
}

/** Officials named by identity number or (case-insensitive) email, for many references at once. */
export async function findOfficialsByRefs(db: Executor, refs: readonly string[]) {
  if (refs.length === 0) return [];
  const emails = [...new Set(refs.map((r) => r.toLowerCase()))];
  return db
    .selectFrom('officials as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .select(['o.id', 'u.path as unit_path', 'o.id_number', sql<string | null>`lower(o.email)`.as('email')])
    .where(sql<boolean>`o.id_number = any(${refs}::text[]) or lower(o.email) = any(${emails}::text[])`)
    .execute();
}

/** Locks stored dossiers and tells their version and rating time now (a snapshot's check). */
export async function lockDossierVersions(trx: Tx, ids: readonly string[]): Promise<Map<string, { version: number; ratedAt: number | null }>> {
  const rows = await trx
    .selectFrom('dossiers as d')
    .select(['d.id', 'd.version', sql<Date | null>`(select r.at from dossier_ratings r where r.dossier_id = d.id)`.as('rated_at')])
    .where(sql<boolean>`d.id = any(${ids}::uuid[])`)
    .orderBy('d.id')
    .forUpdate()
    .execute();
  return new Map(rows.map((r) => [r.id, { version: r.version, ratedAt: r.rated_at?.getTime() ?? null }]));
}

/**
 * Takes `count` daily sequence numbers for each agency and day in one statement (as many calls of
 * nextDailySequence would), in (agency, day) order; returns the first number of each run.
 */
export async function allocateDailySequences(trx: Tx, counts: ReadonlyMap<string, { agency: string; day: string; count: number }>): Promise<Map<string, number>> {
  const first = new Map<string, number>();
  if (counts.size === 0) return first;
  const rows = [...counts.values()].map((c) => ({ agency_code: c.agency, day: c.day, last: c.count }));
  const { rows: taken } = await sql<{ agency_code: string; day: string; last: number }>`
    insert into dossier_counters (agency_code, day, last)
    select agency_code, day, last from ${recordset([['agency_code', 'text'], ['day', 'date'], ['last', 'int']], JSON.stringify(rows))}
    order by agency_code, day
    on conflict (agency_code, day) do update set last = dossier_counters.last + excluded.last
    returning agency_code, day::text as day, last
  `.execute(trx);
  for (const t of taken) {
    const key = `${t.agency_code}|${t.day}`;
    first.set(key, Number(t.last) - counts.get(key)!.count + 1);
  }
  return first;
}

/** Writes replayed states back to stored dossiers (a version each, as updateDossierRow does). */
export async function updateDossierStates(trx: Tx, rows: readonly BulkRow[]) {
  if (rows.length === 0) return;
  const columns = DOSSIER_COLUMNS.filter(([name]) => name === 'id' || STATE_COLUMNS.has(name));
  const set = sql.join(
    columns
      .filter(([name]) => name !== 'id')
      .map((column) => sql`${sql.ref(column[0])} = ${valueOf(column)}`),
  );
  await sql`update dossiers d set ${set}, version = d.version + 1 from ${recordset(columns, JSON.stringify(rows))} where d.id = x.id`.execute(trx);
}

/** Closes the open steps of stored dossiers, each at its own time (finishOpenSteps for many). */
export async function finishStoredSteps(trx: Tx, closings: readonly { dossier_id: string; at: Date }[]) {
  if (closings.length === 0) return;
  await sql`
    update dossier_steps s set finished_at = x.at
    from ${recordset([['dossier_id', 'uuid'], ['at', 'timestamptz']], JSON.stringify(closings))}
    where s.dossier_id = x.dossier_id and s.finished_at is null
  `.execute(trx);
}
