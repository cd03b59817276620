import { type Insertable, type Selectable, sql } from 'kysely';
import type { DossierEventsTable, DossierFilesTable, DossiersTable } from '../../db/schema.ts';
import type { Executor } from '../audit/audit.store.ts';
import { escapeLike } from '../org/unit.store.ts';
import { applyRollup, dossierFacts } from './dossier-rollup.store.ts';

export type DossierRow = Selectable<DossiersTable>;
export type DossierDetailRow = DossierRow & {
  procedure_name: string;
  procedure_code: string;
  unit_name: string;
  handler_name: string | null;
};

const detail = (db: Executor) =>
  db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .leftJoin('officials as h', 'h.id', 'd.handler_id')
    .selectAll('d')
    .select(['p.name as procedure_name', 'p.code as procedure_code', 'u.name as unit_name', 'h.full_name as handler_name']);

export async function findDossierById(db: Executor, id: string): Promise<DossierDetailRow | undefined> {
  return detail(db).where('d.id', '=', id).executeTakeFirst();
}

export async function findDossierByCode(db: Executor, code: string): Promise<DossierDetailRow | undefined> {
  return detail(db).where('d.code', '=', code).executeTakeFirst();
}

/** Locks the dossier row for the rest of the transaction: actions on one dossier are serialised. */
export async function lockDossier(db: Executor, id: string): Promise<DossierRow | undefined> {
  return db.selectFrom('dossiers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

// Every write of a dossier moves its unit's daily figures by the difference it makes, in the
// same transaction: whoever writes (counter, job, import) keeps the rollups current.
export async function insertDossier(db: Executor, row: Insertable<DossiersTable>) {
  await db.insertInto('dossiers').values(row).execute();
  const now = await dossierFacts(db, row.id);
  if (now) await applyRollup(db, now.unitId, null, now.facts);
}

export async function updateDossierRow(db: Executor, id: string, patch: Partial<Insertable<DossiersTable>>) {
  const before = await dossierFacts(db, id);
  await db
    .updateTable('dossiers')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute();
  await moveRollup(db, id, before);
}

async function moveRollup(db: Executor, id: string, before: Awaited<ReturnType<typeof dossierFacts>>) {
  const after = await dossierFacts(db, id);
  if (before && after && before.unitId !== after.unitId) {
    await applyRollup(db, before.unitId, before.facts, null);
    await applyRollup(db, after.unitId, null, after.facts);
  } else if (after) await applyRollup(db, after.unitId, before?.facts ?? null, after.facts);
}

/** The next daily sequence of an agency, atomically (one row per agency and day). */
export async function nextDailySequence(db: Executor, agencyCode: string, day: string): Promise<number> {
  const row = await db
    .insertInto('dossier_counters')
    .values({ agency_code: agencyCode, day, last: 1 })
    .onConflict((oc) => oc.columns(['agency_code', 'day']).doUpdateSet({ last: sql<number>`dossier_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

export async function appendEvent(db: Executor, event: Omit<Insertable<DossierEventsTable>, 'seq'>) {
  const last = await db
    .selectFrom('dossier_events')
    .select(sql<number>`coalesce(max(seq), 0)::int`.as('seq'))
    .where('dossier_id', '=', event.dossier_id)
    .executeTakeFirstOrThrow();
  await db.insertInto('dossier_events').values({ ...event, seq: last.seq + 1 }).execute();
}

export async function listEvents(db: Executor, dossierId: string) {
  return db
    .selectFrom('dossier_events as e')
    .leftJoin('accounts as a', 'a.id', 'e.actor_account_id')
    .selectAll('e')
    .select('a.display_name as actor_name')
    .where('e.dossier_id', '=', dossierId)
    .orderBy('e.seq')
    .execute();
}

export async function recentWithdrawn(db: Executor, idNumber: string, procedureId: string, since: Date) {
  return db
    .selectFrom('dossiers')
    .select(['code', 'finished_at', 'legal_due_at'])
    .where('applicant_id_number', '=', idNumber)
    .where('procedure_id', '=', procedureId)
    .where('status', '=', 'withdrawn')
    .where('finished_at', '>=', since)
    .execute();
}

export type DossierQueue = 'all' | 'mine' | 'due_soon' | 'overdue' | 'awaiting_supplement' | 'to_receive' | 'to_return' | 'flagged';
const OPEN = ['submitted', 'received', 'processing', 'awaiting_supplement', 'awaiting_payment'];

/** The dossiers behind a metrics figure, with the rollup's cohort rules (src/domain/metrics/dossier-rollup.ts). */
export interface DossierDrillDown {
  from?: string;
  to?: string;
  basis: 'received' | 'finished' | 'rated';
  timeliness?: 'on_time' | 'early' | 'late';
  supplement?: boolean;
  channel?: 'counter' | 'online' | 'postal';
  rating?: 'very_satisfied' | 'satisfied' | 'dissatisfied';
  handlerId?: string | null;
}

function drillDownWhere(f: DossierDrillDown) {
  const parts = [sql<boolean>`true`];
  const range = (col: ReturnType<typeof sql.ref>) => {
    if (f.from) parts.push(sql<boolean>`${col} >= ${`${f.from}T00:00:00+07:00`}::timestamptz`);
    if (f.to) parts.push(sql<boolean>`${col} < (${f.to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`);
  };
  const decided = sql<boolean>`d.status in ('result_ready', 'returned') and d.finished_at is not null and d.legal_due_at is not null and d.received_at is not null`;
  if (f.basis === 'received') {
    parts.push(sql<boolean>`d.received_at is not null`);
    range(sql.ref('d.received_at'));
  } else if (f.basis === 'finished') {
    parts.push(decided);
    range(sql.ref('d.finished_at'));
  }
  if (f.timeliness) parts.push(decided);
  if (f.timeliness === 'on_time') parts.push(sql<boolean>`d.finished_at <= d.legal_due_at`);
  if (f.timeliness === 'late') parts.push(sql<boolean>`d.finished_at > d.legal_due_at`);
  if (f.timeliness === 'early') parts.push(sql<boolean>`d.finished_at <= d.legal_due_at and (d.finished_at at time zone 'Asia/Ho_Chi_Minh')::date < (d.legal_due_at at time zone 'Asia/Ho_Chi_Minh')::date`);
  if (f.supplement) parts.push(sql<boolean>`d.supplement_count > 0`);
  if (f.channel) parts.push(sql<boolean>`d.channel = ${f.channel}`);
  if (f.handlerId !== undefined) parts.push(sql<boolean>`d.handler_id = ${f.handlerId ?? '00000000-0000-0000-0000-000000000000'}::uuid`);
  if (f.basis === 'rated' || f.rating) {
    const r = [sql<boolean>`r.dossier_id = d.id`, sql<boolean>`d.received_at is not null`];
    if (f.rating) r.push(sql<boolean>`r.level = ${f.rating}`);
    if (f.basis === 'rated' && f.from) r.push(sql<boolean>`r.at >= ${`${f.from}T00:00:00+07:00`}::timestamptz`);
    if (f.basis === 'rated' && f.to) r.push(sql<boolean>`r.at < (${f.to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`);
    parts.push(sql<boolean>`exists (select 1 from dossier_ratings r where ${sql.join(r, sql` and `)})`);
  }
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

export async function listDossiersPage(
  db: Executor,
  opts: {
    pathPrefix: string;
    queue: DossierQueue;
    statuses?: string[];
    folded?: string;
    handlerId?: string | null;
    now: Date;
    soon: Date;
    after?: [string, string];
    limit: number;
    drill?: DossierDrillDown;
  },
): Promise<DossierDetailRow[]> {
  const byDue = opts.queue !== 'all';
  let q = detail(db).limit(opts.limit);
  if (opts.drill) q = q.where(drillDownWhere(opts.drill));
  if (opts.pathPrefix) q = q.where('d.unit_path', 'like', `${escapeLike(opts.pathPrefix)}%`);
  if (opts.statuses?.length) q = q.where('d.status', 'in', opts.statuses);
  if (opts.folded) {
    const like = `%${escapeLike(opts.folded)}%`;
    q = q.where((eb) => eb.or([eb('d.applicant_search', 'like', like), eb('d.code', 'like', `%${escapeLike(opts.folded!.toUpperCase())}%`)]));
  }
  switch (opts.queue) {
    case 'mine':
      q = q.where('d.handler_id', '=', opts.handlerId ?? '00000000-0000-0000-0000-000000000000').where('d.status', 'in', OPEN);
      break;
    case 'due_soon':
      q = q.where('d.status', 'in', OPEN).where('d.legal_due_at', '>=', opts.now).where('d.legal_due_at', '<=', opts.soon);
      break;
    case 'overdue':
      q = q.where('d.status', 'in', OPEN).where('d.legal_due_at', '<', opts.now);
      break;
    case 'awaiting_supplement':
      q = q.where('d.status', '=', 'awaiting_supplement');
      break;
    case 'to_receive':
      q = q.where('d.status', '=', 'submitted');
      break;
    case 'to_return':
      q = q.where('d.status', '=', 'result_ready');
      break;
    case 'flagged':
      q = q.where(sql<boolean>`cardinality(d.flags) > 0`);
      break;
    case 'all':
      break;
  }
  if (byDue) {
    // Open queues: the most urgent first. Dossiers without a due date sort last.
    const key = sql<string>`coalesce(d.legal_due_at, 'infinity'::timestamptz)`;
    q = q.orderBy(key).orderBy('d.id');
    if (opts.after) q = q.where(sql<boolean>`(coalesce(d.legal_due_at, 'infinity'::timestamptz), d.id) > (${opts.after[0]}::timestamptz, ${opts.after[1]}::uuid)`);
  } else {
    q = q.orderBy('d.submitted_at', 'desc').orderBy('d.id', 'desc');
    if (opts.after) q = q.where(sql<boolean>`(d.submitted_at, d.id) < (${opts.after[0]}::timestamptz, ${opts.after[1]}::uuid)`);
  }
  return q.execute();
}

export async function insertStep(db: Executor, step: { id: string; dossierId: string; step: string; officialId: string | null; startedAt: Date; dueAt: Date | null }) {
  await db
    .insertInto('dossier_steps')
    .values({ id: step.id, dossier_id: step.dossierId, step: step.step, official_id: step.officialId, started_at: step.startedAt, due_at: step.dueAt })
    .execute();
}

export async function finishOpenSteps(db: Executor, dossierId: string, at: Date) {
  await db.updateTable('dossier_steps').set({ finished_at: at }).where('dossier_id', '=', dossierId).where('finished_at', 'is', null).execute();
}

export async function listSteps(db: Executor, dossierId: string) {
  return db
    .selectFrom('dossier_steps as s')
    .leftJoin('officials as o', 'o.id', 's.official_id')
    .selectAll('s')
    .select('o.full_name as official_name')
    .where('s.dossier_id', '=', dossierId)
    .orderBy('s.started_at')
    .execute();
}

export async function findRating(db: Executor, dossierId: string) {
  return db.selectFrom('dossier_ratings').selectAll().where('dossier_id', '=', dossierId).executeTakeFirst();
}

export async function insertRating(
  db: Executor,
  r: { dossierId: string; at: Date; level: 'very_satisfied' | 'satisfied' | 'dissatisfied'; criteria: object; comment: string | null },
) {
  const before = await dossierFacts(db, r.dossierId);
  const result = await db
    .insertInto('dossier_ratings')
    .values({ dossier_id: r.dossierId, at: r.at, level: r.level, criteria: JSON.stringify(r.criteria), comment: r.comment })
    .onConflict((oc) => oc.column('dossier_id').doNothing())
    .executeTakeFirst();
  const inserted = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  if (inserted) await moveRollup(db, r.dossierId, before);
  return inserted;
}

export async function insertFile(db: Executor, row: Insertable<DossierFilesTable>) {
  await db.insertInto('dossier_files').values(row).execute();
}

export async function listFiles(db: Executor, dossierId: string) {
  return db.selectFrom('dossier_files').selectAll().where('dossier_id', '=', dossierId).orderBy('created_at').execute();
}

export async function findFile(db: Executor, dossierId: string, fileId: string) {
  return db.selectFrom('dossier_files').selectAll().where('dossier_id', '=', dossierId).where('id', '=', fileId).executeTakeFirst();
}

// ——— Import and integrations (dossier-import.service.ts) ———

/** The imported dossier with this external reference, locked for the rest of the transaction. */
export async function lockDossierByExternalRef(db: Executor, externalRef: string): Promise<DossierRow | undefined> {
  return db.selectFrom('dossiers').selectAll().where('external_ref', '=', externalRef).forUpdate().executeTakeFirst();
}

/** What identifies each stored event for an import: its type, time and the status it left. */
export async function listEventKeys(db: Executor, dossierId: string): Promise<{ type: string; at: Date; status: string }[]> {
  return db.selectFrom('dossier_events').select(['type', 'at', 'status']).where('dossier_id', '=', dossierId).orderBy('seq').execute();
}

/** Officials named by identity number or (case-insensitive) email, with their unit path. */
export async function findOfficialsByIdNumberOrEmail(db: Executor, ref: string): Promise<{ id: string; unit_path: string }[]> {
  return db
    .selectFrom('officials as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .select(['o.id', 'u.path as unit_path'])
    .where((eb) => eb.or([eb('o.id_number', '=', ref), eb(sql<string>`lower(o.email)`, '=', ref.toLowerCase())]))
    .limit(2)
    .execute();
}

/**
 * Claims an idempotency key inside the caller's transaction. False when the key is already
 * stored; a concurrent request holding the same key waits here until the first one commits.
 */
export async function claimIdempotencyKey(db: Executor, k: { scope: string; key: string; requestHash: string; at: Date }): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({ scope: k.scope, key: k.key, request_hash: k.requestHash, status: 0, response: '{}', created_at: k.at })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findIdempotencyKey(db: Executor, scope: string, key: string) {
  return db.selectFrom('idempotency_keys').select(['request_hash', 'status', 'response']).where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
}

export async function saveIdempotencyResponse(db: Executor, scope: string, key: string, status: number, response: object) {
  await db.updateTable('idempotency_keys').set({ status, response: JSON.stringify(response) }).where('scope', '=', scope).where('key', '=', key).execute();
}

/**
 * Service figures of the dossiers received in a period under a path prefix. A plain aggregate for
 * a unit's own screens; province dashboards read rollups instead (metrics module).
 */
export async function aggregateDossierFigures(db: Executor, opts: { pathPrefix: string; from: Date; to: Date; now: Date }) {
  const { rows } = await sql<{
    received: number;
    finished: number;
    early: number;
    on_time: number;
    late: number;
    with_supplement: number;
    visits: number;
    open_overdue: number;
    flagged: number;
    very_satisfied: number;
    satisfied: number;
    dissatisfied: number;
  }>`
    select
      count(*)::int as received,
      count(*) filter (where d.status in ('result_ready','returned'))::int as finished,
      count(*) filter (where d.status in ('result_ready','returned') and (d.finished_at at time zone 'Asia/Ho_Chi_Minh')::date < (d.legal_due_at at time zone 'Asia/Ho_Chi_Minh')::date)::int as early,
      count(*) filter (where d.status in ('result_ready','returned') and d.finished_at <= d.legal_due_at)::int as on_time,
      count(*) filter (where (d.status in ('result_ready','returned') and d.finished_at > d.legal_due_at)
                          or (d.status in ('received','processing','awaiting_supplement','awaiting_payment') and d.legal_due_at < ${opts.now}))::int as late,
      count(*) filter (where d.supplement_count > 0)::int as with_supplement,
      coalesce(sum(d.visits), 0)::int as visits,
      count(*) filter (where d.status in ('received','processing','awaiting_payment') and d.legal_due_at < ${opts.now})::int as open_overdue,
      count(*) filter (where cardinality(d.flags) > 0)::int as flagged,
      count(r.level) filter (where r.level = 'very_satisfied')::int as very_satisfied,
      count(r.level) filter (where r.level = 'satisfied')::int as satisfied,
      count(r.level) filter (where r.level = 'dissatisfied')::int as dissatisfied
    from dossiers d
    left join dossier_ratings r on r.dossier_id = d.id
    where d.unit_path like ${`${escapeLike(opts.pathPrefix)}%`}
      and d.submitted_at >= ${opts.from} and d.submitted_at < ${opts.to}
  `.execute(db);
  return rows[0]!;
}
