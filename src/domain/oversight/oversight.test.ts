import { describe, expect, it } from 'vitest';
import { complaintFingerprint, formatTrackingCode, open311Status } from './complaints.ts';
import { checklistProblems, nextInspectionStatus, remediationOverdue } from './inspections.ts';
import { rankTargets, scoreRisk } from './risk.ts';

const zero = () => 0;

describe('surprise targeting', () => {
  it('scores each signal with a reason', () => {
    const s = scoreRisk({ unitId: 'u', lateRate: 0.2, dissatisfiedRate: 0.05, complaints: 3, upheldComplaints: 1, violations: 2, daysSinceInspection: 240 }, zero);
    expect(s.reasons.map((r) => [r.signal, r.points])).toEqual([
      ['lateRate', 30], ['dissatisfiedRate', 10], ['complaints', 6], ['upheldComplaints', 8], ['violations', 10], ['daysSinceInspection', 10],
    ]);
    expect(s.score).toBe(74);
  });
  it('a unit never inspected gets the full time points; the random part is bounded and shown', () => {
    const s = scoreRisk({ unitId: 'u', lateRate: null, dissatisfiedRate: null, complaints: 0, upheldComplaints: 0, violations: 0, daysSinceInspection: null }, () => 0.5);
    expect(s.reasons).toEqual([
      expect.objectContaining({ signal: 'daysSinceInspection', points: 15 }),
      expect.objectContaining({ signal: 'random', points: 7.5 }),
    ]);
  });
  it('ranks the riskiest first and the random part can reorder near-equal units', () => {
    const a = { unitId: 'a', lateRate: 0.1, dissatisfiedRate: 0, complaints: 0, upheldComplaints: 0, violations: 0, daysSinceInspection: 0 };
    const b = { ...a, unitId: 'b' };
    const seq = [0.9, 0.1];
    expect(rankTargets([a, b], () => seq.shift()!).map((r) => r.unitId)).toEqual(['a', 'b']);
    const seq2 = [0.1, 0.9];
    expect(rankTargets([a, b], () => seq2.shift()!).map((r) => r.unitId)).toEqual(['b', 'a']);
  });
});

describe('inspection checklist and states', () => {
  it('needs every item answered for every target, a note on each failure', () => {
    expect(checklistProblems(2, ['t1'], [{ targetUnitId: 't1', itemIndex: 0, result: 'pass', note: null }]).map((p) => p.field)).toEqual(['answers.t1.1']);
    expect(checklistProblems(1, ['t1'], [{ targetUnitId: 't1', itemIndex: 0, result: 'fail', note: ' ' }]).map((p) => p.field)).toEqual(['answers.t1.0.note']);
    expect(checklistProblems(1, ['t1'], [{ targetUnitId: 't1', itemIndex: 0, result: 'na', note: null }])).toEqual([]);
  });
  it.each([
    ['planned', 'start', 'in_progress'],
    ['in_progress', 'sign_off', 'signed_off'],
    ['signed_off', 'conclude', 'concluded'],
    ['planned', 'conclude', null],
    ['concluded', 'cancel', null],
  ] as const)('%s + %s → %s', (from, action, to) => expect(nextInspectionStatus(from, action)).toBe(to));
  it('an open remediation past its deadline is overdue; a done one is not', () => {
    const due = new Date('2026-11-01T10:00:00Z');
    expect(remediationOverdue({ status: 'open', dueAt: due, doneAt: null }, new Date('2026-11-02T00:00:00Z'))).toBe(true);
    expect(remediationOverdue({ status: 'done', dueAt: due, doneAt: new Date('2026-11-05T00:00:00Z') }, new Date('2026-11-06T00:00:00Z'))).toBe(false);
  });
});

describe('complaints', () => {
  it('the same text typed twice is a duplicate, whatever the diacritics and spaces', () => {
    expect(complaintFingerprint({ kind: 'delay', description: 'Hồ sơ của tôi bị trễ hẹn 5 ngày!' })).toBe(complaintFingerprint({ kind: 'delay', description: 'ho so cua toi  bi tre hen 5 ngay' }));
    expect(complaintFingerprint({ kind: 'delay', description: 'a' })).not.toBe(complaintFingerprint({ kind: 'attitude', description: 'a' }));
  });
  it('tracking codes are readable and dated', () => {
    expect(formatTrackingCode('2026-11-24', () => 0)).toBe('PA-261124-AAAAA');
    expect(formatTrackingCode('2026-11-24', () => 0.99)).toMatch(/^PA-261124-[A-Z2-9]{5}$/);
  });
  it('maps to the two Open311 statuses', () => {
    expect(open311Status('assigned')).toBe('open');
    expect(open311Status('answered')).toBe('closed');
  });
});
