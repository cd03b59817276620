import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { flatReasons, spreadOf } from '../../../domain/evaluation/flat-units.ts';
import { regimeFor } from '../../../domain/evaluation/regimes.ts';
import { EVIDENCE_DEDUCTIONS, HEAD_REASON_MARGIN, needsReason, round1, taskScore, trimmedMean, type WorkItem } from '../../../domain/evaluation/scoring.ts';
import type { Database } from '../../db/database.ts';
import { type Tx, audit, inTransaction } from '../../db/transaction.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission, scopePrefix } from '../access/policy.ts';
import type { Executor } from '../audit/audit.store.ts';
import { escapeLike } from '../org/unit.store.ts';
import { DEFAULT_CRITERIA } from '../../../domain/evaluation/template.ts';
import { unitPathInScope } from '../org/unit.store.ts';

const PEERS_PER_CARD = 3;

function monthRange(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = new Date(`${month}-01T00:00:00+07:00`);
  const next = new Date(Date.UTC(y, m, 1));
  const to = new Date(`${next.getUTCFullYear()}-${String(next.getUTCMonth() + 1).padStart(2, '0')}-01T00:00:00+07:00`);
  return { from, to };
}

/**
 * The official's own record in the month, each figure with the records it came from: dossiers
 * they handled, tasks due (a task sent back counts as a content error, a late one as a delay),
 * violations found and complaints upheld against them.
 */
export async function evidenceFor(db: Executor, officialId: string, month: string) {
  const { from, to } = monthRange(month);
  const [dossiers, tasks, violations, complaints] = await Promise.all([
    db.selectFrom('dossiers').select(['id', 'code', 'finished_at', 'legal_due_at']).where('handler_id', '=', officialId).where('status', 'in', ['result_ready', 'returned']).where('finished_at', '>=', from).where('finished_at', '<', to).execute(),
    db
      .selectFrom('tasks as t')
      .select(['t.id', 't.no', 't.status', 't.completed_at', 't.due_at', 't.original_due_at'])
      .select(sql<number>`(select count(*)::int from task_events e where e.task_id = t.id and e.type = 'send_back')`.as('sent_back'))
      .where('t.owner_id', '=', officialId)
      .where('t.status', '<>', 'cancelled')
      .where('t.original_due_at', '>=', from)
      .where('t.original_due_at', '<', to)
      .execute(),
    db.selectFrom('violations').select(['id']).where('official_id', '=', officialId).where('found_at', '>=', from).where('found_at', '<', to).execute(),
    db.selectFrom('complaints').select(['id', 'tracking_code']).where('official_id', '=', officialId).where('outcome', '=', 'upheld').where('answered_at', '>=', from).where('answered_at', '<', to).execute(),
  ]);
  const items: WorkItem[] = [
    ...dossiers.map((d) => ({ weight: 1, completed: true, errors: 0, delays: d.finished_at! > d.legal_due_at! ? 1 : 0 })),
    ...tasks.map((t) => ({ weight: 2, completed: t.status === 'done', errors: t.sent_back, delays: t.status === 'done' && t.completed_at! > t.due_at ? 1 : t.status !== 'done' && t.due_at < to ? 1 : 0 })),
  ];
  const regime = regimeFor('cong_chuc', `${month}-01`);
  const task = taskScore(items, regime);
  const general = Math.max(0, regime.generalMax - EVIDENCE_DEDUCTIONS.violation * violations.length - EVIDENCE_DEDUCTIONS.upheldComplaint * complaints.length);
  return {
    score: task === null ? null : round1(general + task),
    figures: {
      dossiers: { handled: dossiers.length, late: dossiers.filter((d) => d.finished_at! > d.legal_due_at!).length, ids: dossiers.map((d) => d.id) },
      tasks: { due: tasks.length, done: tasks.filter((t) => t.status === 'done').length, sentBack: tasks.reduce((s, t) => s + t.sent_back, 0), ids: tasks.map((t) => t.id) },
      violations: { count: violations.length, ids: violations.map((v) => v.id) },
      upheldComplaints: { count: complaints.length, codes: complaints.map((c) => c.tracking_code) },
      taskScore: task,
      generalFromEvidence: general,
    },
  };
}

/** Opens the month: a scorecard per active official in scope, with evidence and up to 3 peers of the same unit. */
export async function openMonth(db: Database, ctx: RequestContext, input: { month: string; unitId?: string }) {
  const prefix = requirePermission(ctx.actor, 'evaluation.manage');
  return inTransaction(db, async (trx) => {
    let path = prefix;
    if (input.unitId) {
      path = await unitPathInScope(trx, input.unitId, prefix);
    }
    const template = await ensureTemplate(trx, ctx.now);
    const officials = await trx
      .selectFrom('officials as o')
      .innerJoin('units as u', 'u.id', 'o.unit_id')
      .select(['o.id', 'o.unit_id', 'u.path', 'o.employment_type', 'o.is_head'])
      .where('o.active', '=', true)
      .where('u.path', 'like', `${escapeLike(path)}%`)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('scorecards as s').select('s.id').whereRef('s.official_id', '=', 'o.id').where('s.month', '=', input.month))))
      .execute();
    let created = 0;
    for (const o of officials) {
      const evidence = await evidenceFor(trx, o.id, input.month);
      const id = randomUUID();
      await trx
        .insertInto('scorecards')
        .values({ id, official_id: o.id, unit_id: o.unit_id, unit_path: o.path, month: input.month, regime: regimeFor(o.employment_type, `${input.month}-01`).id, template_id: template, status: 'self', is_head: o.is_head, auto: JSON.stringify(evidence.figures), evidence_score: evidence.score, created_at: ctx.now, updated_at: ctx.now })
        .execute();
      const peers = officials.filter((p) => p.unit_id === o.unit_id && p.id !== o.id);
      for (let i = peers.length - 1; i > 0; i--) {
        const j = randomInt(0, i + 1);
        [peers[i], peers[j]] = [peers[j]!, peers[i]!];
      }
      for (const p of peers.slice(0, PEERS_PER_CARD)) await trx.insertInto('peer_reviews').values({ scorecard_id: id, reviewer_id: p.id }).execute();
      created++;
    }
    await audit(trx, ctx, { action: 'evaluation.open_month', entityType: 'evaluation_month', entityId: input.month, after: { path: path || '(toàn tỉnh)', created } });
    return { month: input.month, created };
  });
}

async function ensureTemplate(trx: Tx, now: Date): Promise<string> {
  const existing = await trx.selectFrom('score_templates').select('id').orderBy('version', 'desc').executeTakeFirst();
  if (existing) return existing.id;
  const id = randomUUID();
  await trx.insertInto('score_templates').values({ id, code: 'MAC-DINH', version: 1, name: 'Mẫu chấm điểm hằng tháng (30 + 70)', criteria: JSON.stringify(DEFAULT_CRITERIA), created_at: now }).execute();
  return id;
}

type CardRow = Awaited<ReturnType<typeof loadCard>>;
async function loadCard(db: Executor, id: string, lock = false) {
  let q = db.selectFrom('scorecards').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('Không tìm thấy phiếu chấm điểm.');
  return row;
}

const total = (g: number | null, t: number | null) => (g === null || t === null ? null : round1(Number(g) + Number(t)));

/** The owner sees the peers' trimmed mean, never who scored what; heads in scope see everything. */
function view(row: NonNullable<CardRow>, peers: { reviewer_id: string; score: number | null; full_name: string }[], showPeers: boolean, name: string) {
  return {
    id: row.id,
    officialId: row.official_id,
    officialName: name,
    month: row.month,
    regime: row.regime,
    status: row.status,
    evidence: row.auto,
    evidenceScore: row.evidence_score === null ? null : Number(row.evidence_score),
    self: { general: row.self_general === null ? null : Number(row.self_general), task: row.self_task === null ? null : Number(row.self_task), total: total(row.self_general, row.self_task), note: row.self_note },
    peerMean: row.peer_mean === null ? null : Number(row.peer_mean),
    peerCount: peers.filter((p) => p.score !== null).length,
    peers: showPeers ? peers.map((p) => ({ reviewerId: p.reviewer_id, reviewerName: p.full_name, score: p.score === null ? null : Number(p.score) })) : null,
    head: { general: row.head_general === null ? null : Number(row.head_general), task: row.head_task === null ? null : Number(row.head_task), total: total(row.head_general, row.head_task), reason: row.head_reason },
    finalScore: row.final_score === null ? null : Number(row.final_score),
  };
}

async function cardView(db: Executor, ctx: RequestContext, row: NonNullable<CardRow>) {
  const manage = scopePrefix(ctx.actor, 'evaluation.manage');
  const read = scopePrefix(ctx.actor, 'evaluation.read');
  const own = row.official_id === ctx.actor.officialId;
  const mayManage = manage !== null && pathInScope(row.unit_path, manage) && !own;
  if (!own && !(read !== null && pathInScope(row.unit_path, read))) throw notFound('Không tìm thấy phiếu chấm điểm.');
  const peers = await db
    .selectFrom('peer_reviews as p')
    .innerJoin('officials as o', 'o.id', 'p.reviewer_id')
    .select(['p.reviewer_id', 'p.score', 'o.full_name'])
    .where('p.scorecard_id', '=', row.id)
    .execute();
  const name = (await db.selectFrom('officials').select('full_name').where('id', '=', row.official_id).executeTakeFirstOrThrow()).full_name;
  return view(row, peers, mayManage, name);
}

export async function getScorecard(db: Database, ctx: RequestContext, id: string) {
  return cardView(db, ctx, await loadCard(db, id));
}

export async function myScorecards(db: Database, ctx: RequestContext) {
  if (!ctx.actor.officialId) return { items: [] };
  const rows = await db.selectFrom('scorecards').selectAll().where('official_id', '=', ctx.actor.officialId).orderBy('month', 'desc').limit(24).execute();
  return { items: await Promise.all(rows.map((r) => cardView(db, ctx, r))) };
}

export async function peerInbox(db: Database, ctx: RequestContext) {
  if (!ctx.actor.officialId) return { items: [] };
  const rows = await db
    .selectFrom('peer_reviews as p')
    .innerJoin('scorecards as s', 's.id', 'p.scorecard_id')
    .innerJoin('officials as o', 'o.id', 's.official_id')
    .select(['s.id', 's.month', 's.status', 'o.full_name', 's.self_general', 's.self_task', 's.self_note', 's.auto', 'p.score'])
    .where('p.reviewer_id', '=', ctx.actor.officialId)
    .where('s.status', 'in', ['self', 'peer', 'head'])
    .orderBy('s.month', 'desc')
    .execute();
  return {
    items: rows.map((r) => ({ scorecardId: r.id, month: r.month, officialName: r.full_name, status: r.status, selfTotal: total(r.self_general, r.self_task), selfNote: r.self_note, evidence: r.auto, myScore: r.score === null ? null : Number(r.score) })),
  };
}

const MAX = { general: 30, task: 70 };
function checkPoints(general: number, task: number) {
  const errors = [];
  if (!(general >= 0 && general <= MAX.general)) errors.push({ field: 'general', message: `Tiêu chí chung từ 0 đến ${MAX.general} điểm.` });
  if (!(task >= 0 && task <= MAX.task)) errors.push({ field: 'task', message: `Kết quả thực hiện nhiệm vụ từ 0 đến ${MAX.task} điểm.` });
  if (errors.length) throw invalid(errors);
}

export async function selfAssess(db: Database, ctx: RequestContext, id: string, input: { general: number; task: number; note?: string | null }) {
  checkPoints(input.general, input.task);
  return inTransaction(db, async (trx) => {
    const row = await loadCard(trx, id, true);
    if (row.official_id !== ctx.actor.officialId) throw forbidden('Chỉ cán bộ được chấm mới tự đánh giá.');
    if (row.status !== 'self' && row.status !== 'peer') throw new AppError(409, 'STEP_CLOSED', 'Bước tự đánh giá đã kết thúc.');
    await trx.updateTable('scorecards').set({ self_general: input.general, self_task: input.task, self_note: input.note ?? null, self_at: ctx.now, status: 'peer', updated_at: ctx.now }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'scorecard.self', entityType: 'scorecard', entityId: id, after: input });
    return cardView(trx, ctx, await loadCard(trx, id));
  });
}

/** A peer's score; the card keeps only the trimmed mean the owner may see. */
export async function reviewPeer(db: Database, ctx: RequestContext, id: string, input: { score: number; note?: string | null }) {
  if (!(input.score >= 0 && input.score <= 100)) throw invalid([{ field: 'score', message: 'Điểm từ 0 đến 100.' }]);
  return inTransaction(db, async (trx) => {
    const row = await loadCard(trx, id, true);
    const assigned = await trx.selectFrom('peer_reviews').selectAll().where('scorecard_id', '=', id).where('reviewer_id', '=', ctx.actor.officialId ?? '00000000-0000-0000-0000-000000000000').executeTakeFirst();
    if (!assigned) throw notFound('Bạn không được phân công đánh giá phiếu này.');
    if (row.status === 'closed') throw new AppError(409, 'STEP_CLOSED', 'Tháng đã chốt điểm.');
    await trx.updateTable('peer_reviews').set({ score: input.score, note: input.note ?? null, submitted_at: ctx.now }).where('scorecard_id', '=', id).where('reviewer_id', '=', assigned.reviewer_id).execute();
    const scores = (await trx.selectFrom('peer_reviews').select('score').where('scorecard_id', '=', id).where('score', 'is not', null).execute()).map((p) => Number(p.score));
    await trx.updateTable('scorecards').set({ peer_mean: trimmedMean(scores), updated_at: ctx.now }).where('id', '=', id).execute();
    // The reviewer is recorded in the audit log (for inspectors), not on the card the owner reads.
    await audit(trx, ctx, { action: 'scorecard.peer', entityType: 'scorecard', entityId: id, after: { score: input.score } });
    return { ok: true as const };
  });
}

/** The head's score; a score far from the evidence needs a written reason. */
export async function headScore(db: Database, ctx: RequestContext, id: string, input: { general: number; task: number; reason?: string | null }) {
  checkPoints(input.general, input.task);
  const manage = requirePermission(ctx.actor, 'evaluation.manage');
  return inTransaction(db, async (trx) => {
    const row = await loadCard(trx, id, true);
    if (!pathInScope(row.unit_path, manage)) throw notFound('Không tìm thấy phiếu chấm điểm.');
    if (row.official_id === ctx.actor.officialId) throw forbidden('Không tự chấm điểm của chính mình ở bước người đứng đầu.');
    if (row.status === 'self') throw new AppError(409, 'SELF_ASSESSMENT_MISSING', 'Cán bộ chưa tự đánh giá.');
    if (row.status === 'closed') throw new AppError(409, 'STEP_CLOSED', 'Tháng đã chốt điểm.');
    const score = input.general + input.task;
    if (row.evidence_score !== null && needsReason(score, Number(row.evidence_score), HEAD_REASON_MARGIN) && !input.reason?.trim()) {
      throw new AppError(422, 'HEAD_REASON_REQUIRED', `Điểm chênh lệch hơn ${HEAD_REASON_MARGIN} điểm so với số liệu minh chứng (${row.evidence_score}): phải ghi rõ lý do.`, [{ field: 'reason', message: 'Phải ghi lý do.' }]);
    }
    await trx.updateTable('scorecards').set({ head_general: input.general, head_task: input.task, head_reason: input.reason ?? null, head_at: ctx.now, status: 'head', updated_at: ctx.now }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'scorecard.head', entityType: 'scorecard', entityId: id, before: { status: row.status }, after: input });
    return cardView(trx, ctx, await loadCard(trx, id));
  });
}

/** Closes the month for the cards the head has scored; the others are reported as late steps. */
export async function closeMonth(db: Database, ctx: RequestContext, input: { month: string; unitId?: string }) {
  const prefix = requirePermission(ctx.actor, 'evaluation.manage');
  return inTransaction(db, async (trx) => {
    let path = prefix;
    if (input.unitId) {
      path = await unitPathInScope(trx, input.unitId, prefix);
    }
    const like = `${escapeLike(path)}%`;
    const closed = await trx
      .updateTable('scorecards')
      .set({ status: 'closed', final_score: sql<number>`head_general + head_task`, closed_at: ctx.now, updated_at: ctx.now })
      .where('month', '=', input.month)
      .where('status', '=', 'head')
      .where('unit_path', 'like', like)
      .returning('id')
      .execute();
    const late = await trx.selectFrom('scorecards').select(['status', sql<number>`count(*)::int`.as('n')]).where('month', '=', input.month).where('status', '<>', 'closed').where('unit_path', 'like', like).groupBy('status').execute();
    await audit(trx, ctx, { action: 'evaluation.close_month', entityType: 'evaluation_month', entityId: input.month, after: { closed: closed.length, late } });
    return { month: input.month, closed: closed.length, stillOpen: Object.fromEntries(late.map((l) => [l.status, l.n])) };
  });
}

/** The head's scoring screen: each official's card with the evidence beside it, the spread and the flat check. */
export async function unitMonth(db: Database, ctx: RequestContext, input: { month: string; unitId?: string }) {
  const prefix = requirePermission(ctx.actor, 'evaluation.read');
  let path = input.unitId ? undefined : ctx.actor.unitPath;
  if (input.unitId) {
    path = await unitPathInScope(db, input.unitId, prefix);
  }
  const rows = await db
    .selectFrom('scorecards as s')
    .innerJoin('officials as o', 'o.id', 's.official_id')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.id', 's.official_id', 'o.full_name', 'u.name as unit_name', 's.status', 's.evidence_score', 's.self_general', 's.self_task', 's.peer_mean', 's.head_general', 's.head_task', 's.head_reason', 's.final_score', 's.auto'])
    .where('s.month', '=', input.month)
    .where('s.unit_path', 'like', `${escapeLike(path ?? '')}%`)
    .orderBy('u.name')
    .orderBy('o.sort_key')
    .limit(2000)
    .execute();
  const finals = rows.filter((r) => r.final_score !== null).map((r) => Number(r.final_score));
  return {
    month: input.month,
    spread: spreadOf(finals),
    flat: flatReasons(finals),
    items: rows.map((r) => ({
      scorecardId: r.id,
      officialId: r.official_id,
      officialName: r.full_name,
      unitName: r.unit_name,
      status: r.status,
      evidenceScore: r.evidence_score === null ? null : Number(r.evidence_score),
      evidence: r.auto,
      selfTotal: total(r.self_general, r.self_task),
      peerMean: r.peer_mean === null ? null : Number(r.peer_mean),
      headTotal: total(r.head_general, r.head_task),
      headReason: r.head_reason,
      finalScore: r.final_score === null ? null : Number(r.final_score),
    })),
  };
}
