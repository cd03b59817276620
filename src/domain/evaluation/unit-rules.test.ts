import { describe, expect, it } from 'vitest';
import { EMPTY_RECORD, scoreEvidence } from './evidence.ts';
import { isStepLate, repeatedlyLast, stepDueAt } from './month-steps.ts';
import { regimeFor } from './regimes.ts';
import { DEFAULT_TEMPLATE, templateErrors } from './template.ts';
import { capExcellentUnits, proposeUnitLevel } from './unit-classification.ts';

const r = regimeFor('vien_chuc', '2026-12-01');

describe('scoring templates keep the legal 30 + 70 structure', () => {
  it('the default template is valid', () => expect(templateErrors(DEFAULT_TEMPLATE, r)).toEqual([]));
  it.each([
    ['general sum ≠ 30', { ...DEFAULT_TEMPLATE, criteria: DEFAULT_TEMPLATE.criteria.slice(1) }, 'criteria'],
    ['task sum ≠ 70', { ...DEFAULT_TEMPLATE, criteria: DEFAULT_TEMPLATE.criteria.map((c) => (c.group === 'task' ? { ...c, max: 60 } : c)) }, 'criteria'],
    ['duplicate code', { ...DEFAULT_TEMPLATE, criteria: [...DEFAULT_TEMPLATE.criteria.slice(0, 3), { code: 'G1', name: 'x', group: 'task' as const, max: 70 }] }, 'criteria.3.code'],
    ['negative deduction', { ...DEFAULT_TEMPLATE, deductions: { violation: -1, upheldComplaint: 3 } }, 'deductions.violation'],
    ['margin 0', { ...DEFAULT_TEMPLATE, headReasonMargin: 0 }, 'headReasonMargin'],
  ])('%s → error on %s', (_name, t, field) => expect(templateErrors(t, r).map((e) => e.field)).toContain(field));
});

describe('step deadlines of a month (self 3rd, peers 5th, head 8th of the next month)', () => {
  it.each([
    ['2026-11', 'self', '2026-12-03T17:00:00.000Z'],
    ['2026-11', 'head', '2026-12-08T17:00:00.000Z'],
    ['2026-12', 'peer', '2027-01-05T17:00:00.000Z'],
  ] as const)('%s %s → due %s', (month, step, iso) => expect(stepDueAt(month, step).toISOString()).toBe(iso));
  it('late only from the end of the due day', () => {
    expect(isStepLate('2026-11', 'self', new Date('2026-12-03T16:59:59Z'))).toBe(false);
    expect(isStepLate('2026-11', 'self', new Date('2026-12-03T17:00:00Z'))).toBe(true);
  });
});

describe('officials ranked last repeatedly', () => {
  const month = (m: string, scores: Record<string, number>) => Object.entries(scores).map(([officialId, score]) => ({ month: m, unitId: 'u', officialId, score }));
  it.each([
    ['last three times → listed', [month('01', { a: 60, b: 80, c: 85 }), month('02', { a: 61, b: 80, c: 85 }), month('03', { a: 55, b: 80, c: 85 })], ['a']],
    ['last twice → not listed', [month('01', { a: 60, b: 80, c: 85 }), month('02', { a: 61, b: 80, c: 85 }), month('03', { a: 90, b: 80, c: 85 })], []],
    ['ties at the bottom single nobody out', [month('01', { a: 60, b: 60, c: 85 }), month('02', { a: 60, b: 60, c: 85 }), month('03', { a: 60, b: 60, c: 85 })], []],
    ['last but within 8 points of the median → not listed', [month('01', { a: 74, b: 81, c: 85 }), month('02', { a: 74, b: 81, c: 85 }), month('03', { a: 74, b: 81, c: 85 })], []],
    ['units of two are not ranked', [month('01', { a: 60, b: 80 }), month('02', { a: 60, b: 80 }), month('03', { a: 60, b: 80 })], []],
  ])('%s', (_n, months, expected) => expect(repeatedlyLast(months.flat()).map((x) => x.officialId)).toEqual(expected));
});

describe('unit classification (Decree 233 Arts. 5–7)', () => {
  const base = { unitId: 'u', score: 92, tasksDue: 10, tasksDone: 10, tasksOnTime: 10, childIncomplete: false };
  it.each([
    ['≥ 90, all on time → xuất sắc', base, 'excellent'],
    ['≥ 90, one of 10 late: not xuất sắc nor tốt → hoàn thành', { ...base, tasksOnTime: 9 }, 'complete'],
    ['≥ 90, a child unit incomplete, all on time → tốt', { ...base, childIncomplete: true }, 'good'],
    ['80, all on time → tốt', { ...base, score: 80 }, 'good'],
    ['80, 3 of 10 late → not ≤ 20% late → không hoàn thành', { ...base, score: 80, tasksOnTime: 7 }, 'incomplete'],
    ['60, all done, 2 of 10 late → hoàn thành', { ...base, score: 60, tasksOnTime: 8 }, 'complete'],
    ['60, 9 of 10 done → không hoàn thành', { ...base, score: 60, tasksDone: 9, tasksOnTime: 9 }, 'incomplete'],
    ['95, 6 of 10 done (< 70% plan) → không hoàn thành', { ...base, score: 95, tasksDone: 6, tasksOnTime: 6 }, 'incomplete'],
    ['45 → không hoàn thành', { ...base, score: 45 }, 'incomplete'],
    ['no tasks due, 85 → tốt', { ...base, score: 85, tasksDue: 0, tasksDone: 0, tasksOnTime: 0 }, 'good'],
    ['no scores → not classified', { ...base, score: null }, 'not_classified'],
  ])('%s', (_n, u, level) => expect(proposeUnitLevel(u, r).level).toBe(level));

  it.each([
    ['4 units, 3 excellent → 1 kept', 4, 3, 1],
    ['10 units all excellent → 20% of 10 = 2', 10, 10, 2],
    ['10 units, 1 excellent 9 good → 20% of 10 = 2, keeps 1', 10, 1, 1],
  ])('cap: %s', (_n, total, excellent, kept) => {
    const units = Array.from({ length: total }, (_, i) => ({ unitId: `u${i}`, score: 95 - i, level: (i < excellent ? 'excellent' : 'good') as 'excellent' | 'good', reasons: [] }));
    const capped = capExcellentUnits(units);
    expect(capped.filter((u) => u.level === 'excellent').map((u) => u.unitId)).toEqual(units.slice(0, kept).map((u) => u.unitId));
  });
});

describe('evidence of a month (sent back = content error, late = delay, deductions from the general criteria)', () => {
  const deductions = { violation: 2, upheldComplaint: 3 };
  const done = (late: boolean, sentBack = 0) => ({ id: 't', status: 'done', completed_at: new Date(late ? '2026-03-20T00:00:00Z' : '2026-03-10T00:00:00Z'), due_at: new Date('2026-03-15T00:00:00Z'), sent_back: sentBack });
  it.each([
    ['nothing assigned → no score, not 0', EMPTY_RECORD, null],
    ['one dossier on time → 100', { ...EMPTY_RECORD, dossiers: [{ id: 'd', late: false }] }, 100],
    ['one task late → 30 + 70 × (1 + 1 + 0.75) / 3', { ...EMPTY_RECORD, tasks: [done(true)] }, 94.2],
    ['one task sent back once, one violation → 28 + 70 × (1 + 0.75 + 1) / 3', { ...EMPTY_RECORD, tasks: [done(false, 1)], violations: ['v'] }, 92.2],
    ['an upheld complaint with work on time → 27 + 70', { ...EMPTY_RECORD, dossiers: [{ id: 'd', late: false }], complaints: ['PA-1'] }, 97],
  ])('%s', (_n, record, expected) => expect(scoreEvidence(record, '2026-03', deductions).score).toBe(expected));
});
