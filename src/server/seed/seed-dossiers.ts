import type { Insertable } from 'kysely';
import { type WorkingCalendar, addDays, createDefaultWorkingCalendar, vnDateOf, vnInstant } from '../../domain/calendar/index.ts';
import { formatDossierCode } from '../../domain/dossiers/dossier-code.ts';
import { NATIONAL_STATUS_CODE } from '../../domain/dossiers/status.ts';
import { type DossierAction, type DossierState, applyDossierAction, isRefusal } from '../../domain/dossiers/transitions.ts';
import { foldDiacritics } from '../../domain/text/fold.ts';
import type { DossierEventsTable, DossiersTable } from '../db/schema.ts';
import type { Database } from '../db/database.ts';
import type { Tx } from '../db/transaction.ts';
import { columnsOf } from '../modules/dossiers/dossier-state.ts';
import { rebuildRollups } from '../modules/dossiers/dossier-rollup.store.ts';
import { rulesFor } from '../modules/dossiers/dossier.service.ts';
import { DEMO_ACCOUNTS } from './demo-province.ts';
import { vietnameseName } from './names.ts';
import type { Prng } from './prng.ts';
import type { SeededOrg, SeededUnit } from './seed-org.ts';
import type { SeededProcedure } from './seed-procedures.ts';

/** Units whose heads sign in to the demo: read from the demo accounts, so the two stay in step. */
const SHOWCASE_OVERDUE: ReadonlySet<string> = new Set(DEMO_ACCOUNTS.filter((a) => (a.roles as readonly string[]).includes('unit_head')).map((a) => a.unitCode));

/** How well a unit serves: drives lateness, supplement requests and ratings, so units differ. */
interface Profile {
  late: number;
  supplement: number;
  dissatisfied: number;
  verySatisfied: number;
}
const PROFILES: Record<'good' | 'average' | 'poor', Profile> = {
  good: { late: 0.02, supplement: 0.04, dissatisfied: 0.02, verySatisfied: 0.7 },
  average: { late: 0.08, supplement: 0.1, dissatisfied: 0.06, verySatisfied: 0.45 },
  poor: { late: 0.22, supplement: 0.24, dissatisfied: 0.18, verySatisfied: 0.25 },
};
/** A few named units with a known character, so the demo tells a story. */
const NAMED_PROFILES: Record<string, keyof typeof PROFILES> = {
  STP: 'good',
  'P.VINHYEN': 'good',
  'X.DABAC': 'poor',
  'X.YENLAP': 'poor',
  SXD: 'poor',
  'P.VIETTRI': 'average',
};

const MINUTES = { open: 7 * 60 + 45, close: 16 * 60 + 30 };

function randomOfficeInstant(rng: Prng, day: string): Date {
  const lunch = rng.chance(0.55);
  const minute = lunch ? rng.int(MINUTES.open, 11 * 60 + 15) : rng.int(13 * 60 + 15, MINUTES.close);
  return vnInstant(day as never, minute);
}

function laterOfficeInstant(rng: Prng, calendar: WorkingCalendar, from: Date, workingDays: number): Date {
  const day = workingDays === 0 ? vnDateOf(from) : calendar.addWorkingDays(vnDateOf(from), workingDays);
  const t = randomOfficeInstant(rng, day);
  return t > from ? t : new Date(from.getTime() + rng.int(20, 120) * 60_000);
}

interface Applicant {
  name: string;
  idNumber: string;
}

interface Spec {
  receivedAt: Date;
  applicant?: Applicant;
  flags: string[];
  resubmissionOf?: string;
  /** Withdraw on the due day and come back: a unit hiding its lateness. */
  gaming: boolean;
}

function newApplicant(rng: Prng, used: Set<number>): Applicant {
  const gender = rng.chance(0.5) ? 'male' : 'female';
  const name = vietnameseName(rng, gender);
  let idNumber: string;
  do {
    const year = rng.int(1950, 2004);
    idNumber = `025${(year >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0)}${String(year % 100).padStart(2, '0')}${String(rng.int(0, 999999)).padStart(6, '0')}`;
  } while (used.has(Number(idNumber)));
  used.add(Number(idNumber));
  return { name, idNumber };
}

/** More dossiers after Tết and before the year's end, few in the Tết week. */
function seasonalDay(rng: Prng, calendar: WorkingCalendar, firstDay: string): string {
  for (;;) {
    let day = addDays(firstDay as never, rng.int(0, 364));
    if (!calendar.isWorkingDay(day)) day = calendar.nextWorkingDay(day);
    const month = Number(day.slice(5, 7));
    const weight = month === 2 || month === 3 ? 1 : month >= 9 && month <= 11 ? 0.9 : month === 1 ? 0.6 : 0.75;
    if (rng.chance(weight)) return day;
  }
}

export interface SeedDossiersOptions {
  /** Dossiers per unit and year, scaled by each procedure's weight. 1 = full demo. */
  volume: number;
  /** How busy a unit is against the average (1): a town ward gets many times a remote commune's dossiers. */
  demand?: (unit: SeededUnit) => number;
}

type RatingRow = { dossier_id: string; at: Date; level: 'very_satisfied' | 'satisfied' | 'dissatisfied'; criteria: string; comment: string | null };

/** One simulated dossier with its events (in order) and the citizen's rating, if any. */
export interface SimulatedDossier {
  dossier: Insertable<DossiersTable>;
  events: Insertable<DossierEventsTable>[];
  rating: RatingRow | null;
}

/** Dossiers a procedure gets in a year at volume 1, on average (before the random spread). */
export function expectedYearlyDossiers(procedures: readonly SeededProcedure[], demand: (unit: SeededUnit) => number = () => 1): number {
  return procedures.reduce((sum, p) => sum + p.demo.weight * 25 * (p.unit.kind === 'commune' ? 1 : 4) * demand(p.unit), 0);
}

/** Agency identifiers by unit id, read once (dossier codes start with them). */
export async function agencyCodes(trx: Database): Promise<Map<string, string>> {
  const rows = await trx.selectFrom('units').select(['id', 'agency_code', 'code']).execute();
  return new Map(rows.map((r) => [r.id, r.agency_code ?? r.code.toUpperCase()]));
}

/**
 * A year of dossiers replayed through the same lifecycle rules the server enforces, so every
 * stored state agrees with its events: receipt, assignment, sometimes one supplement request,
 * sometimes an apology, decision, return and the citizen's rating. Yields one dossier at a time,
 * so the province-scale data streams to the database instead of living in memory.
 */
export function* simulateDossiers(
  org: SeededOrg,
  procedures: readonly SeededProcedure[],
  rng: Prng,
  now: Date,
  opts: SeedDossiersOptions & { agencies: Map<string, string>; counters: Map<string, number> },
): Generator<SimulatedDossier> {
  const calendar = createDefaultWorkingCalendar();
  const staffByUnit = new Map<string, string[]>();
  const allUnits = [...org.units.values()];
  for (const unit of allUnits) {
    const staff = allUnits.filter((u) => u.path.startsWith(unit.path)).flatMap((u) => u.staffOfficialIds);
    staffByUnit.set(unit.id, staff);
  }
  const { counters } = opts;
  // The units whose heads sign in to the demo keep two dossiers overdue and still open, due in the
  // last days, whatever the hour of seeding: otherwise a good unit's "Quá hạn" queue is empty or
  // not by chance.
  const keptOverdue = new Map<string, number>();
  const mustKeepOverdue = (unitCode: string, due: Date) => {
    if (!SHOWCASE_OVERDUE.has(unitCode) || due >= now || due.getTime() < now.getTime() - 6 * 86_400_000) return false;
    const kept = keptOverdue.get(unitCode) ?? 0;
    if (kept >= 2) return false;
    keptOverdue.set(unitCode, kept + 1);
    return true;
  };
  const firstDay = addDays(vnDateOf(now), -365);
  const today = vnDateOf(now);
  const usedIds = new Set<number>();

  for (const proc of procedures) {
    const profile = PROFILES[NAMED_PROFILES[proc.unit.code] ?? rng.weighted([['good', 3], ['average', 5], ['poor', 2]] as const)];
    // Provincial departments serve the whole province: more dossiers per procedure than a commune.
    const reach = proc.unit.kind === 'commune' ? 1 : 4;
    const demand = opts.demand?.(proc.unit) ?? 1;
    const count = Math.round(proc.demo.weight * 25 * reach * demand * opts.volume * (0.6 + rng.next() * 0.8));
    const staff = staffByUnit.get(proc.unit.id) ?? [];
    const agencyCode = opts.agencies.get(proc.unit.id)!;
    const specs: Spec[] = [];
    for (let n = 0; n < count; n++) {
      const day = seasonalDay(rng, calendar, firstDay);
      if (day >= today) continue;
      const receivedAt = randomOfficeInstant(rng, day);
      if (receivedAt < now) specs.push({ receivedAt, flags: [], gaming: profile === PROFILES.poor && proc.demo.amount >= 3 && rng.chance(0.03) });
    }
    for (let next = 0; next < specs.length; next++) {
      const spec = specs[next]!;
      const receivedAt = spec.receivedAt;
      const day = vnDateOf(receivedAt);
      const channel = proc.demo.online && rng.chance(proc.demo.online === 'full' ? 0.55 : 0.25) ? 'online' : rng.chance(0.04) ? 'postal' : 'counter';
      const rules = rulesFor(
        { processing_amount: proc.demo.amount, processing_unit: proc.demo.unit, supplement_mode: null, cutoff: proc.demo.cutoff ?? { kind: 'none' }, incomplete_close_days: 15 },
        day,
      );
      const id = rng.uuid();
      const handler = staff.length ? rng.pick(staff) : null;
      const key = `${agencyCode}|${day}`;
      const seq = (counters.get(key) ?? 0) + 1;
      counters.set(key, seq);
      const code = formatDossierCode(agencyCode, day, seq);
      const applicant = spec.applicant ?? newApplicant(rng, usedIds);
      const { name: applicantName, idNumber } = applicant;
      const events: Insertable<DossierEventsTable>[] = [];
      let rating: RatingRow | null = null;

      let state: DossierState = {
        status: 'submitted', receivedAt: null, legalDueAt: null, dueAt: null, supplementCount: 0, supplementRequestedAt: null,
        pausedClock: null, incompleteCloseAt: null, apologyCount: 0, handlerId: null, outcome: null, finishedAt: null, returnedAt: null,
        visits: channel === 'counter' ? 1 : 0, paidVnd: 0,
      };
      let seqNo = 0;
      const record = (at: Date, type: string, data: Record<string, unknown>) => {
        events.push({ dossier_id: id, seq: ++seqNo, at, actor_account_id: null, actor: 'seed', type, status: state.status, data: JSON.stringify(data) });
      };
      const step = (at: Date, action: DossierAction): boolean => {
        if (at >= now) return false;
        const r = applyDossierAction(state, action, { now: at, rules, calendar });
        if (isRefusal(r)) return false;
        state = r.next;
        record(at, action.type, r.event.data);
        return true;
      };
      const received = applyDossierAction(state, { type: 'receive' }, { now: receivedAt, rules, calendar });
      if (isRefusal(received)) continue;
      state = received.next;
      record(receivedAt, 'create', { channel, dueAt: state.dueAt?.toISOString(), regime: rules.regime, ...(spec.resubmissionOf ? { resubmissionOf: spec.resubmissionOf } : {}) });

      const simulate = () => {
        if (spec.gaming && state.legalDueAt) {
          // The pattern the integrity check looks for: withdrawn on the due day, received again days later.
          if (handler) step(new Date(receivedAt.getTime() + 30 * 60_000), { type: 'assign', handlerId: handler });
          const withdrawAt = vnInstant(vnDateOf(state.legalDueAt), 8 * 60 + rng.int(0, 120));
          if (step(withdrawAt, { type: 'withdraw', reason: 'Công dân xin rút để bổ sung giấy tờ' })) {
            const again = laterOfficeInstant(rng, calendar, withdrawAt, rng.int(1, 3));
            if (again < now) specs.push({ receivedAt: again, applicant, flags: ['resubmitted_after_withdrawal'], resubmissionOf: code, gaming: false });
          }
          return;
        }
        if (rng.chance(0.015)) return void step(laterOfficeInstant(rng, calendar, receivedAt, 1), { type: 'withdraw', reason: 'Công dân đề nghị rút hồ sơ' });
        const assignAt = new Date(receivedAt.getTime() + rng.int(10, 90) * 60_000);
        if (handler && !step(assignAt, { type: 'assign', handlerId: handler })) return;
        if (rng.chance(profile.supplement)) {
          const askAt = laterOfficeInstant(rng, calendar, assignAt, proc.demo.amount > 0 ? 1 : 0);
          if (!step(askAt, { type: 'request_supplement', items: [proc.demo.documents[0]?.name ?? 'Giấy tờ còn thiếu'] })) return;
          if (rng.chance(0.08)) return void step(new Date(state.incompleteCloseAt!.getTime() + 60_000), { type: 'close_incomplete' });
          if (!step(laterOfficeInstant(rng, calendar, askAt, rng.int(1, 6)), { type: 'complete_supplement' })) return;
        }
        const due = state.legalDueAt!;
        const keepOverdue = mustKeepOverdue(proc.unit.code, due);
        const late = rng.chance(profile.late) || keepOverdue;
        let decideAt: Date;
        if (keepOverdue) {
          // Still undecided today: decided (if ever) after the demo's "now".
          decideAt = new Date(now.getTime() + 2 * 86_400_000);
        } else if (late) {
          decideAt = laterOfficeInstant(rng, calendar, due, rng.int(1, 4));
          if (rng.chance(0.5)) {
            const apologyDay = calendar.previousWorkingDay(vnDateOf(due));
            const apologyAt = randomOfficeInstant(rng, apologyDay);
            if (apologyAt > assignAt) step(apologyAt, { type: 'apologize', newDueAt: vnInstant(calendar.addWorkingDays(vnDateOf(due), 5), 17 * 60), reason: 'Chờ ý kiến phối hợp của cơ quan liên quan' });
          }
        } else {
          const span = Math.max(0, due.getTime() - assignAt.getTime());
          decideAt = new Date(assignAt.getTime() + span * (0.3 + rng.next() * 0.65));
        }
        if (!step(new Date(decideAt.getTime() - rng.int(30, 240) * 60_000), { type: 'propose', outcome: 'approved' })) return;
        const outcome = rng.chance(0.03) ? 'rejected' : 'approved';
        if (!step(decideAt, { type: 'decide', outcome, ...(outcome === 'rejected' ? { reasons: ['Hồ sơ không đủ điều kiện theo quy định'] } : {}) })) return;
        const returnAt = laterOfficeInstant(rng, calendar, decideAt, rng.weighted([[0, 3], [1, 4], [2, 2], [4, 1]] as const));
        if (!step(returnAt, { type: 'return_result' })) return;
        if (rng.chance(0.6)) {
          const lateFactor = state.finishedAt && state.legalDueAt && state.finishedAt > state.legalDueAt ? 3 : 1;
          const level = rng.chance(profile.dissatisfied * lateFactor) ? 'dissatisfied' : rng.chance(profile.verySatisfied) ? 'very_satisfied' : 'satisfied';
          const at = new Date(returnAt.getTime() + rng.int(5, 600) * 60_000);
          if (at < now) {
            rating = { dossier_id: id, at, level, criteria: '{}', comment: level === 'dissatisfied' ? rng.pick(['Phải đi lại nhiều lần', 'Trả kết quả chậm hẹn', 'Cán bộ hướng dẫn chưa rõ']) : null };
            events.push({ dossier_id: id, seq: ++seqNo, at, actor_account_id: null, actor: 'citizen', type: 'rating', status: state.status, data: JSON.stringify({ level }) });
          }
        }
      };
      simulate();
      const documents = proc.demo.documents.map((d) => ({ ...d, digitized: rng.chance(0.75), reused: rng.chance(0.2) }));
      const dossier: Insertable<DossiersTable> = {
        id,
        code,
        procedure_id: proc.id,
        unit_id: proc.unit.id,
        unit_path: proc.unit.path,
        channel,
        applicant_name: applicantName,
        applicant_search: foldDiacritics(applicantName),
        applicant_id_number: idNumber,
        applicant_phone: `09${rng.int(10000000, 99999999)}`,
        applicant_email: rng.chance(0.3) ? `nguoidan${rng.int(1000, 99999)}@example.vn` : null,
        applicant_address: null,
        submitted_at: receivedAt,
        fee_vnd: proc.demo.feeVnd,
        rules: JSON.stringify(rules),
        documents: JSON.stringify(documents),
        created_at: receivedAt,
        flags: spec.flags,
        ...columnsOf(state, state.finishedAt ?? receivedAt),
        status_code: NATIONAL_STATUS_CODE[state.status],
      };
      yield { dossier, events, rating };
    }
  }
}

/** The day counters the codes used, as rows of dossier_counters. */
export function counterRows(counters: Map<string, number>) {
  return [...counters].map(([key, last]) => {
    const [agency_code, day] = key.split('|') as [string, string];
    return { agency_code, day, last };
  });
}

/** The demo's year of dossiers, inserted in batches with the daily figures rebuilt from them. */
export async function seedDossiers(trx: Tx, org: SeededOrg, procedures: SeededProcedure[], rng: Prng, now: Date, opts: SeedDossiersOptions) {
  const counters = new Map<string, number>();
  const dossiers: Insertable<DossiersTable>[] = [];
  const events: Insertable<DossierEventsTable>[] = [];
  const ratings: RatingRow[] = [];
  for (const d of simulateDossiers(org, procedures, rng, now, { ...opts, agencies: await agencyCodes(trx), counters })) {
    dossiers.push(d.dossier);
    events.push(...d.events);
    if (d.rating) ratings.push(d.rating);
  }
  for (let i = 0; i < dossiers.length; i += 500) await trx.insertInto('dossiers').values(dossiers.slice(i, i + 500)).execute();
  for (let i = 0; i < events.length; i += 1000) await trx.insertInto('dossier_events').values(events.slice(i, i + 1000)).execute();
  for (let i = 0; i < ratings.length; i += 1000) await trx.insertInto('dossier_ratings').values(ratings.slice(i, i + 1000)).execute();
  const counts = counterRows(counters);
  for (let i = 0; i < counts.length; i += 1000) await trx.insertInto('dossier_counters').values(counts.slice(i, i + 1000)).execute();
  // The history was written in bulk: fill the daily figures from it with the same rule.
  const dailyRows = await rebuildRollups(trx);
  return { dossiers: dossiers.length, dossier_events: events.length, ratings: ratings.length, dossier_daily: dailyRows };
}
