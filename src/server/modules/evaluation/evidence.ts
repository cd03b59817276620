import { sql } from 'kysely';
import { EMPTY_RECORD, type Evidence, type MonthRecord, monthRange, scoreEvidence } from '../../../domain/evaluation/evidence.ts';
import type { EvidenceDeductions } from '../../../domain/evaluation/template.ts';
import type { Executor } from '../audit/audit.store.ts';
import { escapeLike } from '../org/unit.store.ts';

/** Whose evidence: one official, or every active official under a unit path. */
export type EvidenceSubject = { officialId: string } | { path: string };

/**
 * The month's record of many officials in four set-based queries (not four per official, so a
 * province's month opens in seconds): dossiers they finished, tasks due, violations found and
 * complaints upheld against them.
 */
async function collect(db: Executor, subject: EvidenceSubject, month: string): Promise<Map<string, MonthRecord>> {
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
  const byOfficial = new Map<string, MonthRecord>();
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


/** Evidence for every official of the subject; `deductionsOf` gives each official's template deductions. */
export async function evidenceOf(db: Executor, subject: EvidenceSubject, month: string, deductionsOf: (officialId: string) => EvidenceDeductions) {
  const raw = await collect(db, subject, month);
  return (officialId: string): Evidence => scoreEvidence(raw.get(officialId) ?? EMPTY_RECORD, month, deductionsOf(officialId));
}
