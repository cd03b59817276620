import { describe, expect, it } from 'vitest';
import { DEFAULT_OFFICE_HOURS, createDefaultWorkingCalendar, toIsoVn } from '../calendar/index.ts';
import { formatDossierCode, normalizeDossierCode, parseDossierCode } from './dossier-code.ts';
import { isSuspiciousResubmission } from './integrity.ts';
import { maskPersonName, maskPhone } from './mask-name.ts';
import { mayActOnDossier } from './permissions.ts';
import { type DossierRules, regimeInForce } from './rules.ts';
import { NATIONAL_STATUS_CODE } from './status.ts';
import { type DossierAction, type DossierState, applyDossierAction, isRefusal, timelinessOf } from './transitions.ts';

const calendar = createDefaultWorkingCalendar();
const vn = (local: string) => new Date(`${local}+07:00`);

const rules = (over: Partial<DossierRules> = {}): DossierRules => ({
  regime: '118/2025/NĐ-CP',
  processingAmount: 5,
  processingUnit: 'working_days',
  supplementMode: 'restart',
  cutoff: { kind: 'none' },
  officeHours: DEFAULT_OFFICE_HOURS,
  incompleteCloseWorkingDays: 15,
  ...over,
});

const fresh: DossierState = {
  status: 'submitted',
  receivedAt: null,
  legalDueAt: null,
  dueAt: null,
  supplementCount: 0,
  supplementRequestedAt: null,
  pausedClock: null,
  incompleteCloseAt: null,
  apologyCount: 0,
  handlerId: null,
  outcome: null,
  finishedAt: null,
  returnedAt: null,
  visits: 0,
  paidVnd: 0,
};

function run(steps: [string, DossierAction][], r = rules(), start = fresh): DossierState {
  let state = start;
  for (const [at, action] of steps) {
    const result = applyDossierAction(state, action, { now: vn(at), rules: r, calendar });
    if (isRefusal(result)) throw new Error(`${action.type} refused: ${result.code}`);
    state = result.next;
  }
  return state;
}

describe('receipt and due date (legal-facts §1.3, §4.3)', () => {
  it.each([
    ['2026-11-16T09:00:00', 5, '2026-11-23T17:00:00+07:00'],
    // 24/11 is Ngày Văn hóa Việt Nam from 2026: not a working day.
    ['2026-11-20T10:00:00', 3, '2026-11-26T17:00:00+07:00'],
    ['2026-11-21T09:00:00', 1, '2026-11-25T17:00:00+07:00'],
  ])('received %s with %i working days → due %s', (at, days, due) => {
    const s = run([[at, { type: 'receive' }]], rules({ processingAmount: days }));
    expect(s.status).toBe('received');
    expect(toIsoVn(s.dueAt!)).toBe(due);
    expect(s.legalDueAt).toEqual(s.dueAt);
  });
});

describe('supplement once (legal-facts §1.4)', () => {
  const received: [string, DossierAction][] = [
    ['2026-11-16T09:00:00', { type: 'receive' }],
    ['2026-11-16T10:00:00', { type: 'assign', handlerId: 'h1' }],
    ['2026-11-18T10:00:00', { type: 'request_supplement', items: ['Bản sao giấy khai sinh'] }],
  ];

  it('a second request is refused whoever asks, even after the supplement was completed', () => {
    const waiting = run(received);
    expect(waiting.status).toBe('awaiting_supplement');
    const again = applyDossierAction(waiting, { type: 'request_supplement', items: ['Khác'] }, { now: vn('2026-11-18T11:00:00'), rules: rules(), calendar });
    expect(isRefusal(again) && again.code).toBe('SUPPLEMENT_ALREADY_REQUESTED');
    const completed = run([['2026-11-23T08:00:00', { type: 'complete_supplement' }]], rules(), waiting);
    const later = applyDossierAction(completed, { type: 'request_supplement', items: ['Khác'] }, { now: vn('2026-11-25T08:00:00'), rules: rules(), calendar });
    expect(isRefusal(later) && later.code).toBe('SUPPLEMENT_ALREADY_REQUESTED');
  });

  it('an empty list is refused: every missing item at once', () => {
    const s = run(received.slice(0, 2));
    const r = applyDossierAction(s, { type: 'request_supplement', items: [] }, { now: vn('2026-11-18T10:00:00'), rules: rules(), calendar });
    expect(isRefusal(r) && r.field).toBe('items');
  });

  it.each([
    ['restart', '2026-12-01T17:00:00+07:00'],
    ['pause', '2026-11-27T17:00:00+07:00'],
  ] as const)('%s mode: due date after the supplement is %s', (mode, due) => {
    const s = run([...received, ['2026-11-23T08:00:00', { type: 'complete_supplement' }]], rules({ supplementMode: mode }));
    expect(s.status).toBe('processing');
    expect(toIsoVn(s.legalDueAt!)).toBe(due);
  });

  it('an incomplete dossier closes only after 15 working days', () => {
    const waiting = run(received);
    const early = applyDossierAction(waiting, { type: 'close_incomplete' }, { now: vn('2026-12-01T09:00:00'), rules: rules(), calendar });
    expect(isRefusal(early) && early.code).toBe('NOT_YET_DUE');
    const closed = run([['2026-12-15T00:00:01', { type: 'close_incomplete' }]], rules(), waiting);
    expect(closed.status).toBe('stopped');
  });
});

describe('apology and new date (legal-facts §1.5)', () => {
  const base: [string, DossierAction][] = [
    ['2026-11-16T09:00:00', { type: 'receive' }],
    ['2026-11-16T10:00:00', { type: 'assign', handlerId: 'h1' }],
  ];
  const apology = (at: string): [string, DossierAction] => [at, { type: 'apologize', newDueAt: vn('2026-11-30T17:00:00'), reason: 'Chờ ý kiến cơ quan liên quan' }];

  it('is accepted up to one working day before the due date, once', () => {
    const s = run([...base, apology('2026-11-20T16:00:00')]);
    expect(toIsoVn(s.dueAt!)).toBe('2026-11-30T17:00:00+07:00');
    expect(toIsoVn(s.legalDueAt!)).toBe('2026-11-23T17:00:00+07:00');
    const again = applyDossierAction(s, apology('2026-11-20T16:30:00')[1], { now: vn('2026-11-20T16:30:00'), rules: rules(), calendar });
    expect(isRefusal(again) && again.code).toBe('APOLOGY_ALREADY_SENT');
  });

  it('is refused on the due day itself', () => {
    const s = run(base);
    const r = applyDossierAction(s, apology('2026-11-23T09:00:00')[1], { now: vn('2026-11-23T09:00:00'), rules: rules(), calendar });
    expect(isRefusal(r) && r.code).toBe('APOLOGY_TOO_LATE');
  });

  it('a dossier finished after its legal date stays late despite the apology', () => {
    const s = run([...base, apology('2026-11-20T16:00:00'), ['2026-11-26T10:00:00', { type: 'decide', outcome: 'approved' }]]);
    expect(timelinessOf(s, vn('2026-11-27T00:00:00'))).toBe('late');
  });

  it.each([
    ['2026-11-20T10:00:00', 'early'],
    ['2026-11-23T16:59:00', 'on_time'],
    ['2026-11-23T17:01:00', 'late'],
  ])('finished %s → %s', (at, expected) => {
    const s = run([...base, [at, { type: 'decide', outcome: 'approved' }]]);
    expect(timelinessOf(s, vn(at))).toBe(expected);
  });
});

describe('lifecycle guards', () => {
  it('cannot return a result that is not ready, nor decide a returned dossier', () => {
    const s = run([['2026-11-16T09:00:00', { type: 'receive' }]]);
    const r = applyDossierAction(s, { type: 'return_result' }, { now: vn('2026-11-16T10:00:00'), rules: rules(), calendar });
    expect(isRefusal(r) && r.code).toBe('INVALID_TRANSITION');
  });

  it('a rejection needs reasons', () => {
    const s = run([['2026-11-16T09:00:00', { type: 'receive' }], ['2026-11-16T09:30:00', { type: 'assign', handlerId: 'h' }]]);
    const r = applyDossierAction(s, { type: 'decide', outcome: 'rejected' }, { now: vn('2026-11-17T10:00:00'), rules: rules(), calendar });
    expect(isRefusal(r) && r.field).toBe('reasons');
  });

  it('returning the result counts a visit', () => {
    const s = run([
      ['2026-11-16T09:00:00', { type: 'receive' }],
      ['2026-11-16T09:30:00', { type: 'assign', handlerId: 'h' }],
      ['2026-11-18T09:30:00', { type: 'decide', outcome: 'approved' }],
      ['2026-11-19T09:30:00', { type: 'return_result' }],
    ]);
    expect(s.status).toBe('returned');
    expect(s.visits).toBe(1);
    expect(NATIONAL_STATUS_CODE[s.status]).toBe(10);
  });

  it('roles', () => {
    expect(mayActOnDossier(['counter_officer'], 'receive')).toBe(true);
    expect(mayActOnDossier(['officer'], 'decide')).toBe(false);
    expect(mayActOnDossier(['inspector'], 'request_supplement')).toBe(false);
    expect(mayActOnDossier(['leader'], 'create')).toBe(false);
  });
});

describe('dossier code (legal-facts §1.6)', () => {
  it('formats agency, YYMMDD and a 4-digit daily sequence, longer when needed', () => {
    expect(formatDossierCode('000.00.12.H47', '2026-11-24', 7)).toBe('000.00.12.H47-261124-0007');
    expect(formatDossierCode('000.00.12.H47', '2026-11-24', 12345)).toBe('000.00.12.H47-261124-12345');
    expect(parseDossierCode(' 000.00.12.h47-261124-0007')).toEqual({ agencyCode: '000.00.12.H47', yymmdd: '261124', sequence: 7 });
    expect(parseDossierCode('abc')).toBeNull();
    expect(normalizeDossierCode(' 000.00.12.h47 - 261124-0007 ')).toBe('000.00.12.H47-261124-0007');
  });
});

describe('public masking', () => {
  it.each([
    ['Nguyễn Văn An', 'Nguyễn V** A*'],
    ['Lê Thị Minh Khai', 'Lê T** M*** K***'],
    ['Đỗ   Hùng', 'Đỗ H***'],
  ])('%s → %s', (name, masked) => expect(maskPersonName(name)).toBe(masked));
  it('masks a phone', () => expect(maskPhone('0912345678')).toBe('091****678'));
});

describe('rules by effective date', () => {
  it.each([
    ['2025-06-30', '61/2018/NĐ-CP', 'pause'],
    ['2025-07-01', '118/2025/NĐ-CP', 'restart'],
  ])('%s → %s', (date, id, mode) => expect(regimeInForce(date)).toMatchObject({ id, supplementMode: mode }));
});

describe('withdraw-and-resubmit flag', () => {
  it.each([
    ['late at withdrawal', '2026-11-24T10:00:00', '2026-11-23T17:00:00', '2026-11-25T09:00:00', true],
    ['one working day before due', '2026-11-20T10:00:00', '2026-11-23T17:00:00', '2026-11-25T09:00:00', true],
    ['well before due', '2026-11-17T10:00:00', '2026-11-27T17:00:00', '2026-11-18T09:00:00', false],
    ['resubmitted after 30 days', '2026-11-24T10:00:00', '2026-11-23T17:00:00', '2027-01-05T09:00:00', false],
  ])('%s → %s', (_label, withdrawnAt, due, again, flagged) => {
    expect(isSuspiciousResubmission({ code: 'X', withdrawnAt: vn(withdrawnAt), legalDueAt: vn(due) }, vn(again), calendar)).toBe(flagged);
  });
});
