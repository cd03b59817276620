import { describe, expect, it } from 'vitest';
import { bounceReasons } from './bounce.ts';
import { missingClears } from './five-clear.ts';
import { hardTaskStanding } from './quotas.ts';
import { type TaskState, applyTaskAction, isTaskRefusal, taskTimeliness } from './transitions.ts';

describe('"5 rõ" (and the sixth, rõ thẩm quyền)', () => {
  const full = { ownerId: 'o', description: 'Rà soát 45 thủ tục', dueAt: '2026-12-31T17:00:00+07:00', expectedResult: 'Báo cáo rà soát', accountableId: 'a' };
  it('a clear task passes', () => expect(missingClears(full, { authorityRequired: false })).toEqual([]));
  it.each([
    ['ownerId', { ownerId: null }],
    ['description', { description: '   ' }],
    ['dueAt', { dueAt: undefined }],
    ['expectedResult', { expectedResult: '' }],
    ['accountableId', { accountableId: null }],
  ])('names the missing %s', (field, hole) => {
    expect(missingClears({ ...full, ...hole }, { authorityRequired: false }).map((m) => m.field)).toEqual([field]);
  });
  it('names every missing one at once, in the order of the formula', () => {
    expect(missingClears({}, { authorityRequired: true }).map((m) => m.field)).toEqual(['ownerId', 'description', 'dueAt', 'expectedResult', 'accountableId', 'authority']);
  });
  it('authority only where the unit requires it', () => {
    expect(missingClears(full, { authorityRequired: true }).map((m) => m.field)).toEqual(['authority']);
  });
});

describe('bounce detection ("đẩy việc")', () => {
  const P = '/p/';
  const A = '/p/a/';
  const A1 = '/p/a/1/';
  const B = '/p/b/';
  it.each([
    ['a single sideways transfer is fine', A, [[A, B]], []],
    ['returned to a unit it left', A, [[A, B], [B, A]], ['returned_to_unit']],
    ['pushed up to the parent', A1, [[A1, A]], ['pushed_up']],
    ['more than two transfers', A, [[A, B], [B, '/p/c/'], ['/p/c/', '/p/d/']], ['too_many_transfers']],
    ['down to a division is not pushing up', A, [[A, A1]], []],
    ['pushed up to the province and back', A, [[A, P], [P, A]], ['returned_to_unit', 'pushed_up']],
  ] as const)('%s', (_l, start, hops, expected) => {
    const transfers = hops.map(([fromUnitPath, toUnitPath]) => ({ fromUnitPath, toUnitPath }));
    expect(bounceReasons(start, transfers).sort()).toEqual([...expected].sort());
  });
});

describe('hard-task quotas', () => {
  it.each([
    [{ partyRole: 'standing_committee', isHead: false }, 2, 3, 1],
    [{ partyRole: 'committee', isHead: true }, 2, 2, 0],
    [{ partyRole: 'member', isHead: true }, 0, 1, 1],
    [{ partyRole: 'member', isHead: false }, 0, 0, 0],
  ] as const)('%o with %i registered', (official, registered, required, shortfall) => {
    expect(hardTaskStanding(official, registered, 0)).toMatchObject({ required, shortfall });
  });
});

describe('task lifecycle and timeliness', () => {
  const t0 = new Date('2026-11-02T09:00:00+07:00');
  const due = new Date('2026-11-20T17:00:00+07:00');
  const base: TaskState = { status: 'open', ownerId: 'o', unitId: 'u', dueAt: due, originalDueAt: due, progress: 0, submittedAt: null, completedAt: null, pendingExtension: null, extensionCount: 0, transferCount: 0 };
  const run = (state: TaskState, ...steps: [string, Parameters<typeof applyTaskAction>[1]][]) =>
    steps.reduce((s, [at, a]) => {
      const r = applyTaskAction(s, a, new Date(at));
      if (isTaskRefusal(r)) throw new Error(r.code);
      return r.next;
    }, state);

  it('done on time is judged on submission, not on acceptance', () => {
    const s = run(base, ['2026-11-20T16:00:00+07:00', { type: 'submit', note: 'Đã xong' }], ['2026-11-23T09:00:00+07:00', { type: 'accept' }]);
    expect(s.status).toBe('done');
    expect(taskTimeliness(s, t0)).toBe('on_time');
  });
  it('an approved extension makes it "extended", not on time', () => {
    const s = run(
      base,
      ['2026-11-18T09:00:00+07:00', { type: 'request_extension', newDueAt: new Date('2026-11-27T17:00:00+07:00'), reason: 'Chờ số liệu' }],
      ['2026-11-18T10:00:00+07:00', { type: 'decide_extension', approve: true, reason: 'Đồng ý' }],
      ['2026-11-26T10:00:00+07:00', { type: 'submit', note: 'Xong' }],
      ['2026-11-26T11:00:00+07:00', { type: 'accept' }],
    );
    expect(taskTimeliness(s, t0)).toBe('extended');
    expect(s.extensionCount).toBe(1);
  });
  it('a refused extension keeps the deadline; finishing after it is late', () => {
    const s = run(
      base,
      ['2026-11-18T09:00:00+07:00', { type: 'request_extension', newDueAt: new Date('2026-11-27T17:00:00+07:00'), reason: 'Chờ số liệu' }],
      ['2026-11-18T10:00:00+07:00', { type: 'decide_extension', approve: false, reason: 'Không đồng ý' }],
      ['2026-11-24T10:00:00+07:00', { type: 'submit', note: 'Xong' }],
      ['2026-11-24T11:00:00+07:00', { type: 'accept' }],
    );
    expect(s.dueAt).toEqual(due);
    expect(taskTimeliness(s, t0)).toBe('late');
  });
  it('sent back, the work goes on; an open task past due is late', () => {
    const s = run(base, ['2026-11-10T09:00:00+07:00', { type: 'submit', note: 'Bản nháp' }], ['2026-11-10T10:00:00+07:00', { type: 'send_back', reason: 'Thiếu số liệu quý III' }]);
    expect(s.status).toBe('in_progress');
    expect(taskTimeliness(s, new Date('2026-11-21T08:00:00+07:00'))).toBe('late');
  });
  it('refuses a second pending extension and a same-owner transfer', () => {
    const s = run(base, ['2026-11-18T09:00:00+07:00', { type: 'request_extension', newDueAt: new Date('2026-11-27T17:00:00+07:00'), reason: 'x' }]);
    const again = applyTaskAction(s, { type: 'request_extension', newDueAt: new Date('2026-11-28T17:00:00+07:00'), reason: 'y' }, t0);
    expect(isTaskRefusal(again) && again.code).toBe('EXTENSION_PENDING');
    const same = applyTaskAction(base, { type: 'transfer', toOwnerId: 'o', toUnitId: 'u', reason: 'z' }, t0);
    expect(isTaskRefusal(same) && same.field).toBe('toOwnerId');
  });
});
