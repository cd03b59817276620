import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../domain/audit/chain.ts';
import { Transaction, sql } from 'kysely';
import { type DossierHistory, type ImportEvent, groupImportEvents, importActorLabel, normalizeImportSource, parseImportRow } from '../../../domain/dossiers/import-row.ts';
import type { Database } from '../../db/database.ts';
import { type Tx, inTransaction } from '../../db/transaction.ts';
import { AppError, forbidden } from '../../http/problem.ts';
import type { Actor, RequestContext } from '../access/actor.ts';
import { scopePrefix } from '../access/policy.ts';
import { loadWorkingCalendar } from '../calendar/calendar.service.ts';
import { type BatchEnv, type BatchResult, type PreparedBatch, breathDue, breathe, importBatch, prepareBatch, writeBatch } from './dossier-import-batch.ts';
import { type ImportInput, type ImportRow, type UnreadableLine, importInputOf, unreadableSourceCode } from './dossier-import-file.ts';
import { rememberingCalendar } from './dossier-import-replay.ts';
import { type TDossierEventsRequest, type TDossierImportSummary, ZDossierImportSummary } from './dossier-import-schema.ts';
import { type BulkWriter, jsonWriter } from './dossier-import.store.ts';
import * as store from './dossier.store.ts';

export type { ImportError } from './dossier-import-replay.ts';

export type ImportSummary = TDossierImportSummary;

/** Who imports: an account (API token), or the system itself (CLI) when `actor` is null. */
export interface ImportContext {
  actor: Actor | null;
  ip: string | null;
  now: Date;
}

export interface ImportOptions {
  /** Name of the source system: keys the dossiers (`<source>:<ma_ho_so>`) and labels the events (`import:<source>`). */
  source: string;
  /** Called after each batch with the rows done so far and the rows in all. */
  onProgress?: (doneRows: number, totalRows: number) => void;
  /** Lines the reader could not turn into rows: reported, and the dossier they name is not imported. */
  unreadable?: readonly UnreadableLine[];
  /** How a batch's rows are written: one JSON parameter per table by default; COPY on a bulk connection (the CLI on PostgreSQL). */
  writer?: BulkWriter;
  /** Dossiers per transaction (default 2000). */
  batchSize?: number;
  /**
   * Another connection to the same database for reading ahead: each batch is then read and
   * replayed there while the batch before is still being written (checked again when written).
   */
  readDb?: Database;
}

// Prepared batches waiting to be written behind the one being written.
const WRITES_QUEUED = 2;

type Runner = <T>(work: (trx: Tx) => Promise<T>) => Promise<T>;

/**
 * Each batch in its own unit of work: its own transaction, or — inside the caller's transaction
 * (the API, whose idempotency key commits with the import) — its own savepoint.
 */
function unitRunner(db: Database): Runner {
  if (db instanceof Transaction) {
    const trx = db as Tx;
    return async (work) => {
      await sql`savepoint dossier_import`.execute(trx);
      try {
        const result = await work(trx);
        await sql`release savepoint dossier_import`.execute(trx);
        return result;
      } catch (error) {
        await sql`rollback to savepoint dossier_import`.execute(trx);
        await sql`release savepoint dossier_import`.execute(trx);
        throw error;
      }
    };
  }
  return (work) => inTransaction(db, work);
}

/** A write that lost to another writer (a concurrent import of the same dossier, a deadlock): worth retrying one dossier at a time. */
function isConflict(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === '23505' || code === '40P01' || code === '40001';
}

/**
 * Imports dossier histories: one row per event (docs/import.md). Rows are checked one by one;
 * each dossier's events are replayed in time order through the same lifecycle rules as the live
 * system. Dossiers are written in batches, one transaction (or savepoint) each; a dossier refused
 * by the rules is reported with its line numbers and the others of its batch still load. Re-importing
 * the same rows changes nothing. The importer needs `dossiers.work` over each procedure's unit; a
 * null actor is the system (CLI).
 */
export async function importDossiers(db: Database, ctx: ImportContext, rows: readonly ImportRow[], opts: ImportOptions): Promise<ImportSummary> {
  return importDossierInput(db, ctx, await importInputOf(rows, opts.unreadable), opts);
}

/** importDossiers over an input read in chunks (a file streamed by openImportFile). */
export async function importDossierInput(db: Database, ctx: ImportContext, input: ImportInput, opts: ImportOptions): Promise<ImportSummary> {
  const source = normalizeImportSource(opts.source);
  if (!source) {
    throw new AppError(422, 'INVALID_SOURCE', 'Tên nguồn không hợp lệ.', [{ field: 'source', message: 'Gồm chữ không dấu, số, ".", "_", "-", tối đa 40 ký tự.' }]);
  }
  const prefix = ctx.actor ? scopePrefix(ctx.actor, 'dossiers.work') : '';
  if (prefix === null) throw forbidden('Tài khoản không có quyền xử lý hồ sơ (dossiers.work).');

  const summary: ImportSummary = { dossiersCreated: 0, dossiersUpdated: 0, eventsAdded: 0, eventsSkipped: 0, errors: [] };
  const env: BatchEnv = {
    now: ctx.now,
    source,
    prefix,
    calendar: rememberingCalendar(await loadWorkingCalendar(db)),
    actorAccountId: ctx.actor?.accountId ?? null,
    auditActor: ctx.actor?.username ?? importActorLabel(source),
    ip: ctx.ip,
    writer: opts.writer ?? jsonWriter,
    procedures: new Map(),
    officials: new Map(),
  };
  const run = unitRunner(db);
  const batchSize = opts.batchSize ?? 2000;

  const merge = (r: BatchResult) => {
    summary.dossiersCreated += r.created;
    summary.dossiersUpdated += r.updated;
    summary.eventsAdded += r.added;
    summary.eventsSkipped += r.skipped;
    summary.errors.push(...r.errors);
  };
  // A batch that loses a write conflict is done again one dossier per transaction, as a lone import would be.
  const runBatch = async (histories: readonly DossierHistory[]): Promise<void> => {
    try {
      merge(await run((trx) => importBatch(trx, env, histories)));
    } catch (error) {
      if (!isConflict(error)) throw error;
      if (histories.length > 1) {
        for (const h of histories) await runBatch([h]);
        return;
      }
      const h = histories[0]!;
      summary.errors.push({ line: h.events[0]!.line, field: 'ma_ho_so', code: 'CONCURRENT_IMPORT', message: `Hồ sơ "${h.sourceCode}" đang được nhập đồng thời ở nơi khác; chạy lại để nhập.` });
    }
  };
  // Read ahead: batches are read and replayed on readDb while the ones before are written, one
  // after another on `db`; up to WRITES_QUEUED prepared batches wait their turn, so a slow write
  // does not stop the replay, nor a slow replay the writes.
  const readDb = opts.readDb && !(db instanceof Transaction) ? opts.readDb : null;
  const writes: Promise<void>[] = [];
  let failure: { error: unknown } | null = null;
  const write = async (prepared: PreparedBatch, histories: DossierHistory[]) => {
    try {
      merge(await inTransaction(db, (trx) => writeBatch(trx, env, prepared, true)));
    } catch (error) {
      if (!isConflict(error)) throw error;
      for (const h of histories) await runBatch([h]);
    }
  };
  const submit = async (histories: DossierHistory[], lines: number) => {
    const written = () => {
      done += lines;
      opts.onProgress?.(done, input.lines);
    };
    if (!readDb) {
      await runBatch(histories);
      written();
      return;
    }
    const prepared = await prepareBatch(readDb, env, histories, false);
    while (writes.length >= WRITES_QUEUED) await writes.shift();
    if (failure) throw failure.error;
    const after = writes.at(-1) ?? Promise.resolve();
    writes.push(
      after
        .then(async () => {
          if (failure) return;
          await write(prepared, histories);
          written();
        })
        .catch((error: unknown) => {
          failure ??= { error };
        }),
    );
  };

  // Rows wait in `pending` until their dossier's last line is read, then its history is ready.
  const pending = new Map<string, { events: ImportEvent[]; bad: number[] }>();
  let ready: { history: DossierHistory; lines: number }[] = [];
  let done = 0;
  const entry = (code: string) => {
    let e = pending.get(code);
    if (!e) pending.set(code, (e = { events: [], bad: [] }));
    return e;
  };
  const reached = (code: string, line: number) => {
    if ((input.lastLines.get(code) ?? 0) > line) return;
    const { events, bad } = pending.get(code)!;
    pending.delete(code);
    if (events.length === 0) {
      done += bad.length;
      return;
    }
    const history = groupImportEvents(events)[0]!;
    if (bad.length === 0) {
      ready.push({ history, lines: events.length });
      return;
    }
    done += events.length + bad.length;
    summary.errors.push({
      line: history.events[0]!.line,
      field: 'ma_ho_so',
      code: 'DOSSIER_HAS_BAD_ROWS',
      message: `Hồ sơ "${code}" không được nhập vì có dòng lỗi (dòng ${bad.sort((a, b) => a - b).join(', ')}).`,
    });
  };
  const flush = async (all: boolean) => {
    while (ready.length >= batchSize || (all && ready.length > 0)) {
      const batch = ready.slice(0, batchSize);
      ready = ready.slice(batchSize);
      await submit(
        batch.map((b) => b.history),
        batch.reduce((n, b) => n + b.lines, 0),
      );
    }
  };

  for await (const chunk of input.chunks()) {
    for (const row of chunk.rows) {
      if (breathDue()) await breathe();
      const parsed = parseImportRow(row.values, row.line);
      for (const p of parsed.problems) summary.errors.push({ line: row.line, field: p.field, code: p.code, message: p.message });
      if (!parsed.sourceCode) {
        done++;
        continue;
      }
      const e = entry(parsed.sourceCode);
      if (parsed.event) e.events.push(parsed.event);
      else e.bad.push(row.line);
      reached(parsed.sourceCode, row.line);
    }
    for (const u of chunk.unreadable) {
      summary.errors.push({ line: u.line, field: null, code: 'UNREADABLE_LINE', message: u.message });
      const code = unreadableSourceCode(u);
      if (!code) {
        done++;
        continue;
      }
      entry(code).bad.push(u.line);
      reached(code, u.line);
    }
    await flush(false);
  }
  // Every dossier reached its last line; anything left is a reader's mistake, loaded all the same.
  for (const code of [...pending.keys()]) reached(code, Number.MAX_SAFE_INTEGER);
  await flush(true);
  await Promise.all(writes);
  if (failure) throw (failure as { error: unknown }).error;
  opts.onProgress?.(input.lines, input.lines);
  summary.errors.sort((a, b) => a.line - b.line);
  return summary;
}

export interface IdempotentResult {
  status: number;
  body: ImportSummary;
  /** True when the stored response of an earlier request with the same key was sent again. */
  replayed: boolean;
}

/**
 * The integration endpoint's operation: API tokens only; the Idempotency-Key is claimed, the
 * events imported and the response stored in one transaction, so a replay (same key, same body)
 * returns the stored response and changes nothing, and a key reused for another body is refused.
 */
export async function importDossierEvents(db: Database, ctx: RequestContext, idempotencyKey: string, body: TDossierEventsRequest): Promise<IdempotentResult> {
  if (ctx.actor.via !== 'token') {
    throw new AppError(403, 'API_TOKEN_REQUIRED', 'Chỉ gọi được bằng khóa API (Authorization: Bearer …), không bằng phiên đăng nhập của trình duyệt.');
  }
  if (scopePrefix(ctx.actor, 'dossiers.work') === null) throw forbidden('Tài khoản của khóa API không có quyền xử lý hồ sơ (dossiers.work).');
  const scope = `dossier-events:${ctx.actor.accountId}`;
  const requestHash = createHash('sha256').update(canonicalJson(body)).digest('hex');
  return inTransaction(db, async (trx) => {
    const claimed = await store.claimIdempotencyKey(trx, { scope, key: idempotencyKey, requestHash, at: ctx.now });
    if (!claimed) {
      const earlier = await store.findIdempotencyKey(trx, scope, idempotencyKey);
      if (!earlier) throw new AppError(409, 'IDEMPOTENCY_CONFLICT', 'Yêu cầu cùng Idempotency-Key đang được xử lý; thử lại sau.');
      if (earlier.request_hash !== requestHash) {
        throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key này đã dùng cho một yêu cầu có nội dung khác; mỗi yêu cầu mới cần một khóa mới.', [
          { field: 'header.idempotency-key', message: 'Khóa đã dùng cho nội dung khác.' },
        ]);
      }
      return { status: earlier.status, body: ZDossierImportSummary.parse(earlier.response), replayed: true };
    }
    const rows = body.events.map((values, index) => ({ line: index + 1, values }));
    const summary = await importDossiers(trx, ctx, rows, { source: body.source });
    await store.saveIdempotencyResponse(trx, scope, idempotencyKey, 200, summary);
    return { status: 200, body: summary, replayed: false };
  });
}
