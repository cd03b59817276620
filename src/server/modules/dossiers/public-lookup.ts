import { eventLabel } from '../../../domain/dossiers/event-labels.ts';
import { maskPersonName } from '../../../domain/dossiers/mask-name.ts';
import { STATUS_LABEL_VI } from '../../../domain/dossiers/status.ts';
import { timelinessOf } from '../../../domain/dossiers/transitions.ts';
import type { TPublicDossier } from '../../../shared/schemas/dossiers.ts';
import { dbConnectTimeoutMs } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { keyedBatches } from '../../db/keyed-batches.ts';
import { preparedStatement, queryPrepared } from '../../db/prepared.ts';
import { notFound } from '../../http/problem.ts';
import { type StateColumns, stateOf } from './dossier-state.ts';

/**
 * The citizen's lookup in one round trip: the dossier's state, procedure and unit, its timeline
 * (only what the public page shows) and its rating. The busiest public query, so it reads only
 * the columns it needs and lets PostgreSQL assemble the timeline. `npm run bench` serves the
 * single-code text, also as a named prepared statement, from a bare node:http server as the
 * lookup's floor; concurrent lookups share the many-code text (`lookupOn` below).
 */
const LOOKUP_FROM = `select d.code, d.status, d.status_code, d.applicant_name, d.received_at, d.legal_due_at, d.due_at,
    d.supplement_count, d.supplement_requested_at, d.paused_clock, d.incomplete_close_at, d.apology_count, d.handler_id,
    d.outcome, d.finished_at, d.returned_at, d.visits, d.paid_vnd,
    p.name as procedure_name, p.code as procedure_code, u.name as unit_name, r.level as rating_level, r.at as rating_at,
    (select json_agg(json_build_object('at', e.at, 'type', e.type, 'status', e.status, 'items', e.data -> 'items') order by e.seq)
       from dossier_events e where e.dossier_id = d.id and e.type <> 'propose') as timeline
  from dossiers d
  join procedures p on p.id = d.procedure_id
  join units u on u.id = d.unit_id
  left join dossier_ratings r on r.dossier_id = d.id`;
export const PUBLIC_LOOKUP_SQL = preparedStatement(`${LOOKUP_FROM}\n where d.code = $1`);
const PUBLIC_LOOKUP_MANY_SQL = preparedStatement(`${LOOKUP_FROM}\n where d.code = any($1::text[])`);

interface LookupRow extends StateColumns {
  code: string;
  status_code: number;
  applicant_name: string;
  procedure_name: string;
  procedure_code: string;
  unit_name: string;
  rating_level: string | null;
  rating_at: Date | null;
  timeline: { at: string; type: string; status: string; items: string[] | null }[] | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Lookups of one process share a few statements: at most 4 at a time (the pool keeps its other
 * connections for the staff's work), each carrying every code asked for while the others ran, up
 * to 64. Under 50 connections this gave 2.2–3× the lookups/s of one statement per lookup and a
 * p99 of 13–15 ms instead of 29–32 ms, with a third less of PostgreSQL's CPU per lookup
 * (docs/performance.md); an idle server still sends each code alone, by the single-code
 * statement the floor also runs. The first lookup on a database sets its wait limit.
 */
const IN_FLIGHT = 4;
const PER_STATEMENT = 64;
const lookups = new WeakMap<Database, (code: string) => Promise<LookupRow | undefined>>();

function lookupOn(db: Database, maxWaitMs: number) {
  let lookup = lookups.get(db);
  if (!lookup) {
    // A code alone keeps its generic plan; an array of codes is planned for its length (a batch's
    // plan costs less than the statements it replaces).
    const load = async (codes: string[]) => {
      const rows = await (codes.length === 1 ? queryPrepared<LookupRow>(db, PUBLIC_LOOKUP_SQL, codes) : queryPrepared<LookupRow>(db, PUBLIC_LOOKUP_MANY_SQL, [codes]));
      return new Map(rows.map((row) => [row.code, row]));
    };
    lookups.set(db, (lookup = keyedBatches(load, { maxInFlight: IN_FLIGHT, maxBatch: PER_STATEMENT, maxWaitMs, timedOut: waitedTooLong })));
  }
  return lookup;
}

// Answered 503 like a query that waited too long for a pool connection (isDatabaseUnavailable).
const waitedTooLong = () => Object.assign(new Error('timeout exceeded waiting for the public lookup statement'), { code: 'ETIMEDOUT' });

/** `maxWaitMs`: how long a lookup may wait for its statement to leave (the pool's connect timeout). */
export async function getPublicDossier(db: Database, code: string, now: Date, maxWaitMs = dbConnectTimeoutMs()): Promise<TPublicDossier> {
  const row = await lookupOn(db, maxWaitMs)(code);
  if (!row) throw notFound('Không tìm thấy hồ sơ với mã này. Vui lòng kiểm tra lại mã trên giấy hẹn.');
  const events = row.timeline ?? [];
  const supplement = events.findLast((e) => e.type === 'request_supplement');
  const status = row.status as TPublicDossier['status'];
  return {
    code: row.code,
    status,
    statusLabel: STATUS_LABEL_VI[status],
    statusCode: row.status_code,
    receivedAt: iso(row.received_at),
    dueAt: iso(row.due_at),
    procedure: { name: row.procedure_name, code: row.procedure_code },
    unit: { name: row.unit_name },
    applicantName: maskPersonName(row.applicant_name),
    timeliness: timelinessOf(stateOf(row), now),
    // json_build_object writes instants in the session's zone: normalise to the API's ISO form.
    timeline: events.map((e) => ({ at: new Date(e.at).toISOString(), type: e.type, label: eventLabel(e.type), status: e.status })),
    supplementItems: status === 'awaiting_supplement' && supplement ? (supplement.items ?? []) : null,
    canRate: status === 'returned' && !row.rating_level,
    rating: row.rating_level && row.rating_at ? { level: row.rating_level, at: row.rating_at.toISOString() } : null,
  };
}
