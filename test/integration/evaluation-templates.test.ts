import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { closeScoredMonths, remindLateScoring } from '../../src/server/jobs/evaluation-jobs.ts';
import { type Session, type TestApp, login, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';

const vnMonth = (offset: number) => {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

describe.each(BACKENDS)('scoring templates, late steps, reminders and unit classification on %s', (backend) => {
  let t: TestApp;
  let leader: Session;
  let head: Session;
  beforeAll(async () => {
    t = await startTestApp(backend);
    leader = await login(t.app, 'lanhdao');
    head = await login(t.app, 'truongphong');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the demo month being scored carries evidence and assigned peers', async () => {
    const unit = (await head.request('GET', `/api/v1/evaluation/unit-month?month=${vnMonth(-1)}`)).json();
    expect(unit.items.length).toBeGreaterThan(3);
    expect(unit.items.every((i: { status: string }) => i.status === 'self')).toBe(true);
    expect(unit.items.every((i: { evidence: { dossiers?: unknown } }) => i.evidence.dossiers !== undefined)).toBe(true);
    expect(unit.items.some((i: { peersPending: number }) => i.peersPending > 0)).toBe(true);
    expect(unit.deadlines.self).toMatch(/T17:00:00.000Z$/);
  });

  it('a new template version for a unit kind is validated, audited and used by the next month opened', async () => {
    const criteria = [
      { code: 'G1', name: 'Phẩm chất chính trị, đạo đức', group: 'general', max: 15 },
      { code: 'G2', name: 'Kỷ luật, kỷ cương hành chính', group: 'general', max: 15 },
      { code: 'T1', name: 'Tham mưu văn bản đúng hạn', group: 'task', max: 70 },
    ];
    const bad = await leader.request('POST', '/api/v1/evaluation/templates', { unitKind: 'division', name: 'Mẫu phòng chuyên môn', criteria: criteria.slice(1), deductions: { violation: 2, upheldComplaint: 3 }, headReasonMargin: 10 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('criteria');
    expect((await head.request('POST', '/api/v1/evaluation/templates', { unitKind: 'division', name: 'Mẫu phòng', criteria, deductions: { violation: 2, upheldComplaint: 3 }, headReasonMargin: 10 })).statusCode).toBe(403);
    const made = await leader.request('POST', '/api/v1/evaluation/templates', { unitKind: 'division', name: 'Mẫu phòng chuyên môn', criteria, deductions: { violation: 4, upheldComplaint: 6 }, headReasonMargin: 5 });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ code: 'LOAI-DIVISION', version: 1 });
    const list = (await leader.request('GET', '/api/v1/evaluation/templates')).json().items;
    expect(list.find((x: { id: string }) => x.id === made.json().id)).toMatchObject({ inForce: true, unitKind: 'division', headReasonMargin: 5 });
    expect(list.find((x: { unitKind: string | null; inForce: boolean }) => x.unitKind === 'center' && x.inForce)).toBeTruthy();

    const month = '2031-03';
    expect((await head.request('POST', '/api/v1/evaluation/months', { month })).statusCode).toBe(201);
    const officer = await login(t.app, 'chuyenvien');
    const card = (await officer.request('GET', '/api/v1/evaluation/me')).json().items.find((c: { month: string }) => c.month === month);
    expect(card.template).toMatchObject({ id: made.json().id, headReasonMargin: 5 });
    expect(card.template.criteria).toHaveLength(3);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', made.json().id).execute();
    expect(audit.map((a) => a.action)).toEqual(['score_template.create']);
  });

  it('steps past their date are shown late, and each late step is reminded once', async () => {
    const month = '2025-02';
    await head.request('POST', '/api/v1/evaluation/months', { month });
    const unit = (await head.request('GET', `/api/v1/evaluation/unit-month?month=${month}`)).json();
    expect(unit.late.self).toBe(unit.items.length);
    expect(unit.items[0].lateStep).toBe('self');
    const before = await t.database.db.selectFrom('outbox').select('id').where('kind', '=', 'evaluation_reminder').execute();
    const first = await remindLateScoring(t.database.db, loadConfig({}), new Date());
    expect(first!.reminded + first!.withoutEmail).toBeGreaterThan(0);
    const second = await remindLateScoring(t.database.db, loadConfig({}), new Date());
    expect(second).toEqual({ reminded: 0, withoutEmail: 0 });
    const after = await t.database.db.selectFrom('outbox').select(['body']).where('kind', '=', 'evaluation_reminder').execute();
    expect(after.length - before.length).toBe(first!.reminded);
    for (const m of after) expect(m.body).not.toMatch(/\d+(\.\d)? điểm/);

    // A card the head scored but forgot to close is closed by the job once the head's date passed, once.
    const officer = await login(t.app, 'chuyenvien');
    const card = (await officer.request('GET', '/api/v1/evaluation/me')).json().items.find((c: { month: string }) => c.month === month);
    await officer.request('POST', `/api/v1/evaluation/scorecards/${card.id}/self`, { general: 27, task: 60 });
    const scored = await head.request('POST', `/api/v1/evaluation/scorecards/${card.id}/head`, { general: 27, task: 60, reason: 'Đánh giá theo kết quả thực tế của tháng' });
    expect(scored.statusCode).toBe(200);
    expect(await closeScoredMonths(t.database.db, loadConfig({}), new Date())).toEqual({ [month]: 1 });
    expect(await closeScoredMonths(t.database.db, loadConfig({}), new Date())).toEqual({});
    expect((await officer.request('GET', `/api/v1/evaluation/scorecards/${card.id}`)).json()).toMatchObject({ status: 'closed', finalScore: 87 });
  });

  it('units are classified with the legal conditions, cap their heads, and the council decides with reasons', async () => {
    const year = Number(vnMonth(-2).slice(0, 4));
    const stp = (await leader.request('GET', '/api/v1/units?q=so%20tu%20phap')).json().items[0];
    await leader.request('POST', '/api/v1/evaluation/classifications/propose', { year, unitId: stp.id });
    const list = (await leader.request('GET', `/api/v1/evaluation/classifications?year=${year}&unitId=${stp.id}`)).json();
    expect(list.units.length).toBeGreaterThan(0);
    for (const u of list.units) {
      expect(['excellent', 'good', 'complete', 'incomplete', 'not_classified']).toContain(u.proposedLevel);
      expect(u.reasons.length).toBeGreaterThan(0);
    }
    const rank = { excellent: 3, good: 2, complete: 1, incomplete: 0 } as Record<string, number>;
    const unitOf = new Map(list.units.map((u: { name: string; decidedLevel: string | null; proposedLevel: string }) => [u.name, u.decidedLevel ?? u.proposedLevel]));
    for (const h of list.items.filter((i: { isHead: boolean; proposedLevel: string }) => i.isHead && i.proposedLevel !== 'not_classified')) {
      const ul = unitOf.get(h.unitName) as string | undefined;
      if (ul && ul !== 'not_classified') expect(rank[h.proposedLevel]).toBeLessThanOrEqual(rank[ul]!);
    }
    for (const r of list.toReview) expect(r.reviewReasons.length).toBeGreaterThan(0);
    const u = list.units[0];
    const other = u.proposedLevel === 'good' ? 'complete' : 'good';
    expect((await leader.request('POST', `/api/v1/evaluation/unit-classifications/${u.id}/decision`, { level: other })).statusCode).toBe(422);
    const decided = await leader.request('POST', `/api/v1/evaluation/unit-classifications/${u.id}/decision`, { level: other, reason: 'Hội đồng xác nhận kết quả vượt kế hoạch' });
    expect(decided.json().decidedLevel).toBe(other);
    expect((await head.request('POST', `/api/v1/evaluation/unit-classifications/${u.id}/decision`, { level: 'good', reason: 'x' })).statusCode).toBe(403);
  });
});
