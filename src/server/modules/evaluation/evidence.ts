import { sql } from 'kysely';
import { regimeFor } from '../../../domain/evaluation/regimes.ts';
import { round1, taskScore, type WorkItem } from '../../../domain/evaluation/scoring.ts';
import type { EvidenceDeductions } from '../../../domain/evaluation/template.ts';
import type { Executor } from '../audit/audit.store.ts';
import { escapeLike } from '../org/unit.store.ts';

export function monthRange(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = new Date(`${month}-01T00:00:00+07:00`);
  const next = new Date(Date.UTC(y, m, 1));
  const to = new Date(`${next.getUTCFullYear()}-${String(next.getUTCMonth() + 1).padStart(2, '0')}-01T00:00:00+07:00`);
  return { from, to };
}

/** Whose evidence: one official, or every active official under a unit path. */
export type EvidenceSubject = { officialId: string } | { path: string };

interface Raw {
  dossiers: { id: string; late: boolean }[];
  tasks: { id: string; status: string; completed_at: Date | null; due_at: Date; sent_back: number }[];
  violations: string[];
  complaints: string[];
}

/**
 * The month's record of many officials in four set-based queries (not four per official, so a
 * province's month opens in seconds): dossiers they finished, tasks due, violations found and
 * complaints upheld against them.
 */
async function collect(db: Executor, subject: EvidenceSubject, month: string): Promise<Map<string, Raw>> {
  const { from, to } = monthRange(month);
  const officials = (col: string) =>
    'officialId' in subject
      ? sql<boolean>`${sql.ref(col)} = ${subject.officialId}`
      : sql<boolean>`${sql.ref(col)} in (select o.id from officials o join units u on u.id = o.unit_id where o.active and u.path like ${`${escapeLike(subject.path)}%`})`;
  const [dossiers, tasks, violations, complaints] = await Promise.all([
    db.selectFrom('dossiers').select(['id', 'handler_id as official', sql<boolean>`finished_at > legal_due_at`.as('late')]).where(officials('handler_id')).where('status', 'in', ['result_ready', 'returned']).where('finished_at', '>=', from).where('finished_at', '<', to).execute(),
    db
      .selectFrom('tasks as t')
      .select(['t.id', 't.owner_id as official', 't.status', 't.completed_at', 't.due_at'])
      .select(sql<number>`(select count(*)::int from task_events e where e.task_id = t.id and e.type = 'send_back')`.as('sent_back'))
      .where(officials('t.owner_id'))
      .where('t.status', '<>', 'cancelled')
      .where('t.original_due_at', '>=', from)
      .where('t.original_due_at', '<', to)
      .execute(),
    db.selectFrom('violations').select(['id', 'official_id as official']).where(officials('official_id')).where('found_at', '>=', from).where('found_at', '<', to).execute(),
    db.selectFrom('complaints').select(['tracking_code', 'official_id as official']).where(officials('official_id')).where('outcome', '=', 'upheld').where('answered_at', '>=', from).where('answered_at', '<', to).execute(),
  ]);
  const byOfficial = new Map<string, Raw>();
  const of = (id: string | null) => {
    const key = id ?? '';
    let r = byOfficial.get(key);
    if (!r) byOfficial.set(key, (r = { dossiers: [], tasks: [], violations: [], complaints: [] }));
    return r;
  };
  for (const d of dossiers) of(d.official).dossiers.push({ id: d.id, late: Boolean(d.late) });
  for (const t of tasks) of(t.official).tasks.push(t);
  for (const v of violations) of(v.official).violations.push(v.id);
  for (const c of complaints) of(c.official).complaints.push(c.tracking_code);
  return byOfficial;
}

const EMPTY: Raw = { dossiers: [], tasks: [], violations: [], complaints: [] };

/**
 * Scores one official's record: a task sent back counts as a content error, a late one as a
 * delay; each violation and upheld complaint costs the template's deduction from the general
 * criteria. Each figure keeps the ids of the records it came from.
 */
function score(raw: Raw, month: string, deductions: EvidenceDeductions) {
  const { to } = monthRange(month);
  const items: WorkItem[] = [
    ...raw.dossiers.map((d) => ({ weight: 1, completed: true, errors: 0, delays: d.late ? 1 : 0 })),
    ...raw.tasks.map((t) => ({ weight: 2, completed: t.status === 'done', errors: t.sent_back, delays: t.status === 'done' ? (t.completed_at! > t.due_at ? 1 : 0) : t.due_at < to ? 1 : 0 })),
  ];
  const regime = regimeFor('cong_chuc', `${month}-01`);
  const task = taskScore(items, regime);
  const general = Math.max(0, regime.generalMax - deductions.violation * raw.violations.length - deductions.upheldComplaint * raw.complaints.length);
  return {
    score: task === null ? null : round1(general + task),
    figures: {
      dossiers: { handled: raw.dossiers.length, late: raw.dossiers.filter((d) => d.late).length, ids: raw.dossiers.map((d) => d.id) },
      tasks: { due: raw.tasks.length, done: raw.tasks.filter((t) => t.status === 'done').length, sentBack: raw.tasks.reduce((s, t) => s + t.sent_back, 0), ids: raw.tasks.map((t) => t.id) },
      violations: { count: raw.violations.length, ids: raw.violations },
      upheldComplaints: { count: raw.complaints.length, codes: raw.complaints },
      taskScore: task,
      generalFromEvidence: general,
    },
  };
}

export type Evidence = ReturnType<typeof score>;

/** Evidence for every official of the subject; `deductionsOf` gives each official's template deductions. */
export async function evidenceOf(db: Executor, subject: EvidenceSubject, month: string, deductionsOf: (officialId: string) => EvidenceDeductions) {
  const raw = await collect(db, subject, month);
  return (officialId: string): Evidence => score(raw.get(officialId) ?? EMPTY, month, deductionsOf(officialId));
}
