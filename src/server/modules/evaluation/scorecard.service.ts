import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { flatReasons, spreadOf } from '../../../domain/evaluation/flat-units.ts';
import { regimeFor } from '../../../domain/evaluation/regimes.ts';
import { needsReason, round1, trimmedMean } from '../../../domain/evaluation/scoring.ts';
import { isStepLate, lateStep, stepDeadlines } from '../../../domain/evaluation/month-steps.ts';
import type { Database } from '../../db/database.ts';
import { audit, inTransaction } from '../../db/transaction.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission, scopePrefix } from '../access/policy.ts';
import type { Executor } from '../audit/audit.store.ts';
import { escapeLike } from '../org/unit.store.ts';
import { evidenceOf } from './evidence.ts';
import { DEFAULT_TEMPLATE } from '../../../domain/evaluation/template.ts';
import { type TemplateRow, templateById, templatesInForce } from './template.service.ts';
import type { Insertable } from 'kysely';
import type { PeerReviewsTable, ScorecardsTable } from '../../db/schema.ts';
import { unitPathInScope } from '../org/unit.store.ts';

const PEERS_PER_CARD = 3;

/**
 * Opens the month: a scorecard per active official in scope, scored on the template of their unit
 * kind, with the evidence of the month (set-based) and up to 3 peers of the same unit.
 */
export async function openMonth(db: Database, ctx: RequestContext, input: { month: string; unitId?: string }) {
  const prefix = requirePermission(ctx.actor, 'evaluation.manage');
  return inTransaction(db, async (trx) => {
    const path = input.unitId ? await unitPathInScope(trx, input.unitId, prefix) : prefix;
    const created = await openCards(trx, path, input.month, ctx.now);
    await audit(trx, ctx, { action: 'evaluation.open_month', entityType: 'evaluation_month', entityId: input.month, after: { path: path || '(toàn tỉnh)', created } });
    return { month: input.month, created };
  });
}

/** The cards of a month under a unit path (also used by the demo seed, inside its own transaction). */
export async function openCards(trx: Executor, path: string, month: string, now: Date, pick: (n: number) => number = (n) => randomInt(0, n)) {
  const templateFor = await templatesInForce(trx, now);
  const officials = await trx
    .selectFrom('officials as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .select(['o.id', 'o.unit_id', 'u.path', 'u.kind', 'o.employment_type', 'o.is_head'])
    .where('o.active', '=', true)
    .where('u.path', 'like', `${escapeLike(path)}%`)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('scorecards as s').select('s.id').whereRef('s.official_id', '=', 'o.id').where('s.month', '=', month))))
    .execute();
  const kindOf = new Map(officials.map((o) => [o.id, o.kind]));
  const evidence = await evidenceOf(trx, { path }, month, (id) => templateFor(kindOf.get(id) ?? 'other').deductions);
  const byUnit = new Map<string, string[]>();
  for (const o of officials) byUnit.set(o.unit_id, [...(byUnit.get(o.unit_id) ?? []), o.id]);
  const cards: Insertable<ScorecardsTable>[] = [];
  const reviews: Insertable<PeerReviewsTable>[] = [];
  for (const o of officials) {
    const e = evidence(o.id);
    const id = randomUUID();
    cards.push({ id, official_id: o.id, unit_id: o.unit_id, unit_path: o.path, month, regime: regimeFor(o.employment_type, `${month}-01`).id, template_id: templateFor(o.kind).id, status: 'self', is_head: o.is_head, auto: JSON.stringify(e.figures), evidence_score: e.score, created_at: now, updated_at: now });
    const peers = byUnit.get(o.unit_id)!.filter((p) => p !== o.id);
    for (let i = peers.length - 1; i > 0; i--) {
      const j = pick(i + 1);
      [peers[i], peers[j]] = [peers[j]!, peers[i]!];
    }
    for (const p of peers.slice(0, PEERS_PER_CARD)) reviews.push({ scorecard_id: id, reviewer_id: p });
  }
  for (let i = 0; i < cards.length; i += 1000) await trx.insertInto('scorecards').values(cards.slice(i, i + 1000)).execute();
  for (let i = 0; i < reviews.length; i += 2000) await trx.insertInto('peer_reviews').values(reviews.slice(i, i + 2000)).execute();
  return cards.length;
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
function view(row: NonNullable<CardRow>, peers: { reviewer_id: string; score: number | null; full_name: string }[], showPeers: boolean, name: string, template: TemplateRow | null, now: Date) {
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
    template: template && { id: template.id, name: template.name, version: template.version, criteria: template.criteria, deductions: template.deductions, headReasonMargin: template.headReasonMargin },
    deadlines: stepDeadlines(row.month),
    lateStep: lateStep(row.month, row.status, now),
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
  return view(row, peers, mayManage, name, await templateById(db, row.template_id), ctx.now);
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
    .select(['s.id', 's.month', 's.status', 'o.full_name', 's.self_general', 's.self_task', 's.self_note', 's.auto', 'p.score', 's.template_id'])
    .where('p.reviewer_id', '=', ctx.actor.officialId)
    .where('s.status', 'in', ['self', 'peer', 'head'])
    .orderBy('s.month', 'desc')
    .execute();
  return {
    items: rows.map((r) => ({ scorecardId: r.id, month: r.month, officialName: r.full_name, status: r.status, selfTotal: total(r.self_general, r.self_task), selfNote: r.self_note, evidence: r.auto, myScore: r.score === null ? null : Number(r.score), dueAt: stepDeadlines(r.month).peer, late: r.score === null && isStepLate(r.month, 'peer', ctx.now) })),
  };
}

const MAX = { general: 30, task: 70 };
function checkPoints(general: number, task: number) {
  const errors = [];
  if (!(general >= 0 && general <= MAX.general)) errors.push({ field: 'general', message: `Tiêu chí chung từ 0 đến ${MAX.general} điểm.` });
  if (!(task >= 0 && task <= MAX.task)) errors.push({ field: 'task', message: `Kết quả thực hiện nhiệm vụ từ 0 đến ${MAX.task} điểm.` });
  if (errors.length) throw invalid(errors);
}

/** Someone else's card: 403 to who may read it, to anyone else the same 404 as a card that does not exist. */
function refuseCard(ctx: RequestContext, row: NonNullable<CardRow>, message: string) {
  const read = scopePrefix(ctx.actor, 'evaluation.read');
  return read !== null && pathInScope(row.unit_path, read) ? forbidden(message) : notFound('Không tìm thấy phiếu chấm điểm.');
}

export async function selfAssess(db: Database, ctx: RequestContext, id: string, input: { general: number; task: number; note?: string | null }) {
  checkPoints(input.general, input.task);
  return inTransaction(db, async (trx) => {
    const row = await loadCard(trx, id, true);
    if (row.official_id !== ctx.actor.officialId) throw refuseCard(ctx, row, 'Chỉ cán bộ được chấm mới tự đánh giá.');
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
    if (!assigned) throw refuseCard(ctx, row, 'Bạn không được phân công đánh giá phiếu này.');
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
    const margin = (await templateById(trx, row.template_id))?.headReasonMargin ?? DEFAULT_TEMPLATE.headReasonMargin;
    if (row.evidence_score !== null && needsReason(score, Number(row.evidence_score), margin) && !input.reason?.trim()) {
      throw new AppError(422, 'HEAD_REASON_REQUIRED', `Điểm chênh lệch hơn ${margin} điểm so với số liệu minh chứng (${row.evidence_score}): phải ghi rõ lý do.`, [{ field: 'reason', message: 'Phải ghi lý do.' }]);
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
    const { closed, late } = await closeScored(trx, path, input.month, ctx.now);
    await audit(trx, ctx, { action: 'evaluation.close_month', entityType: 'evaluation_month', entityId: input.month, after: { closed, late } });
    return { month: input.month, closed, stillOpen: Object.fromEntries(late.map((l) => [l.status, l.n])) };
  });
}

/** Closes the cards of a month the head has scored, under a path; counts those still open by step. */
export async function closeScored(trx: Executor, path: string, month: string, now: Date) {
  const like = `${escapeLike(path)}%`;
  const closed = await trx
    .updateTable('scorecards')
    .set({ status: 'closed', final_score: sql<number>`head_general + head_task`, closed_at: now, updated_at: now })
    .where('month', '=', month)
    .where('status', '=', 'head')
    .where('unit_path', 'like', like)
    .returning('id')
    .execute();
  const late = await trx.selectFrom('scorecards').select(['status', sql<number>`count(*)::int`.as('n')]).where('month', '=', month).where('status', '<>', 'closed').where('unit_path', 'like', like).groupBy('status').execute();
  return { closed: closed.length, late };
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
    .innerJoin('score_templates as st', 'st.id', 's.template_id')
    .select(['s.id', 's.official_id', 'o.full_name', 'u.name as unit_name', 'st.head_reason_margin', 's.status', 's.evidence_score', 's.self_general', 's.self_task', 's.peer_mean', 's.head_general', 's.head_task', 's.head_reason', 's.final_score', 's.auto'])
    .select(sql<number>`(select count(*)::int from peer_reviews p where p.scorecard_id = s.id and p.score is null)`.as('peers_pending'))
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
      peersPending: r.peers_pending,
      headReasonMargin: Number(r.head_reason_margin),
      lateStep: lateStep(input.month, r.status, ctx.now),
    })),
    deadlines: stepDeadlines(input.month),
    late: {
      self: rows.filter((r) => lateStep(input.month, r.status, ctx.now) === 'self').length,
      peer: isStepLate(input.month, 'peer', ctx.now) ? rows.filter((r) => r.status !== 'closed').reduce((n, r) => n + r.peers_pending, 0) : 0,
      head: rows.filter((r) => lateStep(input.month, r.status, ctx.now) === 'head').length,
    },
  };
}
