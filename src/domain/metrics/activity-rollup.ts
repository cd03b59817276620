import { vnDateOf } from '../calendar/index.ts';

/**
 * What a task, complaint, inspection or violation contributes to the daily figures of the units
 * it concerns (table activity_daily). As with dossiers, writers apply the difference between an
 * object's contribution before and after each change in the same transaction, and
 * `congvu metrics verify` recomputes the whole table from the objects.
 * Cohorts:
 * - tasks on the day of their original deadline, under the unit now holding them: due, done, and
 *   of those done on time (by the original deadline), extended (by an extended one) or late;
 *   bounced = flagged for being pushed around (bounce reasons); cancelled tasks count nowhere;
 * - complaints (not praise) received on their filing day, upheld on their answer day, under the
 *   unit they concern (none when no unit is known);
 * - inspections concluded on their conclusion day, once under each inspected unit;
 * - violations on the day they were found, under the unit.
 */
export const ACTIVITY_FIELDS = [
  'tasks_due',
  'tasks_done',
  'tasks_on_time',
  'tasks_extended',
  'tasks_late',
  'tasks_bounced',
  'complaints_received',
  'complaints_upheld',
  'inspections_concluded',
  'violations_found',
] as const;
export type ActivityField = (typeof ACTIVITY_FIELDS)[number];

export interface TaskFacts {
  unitId: string;
  status: 'open' | 'in_progress' | 'submitted' | 'done' | 'cancelled';
  originalDueAt: Date;
  dueAt: Date;
  completedAt: Date | null;
  bounced: boolean;
}

export interface ComplaintFacts {
  unitId: string | null;
  kind: string;
  createdAt: Date;
  outcome: 'upheld' | 'not_upheld' | null;
  answeredAt: Date | null;
}

export interface InspectionFacts {
  targetUnitIds: readonly string[];
  status: string;
  concludedAt: Date | null;
}

export interface ViolationFacts {
  unitId: string;
  foundAt: Date;
}

export type ActivityFacts =
  | { kind: 'task'; facts: TaskFacts }
  | { kind: 'complaint'; facts: ComplaintFacts }
  | { kind: 'inspection'; facts: InspectionFacts }
  | { kind: 'violation'; facts: ViolationFacts };

/** Keys are `unitId|YYYY-MM-DD|field`. */
export type ActivityContribution = Map<string, number>;

function adder(c: ActivityContribution) {
  return (unitId: string, at: Date, field: ActivityField) => {
    const k = `${unitId}|${vnDateOf(at)}|${field}`;
    c.set(k, (c.get(k) ?? 0) + 1);
  };
}

export function activityContribution(x: ActivityFacts | null): ActivityContribution {
  const c: ActivityContribution = new Map();
  if (!x) return c;
  const add = adder(c);
  switch (x.kind) {
    case 'task': {
      const t = x.facts;
      if (t.status === 'cancelled') break;
      add(t.unitId, t.originalDueAt, 'tasks_due');
      if (t.bounced) add(t.unitId, t.originalDueAt, 'tasks_bounced');
      if (t.status === 'done' && t.completedAt) {
        add(t.unitId, t.originalDueAt, 'tasks_done');
        const field = t.completedAt <= t.originalDueAt ? 'tasks_on_time' : t.completedAt <= t.dueAt ? 'tasks_extended' : 'tasks_late';
        add(t.unitId, t.originalDueAt, field);
      }
      break;
    }
    case 'complaint': {
      const k = x.facts;
      if (!k.unitId || k.kind === 'praise') break;
      add(k.unitId, k.createdAt, 'complaints_received');
      if (k.outcome === 'upheld' && k.answeredAt) add(k.unitId, k.answeredAt, 'complaints_upheld');
      break;
    }
    case 'inspection': {
      const i = x.facts;
      if (i.status !== 'concluded' || !i.concludedAt) break;
      for (const u of new Set(i.targetUnitIds)) add(u, i.concludedAt, 'inspections_concluded');
      break;
    }
    case 'violation':
      add(x.facts.unitId, x.facts.foundAt, 'violations_found');
      break;
  }
  return c;
}

/** after − before, without zeros, as (unit, day, field, delta) rows. */
export function activityDelta(before: ActivityFacts | null, after: ActivityFacts | null) {
  const b = activityContribution(before);
  const a = activityContribution(after);
  const out: { unitId: string; day: string; field: ActivityField; delta: number }[] = [];
  for (const k of new Set([...b.keys(), ...a.keys()])) {
    const delta = (a.get(k) ?? 0) - (b.get(k) ?? 0);
    if (delta === 0) continue;
    const [unitId, day, field] = k.split('|') as [string, string, ActivityField];
    out.push({ unitId, day, field, delta });
  }
  return out.sort((x, y) => (x.unitId + x.day + x.field < y.unitId + y.day + y.field ? -1 : 1));
}
