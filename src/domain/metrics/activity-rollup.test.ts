import { describe, expect, it } from 'vitest';
import { type ActivityFacts, activityDelta } from './activity-rollup.ts';

const vn = (s: string) => new Date(`${s}+07:00`);
const task = (over: Partial<Extract<ActivityFacts, { kind: 'task' }>['facts']> = {}): ActivityFacts => ({
  kind: 'task',
  facts: { unitId: 'u1', status: 'open', originalDueAt: vn('2026-11-20T17:00:00'), dueAt: vn('2026-11-20T17:00:00'), completedAt: null, bounced: false, ...over },
});

describe('activity rollups', () => {
  it('a new task is due on its first deadline day; accepting it late (after an extension) moves only the done cohort', () => {
    expect(activityDelta(null, task())).toEqual([{ unitId: 'u1', day: '2026-11-20', field: 'tasks_due', delta: 1 }]);
    const extended = task({ dueAt: vn('2026-11-27T17:00:00') });
    expect(activityDelta(extended, task({ dueAt: vn('2026-11-27T17:00:00'), status: 'done', completedAt: vn('2026-11-25T10:00:00') }))).toEqual([
      { unitId: 'u1', day: '2026-11-20', field: 'tasks_done', delta: 1 },
      { unitId: 'u1', day: '2026-11-20', field: 'tasks_extended', delta: 1 },
    ]);
    expect(activityDelta(task(), task({ status: 'done', completedAt: vn('2026-11-21T10:00:00') })).map((d) => d.field)).toEqual(['tasks_done', 'tasks_late']);
  });
  it('a transfer moves the task to the new unit; a bounce flag counts; a cancelled task counts nowhere', () => {
    expect(activityDelta(task(), task({ unitId: 'u2', bounced: true }))).toEqual([
      { unitId: 'u1', day: '2026-11-20', field: 'tasks_due', delta: -1 },
      { unitId: 'u2', day: '2026-11-20', field: 'tasks_bounced', delta: 1 },
      { unitId: 'u2', day: '2026-11-20', field: 'tasks_due', delta: 1 },
    ]);
    expect(activityDelta(task(), task({ status: 'cancelled' }))).toEqual([{ unitId: 'u1', day: '2026-11-20', field: 'tasks_due', delta: -1 }]);
  });
  it('complaints: received on filing (praise not), upheld on the answer day, reassigned with their unit', () => {
    const c = (over = {}): ActivityFacts => ({ kind: 'complaint', facts: { unitId: 'u1', kind: 'delay', createdAt: vn('2026-11-02T08:00:00'), outcome: null, answeredAt: null, ...over } });
    expect(activityDelta(null, c({ kind: 'praise' }))).toEqual([]);
    expect(activityDelta(c(), c({ outcome: 'upheld', answeredAt: vn('2026-11-09T08:00:00') }))).toEqual([{ unitId: 'u1', day: '2026-11-09', field: 'complaints_upheld', delta: 1 }]);
    expect(activityDelta(c(), c({ unitId: 'u3' })).map((d) => [d.unitId, d.delta])).toEqual([['u1', -1], ['u3', 1]]);
  });
  it('an inspection counts once per inspected unit when concluded; a violation on its day', () => {
    const i = (status: string, concludedAt: Date | null): ActivityFacts => ({ kind: 'inspection', facts: { targetUnitIds: ['u1', 'u2', 'u1'], status, concludedAt } });
    expect(activityDelta(i('signed_off', null), i('concluded', vn('2026-11-03T09:00:00'))).map((d) => [d.unitId, d.field])).toEqual([
      ['u1', 'inspections_concluded'],
      ['u2', 'inspections_concluded'],
    ]);
    expect(activityDelta(null, { kind: 'violation', facts: { unitId: 'u2', foundAt: vn('2026-11-03T23:30:00') } })).toEqual([{ unitId: 'u2', day: '2026-11-03', field: 'violations_found', delta: 1 }]);
  });
});
