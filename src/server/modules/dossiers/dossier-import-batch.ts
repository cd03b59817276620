import { randomUUID } from 'node:crypto';
import { type WorkingCalendar, vnDateOf } from '../../../domain/calendar/index.ts';
import { formatDossierCode } from '../../../domain/dossiers/dossier-code.ts';
import { type DossierHistory, externalRefOf, importActorLabel } from '../../../domain/dossiers/import-row.ts';
import { handlingStepDue } from '../../../domain/dossiers/step-deadline.ts';
import { type DossierFacts, rollupDelta } from '../../../domain/metrics/dossier-rollup.ts';
import { foldDiacritics } from '../../../domain/text/fold.ts';
import type { Tx } from '../../db/transaction.ts';
import { type AuditEntry, type Executor, type PreparedAuditEntries, chainPreparedAudit, lockAuditHead, prepareAuditEntries, saveAuditHead } from '../audit/audit.store.ts';
import type { ProcedureRow } from '../procedures/procedure.store.ts';
import { type AddedEvent, DossierRefused, type HistoryPlan, type ImportError, type ReplayEnv, replayHistory } from './dossier-import-replay.ts';
import {
  AUDIT_COLUMNS,
  type BulkColumn,
  type BulkRow,
  type BulkWriter,
  DOSSIER_COLUMNS,
  EVENT_COLUMNS,
  STEP_COLUMNS,
  allocateDailySequences,
  findOfficialsByRefs,
  findProceduresByCodes,
  finishStoredSteps,
  lockDossierVersions,
  readStoredDossiers,
  updateDossierStates,
} from './dossier-import.store.ts';
import { type RollupRows, addRollupRows, addToRollupRows, factsFromRow, rollupRowsJson } from './dossier-rollup.store.ts';
import { columnsOf } from './dossier-state.ts';

/** Who imports and how: shared by every batch of one import. */
export interface BatchEnv extends ReplayEnv {
  actorAccountId: string | null;
  /** The audit rows' actor: the token account's user name, or `import:<source>` for the system. */
  auditActor: string;
  ip: string | null;
  writer: BulkWriter;
  /** Reference data read once and kept for the next batches (null: looked up, not found). */
  procedures: Map<string, ProcedureRow | null>;
  officials: Map<string, { id: string; unit_path: string }[]>;
}

export interface BatchResult {
  created: number;
  updated: number;
  added: number;
  skipped: number;
  errors: ImportError[];
}

/**
 * A time-ordered UUID (version 7: the millisecond, then random bits): the rows of a batch sit
 * side by side in the id indexes instead of all over them, which keeps large imports fast.
 */
export function timeOrderedUuid(): string {
  const ms = Date.now().toString(16).padStart(12, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${randomUUID().slice(15)}`;
}

/**
 * Lets waiting I/O run. While one batch is replayed, the ones before are being written on another
 * connection: each of their statements, and each stretch of COPY data the socket takes, moves on
 * only when the event loop turns. Work loops ask `breathDue()` per item and yield about every
 * millisecond: measured at 300,000 dossiers, the write transactions were most of the import's
 * time, waiting on a loop that turned every 250 dossiers.
 */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
const BREATH_MS = 1;
let lastBreath = 0;
export function breathDue(): boolean {
  const now = performance.now();
  if (now - lastBreath < BREATH_MS) return false;
  lastBreath = now;
  return true;
}

const procedureKey = (unitCode: string, procedureCode: string) => `${unitCode}\u0000${procedureCode}`;

/** Reads the procedures and officials the batch names that no earlier batch read. */
async function loadReferences(db: Executor, env: BatchEnv, histories: readonly DossierHistory[]) {
  const pairs = new Map<string, { unitCode: string; procedureCode: string }>();
  const refs = new Set<string>();
  for (const h of histories) {
    for (const e of h.events) {
      if (e.opening) {
        const key = procedureKey(e.opening.unitCode, e.opening.procedureCode);
        if (!env.procedures.has(key)) pairs.set(key, e.opening);
      }
      if (e.action.type === 'assign' && !env.officials.has(e.action.handlerRef)) refs.add(e.action.handlerRef);
    }
  }
  for (const key of pairs.keys()) env.procedures.set(key, null);
  for (const p of await findProceduresByCodes(db, [...pairs.values()])) {
    const key = procedureKey(p.unit_code, p.code);
    if (pairs.has(key)) env.procedures.set(key, p);
  }
  const officials = await findOfficialsByRefs(db, [...refs]);
  for (const ref of refs) {
    const lower = ref.toLowerCase();
    const named = officials.filter((o) => o.id_number === ref || o.email === lower);
    env.officials.set(ref, named.slice(0, 2).map((o) => ({ id: o.id, unit_path: o.unit_path })));
  }
}

// The step trail exactly as recordDossierStep (dossier-steps.ts) leaves it after each event, kept in
// memory so a batch writes its steps in one statement. The stored dossier's open steps close at the
// first event that closes steps.
const CLOSING = new Set(['return_result', 'withdraw', 'stop', 'close_incomplete', 'refuse_reception']);

function plannedSteps(dossierId: string, added: readonly AddedEvent[], calendar: WorkingCalendar) {
  const rows: { id: string; dossier_id: string; step: string; official_id: string | null; started_at: Date; due_at: Date | null; finished_at: Date | null }[] = [];
  let storedClosedAt: Date | null = null;
  const open = (a: AddedEvent, step: string, officialId: string | null, dueAt: Date | null) =>
    rows.push({ id: timeOrderedUuid(), dossier_id: dossierId, step, official_id: officialId, started_at: a.at, due_at: dueAt, finished_at: null });
  const finishOpen = (at: Date) => {
    storedClosedAt ??= at;
    for (const r of rows) r.finished_at ??= at;
  };
  for (const a of added) {
    if (a.type === 'create') {
      open(a, 'reception', null, null);
      finishOpen(a.at);
    } else if (a.type === 'assign') {
      finishOpen(a.at);
      open(a, 'handling', a.handlerId, handlingStepDue(a.legalDueAt, a.at, calendar));
    } else if (a.type === 'propose') {
      finishOpen(a.at);
      open(a, 'approval', null, a.legalDueAt);
    } else if (a.type === 'decide') {
      finishOpen(a.at);
      open(a, 'return', null, null);
    } else if (CLOSING.has(a.type)) {
      finishOpen(a.at);
    }
  }
  return { rows, storedClosedAt: storedClosedAt as Date | null };
}

type FactsSource = Parameters<typeof factsFromRow>[0];

/** A new dossier waiting for its code (taken in the write, with the daily sequences). */
interface NewDossier {
  /** Its row encoded up to its code (BulkWriter.head). */
  head: unknown;
  agency: string;
  day: string;
}

/**
 * A batch replayed against a snapshot of what is stored, its rows made and encoded for the
 * writer: all the work that does not need the write transaction, so it can run while the
 * database still writes the batch before.
 */
export interface PreparedBatch {
  result: BatchResult;
  /** The stored dossiers the replay started from: (id, version, rated at) must not have moved at write time. */
  snapshot: { id: string; version: number; ratedAt: number | null }[];
  created: NewDossier[];
  updates: BulkRow[];
  events: string;
  steps: string;
  closings: { dossier_id: string; at: Date }[];
  /** The daily rollups' changes, as rollupRowsJson makes them. */
  rollup: string | null;
  /** One audit row per plan, in plan order, rendered; new dossiers' codes are filled in at write time. */
  audit: PreparedAuditEntries;
  /** For each audit row, the index in `created` of the new dossier it records (null: a stored dossier brought forward). */
  auditCreated: (number | null)[];
}

const CODE_HOLE_HEAD = '"after":{"code":""';
const CODE_HOLE_JSON = '{"code":""';

/**
 * The audit rows with the new dossiers' codes. A new dossier's row is rendered before its code
 * is taken, with `code: ''` first in its `after`; the code goes into that hole. The first match
 * is the hole: what comes before it in the canonical JSON are JSON strings, whose quotes are
 * escaped.
 */
function withNewDossierCodes(audit: PreparedAuditEntries, created: readonly (number | null)[], codes: readonly string[]): PreparedAuditEntries {
  const heads = [...audit.heads];
  const json = [...audit.json];
  for (const [i, k] of created.entries()) {
    if (k === null) continue;
    const quoted = JSON.stringify(codes[k]);
    heads[i] = heads[i]!.replace(CODE_HOLE_HEAD, () => `"after":{"code":${quoted}`);
    json[i] = { before: json[i]!.before, after: json[i]!.after!.replace(CODE_HOLE_JSON, () => `{"code":${quoted}`) };
  }
  return { ...audit, heads, json };
}

/**
 * One table's rows of a batch, encoded dossier by dossier as they are made when the writer's
 * encodings join (COPY): a row object then lives only as long as its dossier is being replayed,
 * not until the whole batch is, and the garbage collector has less to carry. Else kept and
 * encoded together at the end.
 */
class EncodedRows {
  private readonly parts: string[] = [];
  private readonly rows: BulkRow[] = [];
  constructor(
    private readonly writer: BulkWriter,
    private readonly columns: readonly BulkColumn[],
  ) {}

  add(rows: readonly BulkRow[]) {
    if (this.writer.concat) this.parts.push(this.writer.encode(this.columns, rows));
    else this.rows.push(...rows);
  }

  done(): string {
    return this.writer.concat ? this.parts.join('') : this.writer.encode(this.columns, this.rows);
  }
}

/** A stored dossier moved between the snapshot and the write: the batch is done again, dossier by dossier. */
export class SnapshotMoved extends Error {
  readonly code = '40001';
}

/**
 * Reads what the batch's dossiers already have (locked when `lock`, i.e. inside the write
 * transaction), replays each history in memory and makes the rows to write. A refused history is
 * only reported: nothing of it is written, and the others still load.
 */
export async function prepareBatch(db: Executor, env: BatchEnv, histories: readonly DossierHistory[], lock: boolean): Promise<PreparedBatch> {
  const result: BatchResult = { created: 0, updated: 0, added: 0, skipped: 0, errors: [] };
  const stored = await readStoredDossiers(
    db,
    histories.map((h) => externalRefOf(env.source, h.sourceCode)),
    lock,
  );
  await loadReferences(db, env, histories);
  const lookups = {
    procedure: (unitCode: string, procedureCode: string) => env.procedures.get(procedureKey(unitCode, procedureCode)) ?? null,
    officials: (ref: string) => env.officials.get(ref) ?? [],
  };
  const now = env.now;
  const actor = importActorLabel(env.source);
  const created: NewDossier[] = [];
  const updates: BulkRow[] = [];
  const closings: PreparedBatch['closings'] = [];
  const audits: AuditEntry[] = [];
  const auditCreated: (number | null)[] = [];
  const rollup: RollupRows = new Map();
  const events = new EncodedRows(env.writer, EVENT_COLUMNS);
  const steps = new EncodedRows(env.writer, STEP_COLUMNS);
  const addRollup = (unitId: string, before: DossierFacts | null, after: DossierFacts) => {
    for (const d of rollupDelta(before, after)) addToRollupRows(rollup, unitId, d.day, d.field, d.delta);
  };

  const addPlan = (p: HistoryPlan) => {
    const columns = columnsOf(p.state, now);
    const existing = p.stored?.row ?? null;
    let id: string;
    let seq: number;
    if (existing) {
      id = existing.id;
      seq = p.stored!.lastSeq;
      updates.push({ id, ...columns });
      const rating = p.stored!.rating;
      const rated = { rating_level: rating?.level ?? null, rating_at: rating?.at ?? null };
      addRollup(existing.unit_id, factsFromRow({ ...existing, ...rated } as FactsSource), factsFromRow({ ...existing, ...columns, ...rated } as FactsSource));
    } else {
      const { procedure: proc, opening } = p.creation!;
      id = timeOrderedUuid();
      seq = 0;
      const documents = proc.required_documents.map((d) => ({ name: d.name, originals: d.originals, copies: d.copies, digitized: false, reused: false }));
      const row = {
        id,
        code: '',
        procedure_id: proc.id,
        unit_id: proc.unit_id,
        unit_path: proc.unit_path,
        channel: opening.channel,
        applicant_name: opening.applicant.fullName,
        applicant_search: foldDiacritics(opening.applicant.fullName),
        applicant_id_number: opening.applicant.idNumber,
        applicant_phone: opening.applicant.phone,
        applicant_email: opening.applicant.email,
        applicant_address: opening.applicant.address,
        submitted_at: p.added[0]!.at,
        fee_vnd: proc.fee_vnd,
        rules: JSON.stringify(p.rules),
        documents: JSON.stringify(documents),
        flags: [],
        external_ref: p.externalRef,
        created_at: now,
        ...columns,
      };
      created.push({ head: env.writer.head(DOSSIER_COLUMNS, row), agency: proc.agency_code ?? proc.unit_id.slice(0, 8).toUpperCase(), day: vnDateOf(p.added[0]!.at) });
      addRollup(proc.unit_id, null, factsFromRow({ ...columns, unit_id: proc.unit_id, channel: row.channel, documents, rating_level: null, rating_at: null } as FactsSource));
    }
    const eventRows: BulkRow[] = [];
    for (const a of p.added) {
      eventRows.push({ dossier_id: id, seq: ++seq, at: a.at, actor_account_id: env.actorAccountId, actor, type: a.type, status: a.status, data: JSON.stringify(a.data) });
    }
    const trail = plannedSteps(id, p.added, env.calendar);
    events.add(eventRows);
    steps.add(trail.rows);
    if (existing && trail.storedClosedAt) closings.push({ dossier_id: id, at: trail.storedClosedAt });
    // Imported history is not news to the citizen: no notice goes to the outbox.
    auditCreated.push(existing ? null : created.length - 1);
    audits.push({
      actorAccountId: env.actorAccountId,
      actor: env.auditActor,
      action: existing ? 'dossier.import_update' : 'dossier.import_create',
      entityType: 'dossier',
      entityId: id,
      before: existing ? { status: existing.status, events: p.stored!.events.length } : null,
      // `code` first: a new dossier's is filled in at write time (fillAuditCode).
      after: { code: existing?.code ?? '', externalRef: p.externalRef, source: env.source, status: p.state.status, events: p.added.map((a) => a.type) },
      ip: env.ip,
    });
    if (existing) result.updated++;
    else result.created++;
    result.added += p.added.length;
  };

  for (const history of histories) {
    if (breathDue()) await breathe();
    try {
      const replayed = replayHistory(env, lookups, history, stored.get(externalRefOf(env.source, history.sourceCode)) ?? null);
      result.skipped += replayed.skipped;
      if (replayed.plan) addPlan(replayed.plan);
    } catch (error) {
      if (!(error instanceof DossierRefused)) throw error;
      result.errors.push(error.error);
    }
  }

  return {
    result,
    snapshot: [...stored.values()].map((s) => ({ id: s.row.id, version: s.row.version, ratedAt: s.rating?.at.getTime() ?? null })),
    created,
    updates,
    events: events.done(),
    steps: steps.done(),
    closings,
    rollup: rollupRowsJson(rollup),
    audit: prepareAuditEntries(audits, now),
    auditCreated,
  };
}


/**
 * Writes a prepared batch in the caller's transaction. When it was prepared outside of it
 * (`verify`), its stored dossiers are locked now and must be as the snapshot saw them, or
 * SnapshotMoved is thrown. New dossiers take their codes here, all daily sequences at once.
 */
export async function writeBatch(trx: Tx, env: BatchEnv, b: PreparedBatch, verify: boolean): Promise<BatchResult> {
  if (b.audit.records.length === 0) return b.result;
  if (verify && b.snapshot.length > 0) {
    const now = await lockDossierVersions(
      trx,
      b.snapshot.map((s) => s.id),
    );
    const moved = b.snapshot.some((s) => {
      const current = now.get(s.id);
      return !current || current.version !== s.version || current.ratedAt !== s.ratedAt;
    });
    if (moved) throw new SnapshotMoved('Hồ sơ đã thay đổi trong lúc nhập.');
  }

  const counts = new Map<string, { agency: string; day: string; count: number }>();
  for (const c of b.created) {
    const entry = counts.get(`${c.agency}|${c.day}`) ?? { agency: c.agency, day: c.day, count: 0 };
    entry.count++;
    counts.set(`${c.agency}|${c.day}`, entry);
  }
  const next = await allocateDailySequences(trx, counts);
  const codes = b.created.map((c) => {
    const key = `${c.agency}|${c.day}`;
    const n = next.get(key)!;
    next.set(key, n + 1);
    return formatDossierCode(c.agency, c.day, n);
  });

  const w = env.writer;
  await w.write(
    trx,
    'dossiers',
    DOSSIER_COLUMNS,
    w.finish(
      DOSSIER_COLUMNS,
      b.created.map((c) => c.head),
      codes,
    ),
  );
  await updateDossierStates(trx, b.updates);
  await w.write(trx, 'dossier_events', EVENT_COLUMNS, b.events);
  await finishStoredSteps(trx, b.closings);
  await w.write(trx, 'dossier_steps', STEP_COLUMNS, b.steps);
  await addRollupRows(trx, b.rollup);
  const audit = withNewDossierCodes(b.audit, b.auditCreated, codes);
  // The audit chain's head is locked last and briefly: one row per dossier, chained in one go.
  const chained = chainPreparedAudit(await lockAuditHead(trx), audit);
  await w.write(trx, 'audit_log', AUDIT_COLUMNS, w.encode(AUDIT_COLUMNS, chained.rows as BulkRow[]));
  await saveAuditHead(trx, chained.head);
  return b.result;
}

/** One batch entirely in the caller's transaction: read and locked, replayed, written. */
export async function importBatch(trx: Tx, env: BatchEnv, histories: readonly DossierHistory[]): Promise<BatchResult> {
  return writeBatch(trx, env, await prepareBatch(trx, env, histories, true), false);
}
