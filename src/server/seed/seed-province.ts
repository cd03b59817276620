import pg from 'pg';
import { type Insertable, sql } from 'kysely';
import { withKeysRebuiltAfter } from '../db/bulk-load.ts';
import { copyInto, copyLines } from '../db/copy.ts';
import type { Database } from '../db/database.ts';
import type { DossierEventsTable, DossiersTable } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { insertAuditRow } from '../modules/audit/audit.store.ts';
import { rebuildRollups } from '../modules/dossiers/dossier-rollup.store.ts';
import { Prng } from './prng.ts';
import { type SeedContext, STEPS, isEmpty } from './seed.ts';
import { type SimulatedDossier, agencyCodes, counterRows, expectedYearlyDossiers, simulateDossiers } from './seed-dossiers.ts';
import { type OrgSize, type SeededUnit, seedOrganisation } from './seed-org.ts';

/**
 * A province-year (issue 8): about 2,000 units and 20,000 officials (326 communes added to the
 * demo's 60, divisions about twice as large), their catalogue, and by default 5,000,000 dossiers
 * replayed through the lifecycle rules like the demo's, with the same skew (good and poor units,
 * Tết and year-end peaks). Deterministic: the same seeds as the demo.
 */
export const PROVINCE_ORG: OrgSize = { extraCommunes: 326, staffScale: 2.1 };
export const PROVINCE_DOSSIERS = 5_000_000;

export interface ProvinceSeedOptions {
  databaseUrl: string;
  dossiers?: number;
  now?: Date;
  log?: (line: string) => void;
}

const DOSSIER_COLUMNS = [
  'id', 'code', 'procedure_id', 'unit_id', 'unit_path', 'channel', 'applicant_name', 'applicant_search', 'applicant_id_number',
  'applicant_phone', 'applicant_email', 'applicant_address', 'status', 'status_code', 'outcome', 'handler_id', 'submitted_at',
  'received_at', 'legal_due_at', 'due_at', 'supplement_count', 'supplement_requested_at', 'paused_clock', 'incomplete_close_at',
  'apology_count', 'finished_at', 'returned_at', 'visits', 'fee_vnd', 'paid_vnd', 'rules', 'documents', 'flags', 'created_at', 'updated_at',
] as const satisfies readonly (keyof DossiersTable)[];
const EVENT_COLUMNS = ['dossier_id', 'seq', 'at', 'actor_account_id', 'actor', 'type', 'status', 'data'] as const satisfies readonly (keyof DossierEventsTable)[];
const RATING_COLUMNS = ['dossier_id', 'at', 'level', 'criteria', 'comment'] as const;

/**
 * How busy a local unit is, fixed by its code (so the demo's random stream is untouched): most
 * communes are quiet, a few are several times the median, and town wards (P.*) twice again —
 * the skew of a real province, where a handful of urban units take most of the dossiers.
 * Provincial departments serve everyone alike (1).
 */
export function provinceDemand(unit: Pick<SeededUnit, 'code' | 'kind'>): number {
  if (unit.kind !== 'commune') return 1;
  let hash = 0x811c9dc5;
  for (const ch of unit.code) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const u = hash / 2 ** 32;
  return (0.35 + 2.5 * u ** 3) * (unit.code.startsWith('P.') ? 2 : 1);
}

/** Dossiers per COPY round: large enough to amortise a statement, small enough to keep memory flat. */
const BATCH = 20_000;

/**
 * Loads the province-scale data into an empty PostgreSQL database. Dossiers, events and ratings
 * stream through COPY in batches on one connection and one transaction (events need their
 * dossiers for the foreign key), while the next batch is simulated. The organisation commits
 * first, the dossiers next, the rest (tasks, oversight, scores, figures) last, each printing
 * progress; a failure leaves a partly loaded database to drop and seed again.
 */
export async function seedProvince(db: Database, opts: ProvinceSeedOptions): Promise<Record<string, number>> {
  const now = opts.now ?? new Date();
  const log = opts.log ?? (() => {});
  const target = opts.dossiers ?? PROVINCE_DOSSIERS;
  if (!(await isEmpty(db))) throw new Error('Cơ sở dữ liệu đã có dữ liệu: chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu trống.');
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const counts: Record<string, number> = {};
  const made: SeedContext['made'] = {};
  const step = (name: string) => STEPS.find((s) => s.name === name)!;

  const org = await inTransaction(db, async (trx) => {
    const org = await seedOrganisation(trx, new Prng(1), now, PROVINCE_ORG);
    Object.assign(counts, { units: org.units.size, officials: org.officialCount });
    log(`  tổ chức: ${org.units.size} đơn vị, ${org.officialCount} cán bộ (${elapsed()})`);
    for (const name of ['accounts', 'procedures']) {
      const s = step(name);
      Object.assign(counts, await s.run({ trx, org, rng: new Prng(s.seed), now, volume: 1, made }));
    }
    log(`  tài khoản, ${counts.procedures} thủ tục (${elapsed()})`);
    return org;
  });

  const procedures = made.procedures ?? [];
  const volume = target / expectedYearlyDossiers(procedures, provinceDemand);
  const agencies = await agencyCodes(db);
  const counters = new Map<string, number>();
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  let dossiers = 0;
  let events = 0;
  let ratings = 0;
  try {
    await client.query('begin');
    // Index builds after the load sort millions of keys: give them memory for this transaction only.
    await client.query(`set local maintenance_work_mem = '512MB'`);
    await withKeysRebuiltAfter(client, ['dossiers', 'dossier_events', 'dossier_ratings'], async () => {
    let batch: SimulatedDossier[] = [];
    let writing: Promise<void> = Promise.resolve();
    const flush = async (rows: SimulatedDossier[]) => {
      const dossierText = copyLines(rows.map((r) => r.dossier as Required<Insertable<DossiersTable>>), DOSSIER_COLUMNS);
      const eventText = copyLines(rows.flatMap((r) => r.events) as Required<Insertable<DossierEventsTable>>[], EVENT_COLUMNS);
      const ratingText = copyLines(rows.flatMap((r) => (r.rating ? [r.rating] : [])), RATING_COLUMNS);
      // Queue the three COPYs; the next batch is simulated while PostgreSQL takes these.
      await writing;
      writing = (async () => {
        await copyInto(client, 'dossiers', DOSSIER_COLUMNS, dossierText);
        await copyInto(client, 'dossier_events', EVENT_COLUMNS, eventText);
        await copyInto(client, 'dossier_ratings', RATING_COLUMNS, ratingText);
      })();
    };
    const stepDossiers = step('dossiers');
    let reported = 0;
    for (const d of simulateDossiers(org, procedures, new Prng(stepDossiers.seed), now, { volume, agencies, counters, demand: provinceDemand })) {
      batch.push(d);
      dossiers++;
      events += d.events.length;
      if (d.rating) ratings++;
      if (batch.length === BATCH) {
        await flush(batch);
        batch = [];
        if (dossiers - reported >= 250_000) {
          reported = dossiers;
          log(`  hồ sơ: ${dossiers.toLocaleString('vi-VN')} / ~${target.toLocaleString('vi-VN')}, ${events.toLocaleString('vi-VN')} sự kiện (${elapsed()})`);
        }
      }
    }
    await flush(batch);
    await writing;
    log(`  hồ sơ đã ghi; dựng lại chỉ mục và khóa ngoại (${elapsed()})`);
    });
    const rows = counterRows(counters);
    await copyInto(client, 'dossier_counters', ['agency_code', 'day', 'last'], copyLines(rows, ['agency_code', 'day', 'last']));
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  Object.assign(counts, { dossiers, dossier_events: events, ratings });
  log(`  hồ sơ: ${dossiers} hồ sơ, ${events} sự kiện, ${ratings} đánh giá (${elapsed()})`);

  await inTransaction(db, async (trx) => {
    counts.dossier_daily = await rebuildRollups(trx);
    log(`  số liệu ngày của hồ sơ: ${counts.dossier_daily} dòng (${elapsed()})`);
    for (const name of ['tasks', 'oversight', 'evaluation', 'activity rollups']) {
      const s = step(name);
      const result = await s.run({ trx, org, rng: new Prng(s.seed), now, volume: 1, made });
      Object.assign(counts, result);
      log(`  ${name}: ${Object.entries(result).map(([k, v]) => `${v} ${k}`).join(', ')} (${elapsed()})`);
    }
    await insertAuditRow(trx, { actorAccountId: null, actor: 'system', action: 'seed.province', entityType: 'database', entityId: null, after: counts }, now);
  });
  // Fresh statistics, so the first queries on the new data get good plans; and a vacuum, because
  // the rollup rebuild leaves the monthly tables with twenty dead rows per live one (and the
  // visibility map lets the dashboards' index-only scans skip the heap).
  await sql`vacuum analyze`.execute(db);
  return counts;
}
