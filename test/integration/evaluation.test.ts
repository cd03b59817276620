import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe.each(BACKENDS)('monthly scoring on %s', (backend) => {
  let t: TestApp;
  let head: Session;
  let officer: Session;
  const month = '2030-01';

  beforeAll(async () => {
    t = await startTestApp(backend);
    head = await login(t.app, 'truongphong');
    officer = await login(t.app, 'chuyenvien');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('self → peers (anonymous to the owner) → head (reason when far from evidence) → close', async () => {
    const opened = await head.request('POST', '/api/v1/evaluation/months', { month });
    expect(opened.statusCode).toBe(201);
    expect(opened.json().created).toBeGreaterThan(5);
    expect((await head.request('POST', '/api/v1/evaluation/months', { month })).json().created).toBe(0);
    const mine = (await officer.request('GET', '/api/v1/evaluation/me')).json().items.find((c: { month: string }) => c.month === month);
    expect(mine.status).toBe('self');
    expect(mine.peers).toBeNull();
    expect((await officer.request('POST', `/api/v1/evaluation/scorecards/${mine.id}/self`, { general: 31, task: 60 })).json().errors[0].field).toBe('general');
    expect((await head.request('POST', `/api/v1/evaluation/scorecards/${mine.id}/head`, { general: 28, task: 60 })).json().code).toBe('SELF_ASSESSMENT_MISSING');
    await officer.request('POST', `/api/v1/evaluation/scorecards/${mine.id}/self`, { general: 28, task: 62, note: 'Hoàn thành các nhiệm vụ được giao' });

    const card = (await head.request('GET', `/api/v1/evaluation/scorecards/${mine.id}`)).json();
    expect(card.peers.length).toBeGreaterThan(0);
    const reviewers = card.peers.map((p: { reviewerId: string }) => p.reviewerId);
    const accounts = await t.database.db.selectFrom('accounts').select(['username', 'official_id']).execute();
    const reviewerAccount = accounts.find((a) => a.official_id && reviewers.includes(a.official_id));
    const someoneElse = accounts.find((a) => a.username === 'motcua')!;
    if (reviewerAccount) {
      const reviewer = await login(t.app, reviewerAccount.username);
      expect((await reviewer.request('POST', `/api/v1/evaluation/scorecards/${mine.id}/peer`, { score: 85 })).statusCode).toBe(200);
    } else {
      const other = await login(t.app, someoneElse.username);
      expect((await other.request('POST', `/api/v1/evaluation/scorecards/${mine.id}/peer`, { score: 85 })).statusCode).toBe(404);
    }
    const ownerView = (await officer.request('GET', `/api/v1/evaluation/scorecards/${mine.id}`)).json();
    expect(ownerView.peers).toBeNull();
    expect(JSON.stringify(ownerView)).not.toContain(reviewers[0]);

    const evidence = card.evidenceScore;
    if (evidence !== null) {
      const far = Math.min(100, evidence + 15) >= 30 ? { general: 30, task: Math.min(70, Math.max(0, Math.round(evidence + 15 - 30))) } : { general: 0, task: 0 };
      if (Math.abs(far.general + far.task - evidence) > 10) {
        const refused = await head.request('POST', `/api/v1/evaluation/scorecards/${mine.id}/head`, far);
        expect(refused.json().code).toBe('HEAD_REASON_REQUIRED');
      }
    }
    const scored = await head.request('POST', `/api/v1/evaluation/scorecards/${mine.id}/head`, { general: 27, task: 61, reason: 'Hoàn thành tốt, còn chậm một báo cáo' });
    expect(scored.json().head.total).toBe(88);
    const headMe = (await head.request('GET', '/api/v1/me')).json();
    const own = (await head.request('GET', '/api/v1/evaluation/me')).json().items.find((c: { month: string }) => c.month === month);
    expect(own.officialId).toBe(headMe.officialId);
    expect((await head.request('POST', `/api/v1/evaluation/scorecards/${own.id}/head`, { general: 30, task: 70, reason: 'x' })).statusCode).toBe(403);
    const closed = (await head.request('POST', '/api/v1/evaluation/months/close', { month })).json();
    expect(closed.closed).toBe(1);
    expect(closed.stillOpen.self).toBeGreaterThan(0);
    const after = (await officer.request('GET', `/api/v1/evaluation/scorecards/${mine.id}`)).json();
    expect(after).toMatchObject({ status: 'closed', finalScore: 88 });
    const commune = await login(t.app, 'xa.truongphong');
    expect((await commune.request('GET', `/api/v1/evaluation/scorecards/${mine.id}`)).statusCode).toBe(404);
  });

  it('the demo data has one "cào bằng" unit in its last closed month, found by the API and the CLI', async () => {
    const leader = await login(t.app, 'lanhdao');
    const res = (await leader.request('GET', '/api/v1/evaluation/flat-units')).json();
    expect(res.units.length).toBeGreaterThan(0);
    for (const u of res.units) expect(u.code.startsWith('X.YENLAP')).toBe(true);
    expect(res.mutualPairs.length).toBeGreaterThan(0);
    const spread = (await leader.request('GET', `/api/v1/evaluation/unit-month?month=${res.month}&unitId=${res.units[0].unitId}`)).json();
    expect(spread.flat).toEqual(expect.arrayContaining(['same_scores']));
    if (backend === 'postgres') {
      const out = spawnSync(process.execPath, [path.join(root, 'bin/congvu.mjs'), 'evaluation', 'flat-units'], { env: { ...process.env, DATABASE_URL: t.database.url }, encoding: 'utf8' });
      expect(out.status).toBe(0);
      const lines = out.stdout.trim().split('\n');
      expect(lines.length).toBe(res.units.length);
      for (const line of lines) expect(line).toMatch(/^X\.YENLAP\S*\t.+\tđộ phân tán [\d.]+ điểm/);
    }
  });
});

describe.each(BACKENDS)('yearly classification, discipline and commendation on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('proposes levels within the cap, forces "không hoàn thành" after duty discipline, records the council decision', async () => {
    const leader = await login(t.app, 'lanhdao');
    const year = Number((await t.database.db.selectFrom('scorecards').select('month').where('status', '=', 'closed').orderBy('month', 'desc').executeTakeFirstOrThrow()).month.slice(0, 4));
    const stp = (await leader.request('GET', '/api/v1/units?q=so%20tu%20phap')).json().items[0];
    const someone = (await leader.request('GET', `/api/v1/officials?unitId=${stp.id}&limit=5`)).json().items.find((o: { isHead: boolean }) => !o.isHead);
    const disc = await leader.request('POST', '/api/v1/evaluation/discipline', { officialId: someone.id, form: 'reprimand', dutyRelated: true, decisionNo: '12/QĐ-STP', decidedAt: `${year}-06-15`, reason: 'Gây phiền hà trong giải quyết hồ sơ' });
    expect(disc.statusCode).toBe(201);
    expect(disc.json().regime).toMatch(/172\/2025|112\/2020|234\/2026/);
    const proposed = (await leader.request('POST', '/api/v1/evaluation/classifications/propose', { year, unitId: stp.id })).json();
    expect(proposed.proposals).toBeGreaterThan(5);
    const list = (await leader.request('GET', `/api/v1/evaluation/classifications?year=${year}&unitId=${stp.id}`)).json();
    const mine = list.items.find((i: { officialId: string }) => i.officialId === someone.id);
    expect(mine.proposedLevel).toBe('incomplete');
    expect(list.toReview.map((i: { officialId: string }) => i.officialId)).toContain(someone.id);
    const good = list.items.filter((i: { proposedLevel: string }) => i.proposedLevel === 'good' || i.proposedLevel === 'excellent').length;
    const excellent = list.items.filter((i: { proposedLevel: string }) => i.proposedLevel === 'excellent').length;
    expect(excellent).toBeLessThanOrEqual(Math.max(1, Math.floor(good * 0.25)) + 1);
    const noReason = await leader.request('POST', `/api/v1/evaluation/classifications/${mine.id}/decision`, { level: 'complete' });
    expect(noReason.statusCode).toBe(422);
    const decided = await leader.request('POST', `/api/v1/evaluation/classifications/${mine.id}/decision`, { level: 'incomplete', reason: null });
    expect(decided.json().decidedLevel).toBe('incomplete');
    const head = await login(t.app, 'truongphong');
    expect((await head.request('POST', `/api/v1/evaluation/classifications/${mine.id}/decision`, { level: 'good', reason: 'x' })).statusCode).toBe(403);
    const comm = (await leader.request('POST', '/api/v1/evaluation/commendations/propose', { year })).json();
    const listed = (await leader.request('GET', `/api/v1/evaluation/commendations?year=${year}`)).json().items;
    expect(listed.length).toBe(comm.created);
    for (const c of listed) expect(c.evidence.averageScore).toBeGreaterThanOrEqual(90);
    expect(listed.map((c: { officialId: string }) => c.officialId)).not.toContain(someone.id);
    const levels = new Map(list.items.map((i: { officialId: string; proposedLevel: string }) => [i.officialId, i.proposedLevel]));
    for (const c of listed) if (levels.has(c.officialId)) expect(levels.get(c.officialId)).toBe('excellent');
    const again = (await leader.request('POST', '/api/v1/evaluation/commendations/propose', { year })).json();
    expect(again.created).toBe(0);
  });
});
