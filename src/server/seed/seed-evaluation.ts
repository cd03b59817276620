import type { Insertable } from 'kysely';
import { vnDateOf } from '../../domain/calendar/index.ts';
import { regimeFor } from '../../domain/evaluation/regimes.ts';
import { needsReason } from '../../domain/evaluation/scoring.ts';
import { flatReasons } from '../../domain/evaluation/flat-units.ts';
import { evidenceOf } from '../modules/evaluation/evidence.ts';
import type { ScoreCriterion } from '../../domain/evaluation/template.ts';
import { openCards } from '../modules/evaluation/scorecard.service.ts';
import { templatesInForce } from '../modules/evaluation/template.service.ts';
import type { PeerReviewsTable, ScorecardsTable } from '../db/schema.ts';
import type { Tx } from '../db/transaction.ts';
import type { Prng } from './prng.ts';
import type { SeededOrg } from './seed-org.ts';

const monthsBack = (now: Date, n: number) => {
  const [y, m] = vnDateOf(now).split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

/**
 * Spreads a unit's scores that came out flat by chance, two points a rank, kept within 35–100:
 * scores bunched at the floor are lifted, not clipped back together.
 */
export function spreadApart(raw: { score: number }[]) {
  raw.sort((a, b) => a.score - b.score);
  const stepped = raw.map((r, i) => r.score - 2 * (raw.length - 1 - i));
  const lift = Math.max(0, 35 - Math.min(...stepped));
  raw.forEach((r, i) => (r.score = Math.min(100, Math.round((stepped[i]! + lift) * 10) / 10)));
}

/** Units whose last month is still being scored in the demo (self → peers → head). */
const SCORING_UNITS = ['STP', 'P.VINHYEN'];

const HEAD_REASONS = [
  'Tính cả nhiệm vụ đột xuất được giao bằng văn bản, chưa nhập vào hệ thống',
  'Hồ sơ chậm do nguyên nhân khách quan đã được xác nhận',
  'Chất lượng tham mưu chưa đạt yêu cầu dù đúng hạn',
  'Có phản ánh về thái độ giao tiếp, đã nhắc nhở trong cuộc họp đơn vị',
];

const CENTER_CRITERIA: ScoreCriterion[] = [
  { code: 'G1', name: 'Phẩm chất chính trị, đạo đức, lối sống', group: 'general', max: 10 },
  { code: 'G2', name: 'Tác phong, văn hóa công vụ tại bộ phận một cửa; thực hiện "3 không"', group: 'general', max: 12 },
  { code: 'G3', name: 'Thái độ phục vụ người dân, doanh nghiệp', group: 'general', max: 8 },
  { code: 'T1', name: 'Tiếp nhận, trả kết quả TTHC đúng hạn, đúng quy trình', group: 'task', max: 50 },
  { code: 'T2', name: 'Nhiệm vụ khác được giao', group: 'task', max: 20 },
];

/**
 * Eleven months of scorecards on the templates in force, each with its evidence from the system:
 * a healthy spread in most units, one "cào bằng" unit (everyone 95–96 last month) with a pair of
 * peers inflating each other; last month still being scored in the demo units.
 */
export async function seedEvaluation(trx: Tx, org: SeededOrg, rng: Prng, now: Date) {
  await templatesInForce(trx, now); // the default, from the legal criteria
  // The service centres' counters are scored on a template of their own: TTHC handling weighs
  // most, and an upheld complaint costs more.
  await trx
    .insertInto('score_templates')
    .values({ id: rng.uuid(), code: 'LOAI-CENTER', version: 1, name: 'Mẫu chấm điểm Trung tâm phục vụ hành chính công', unit_kind: 'center', criteria: JSON.stringify(CENTER_CRITERIA), deductions: JSON.stringify({ violation: 3, upheldComplaint: 5 }), head_reason_margin: 8, created_by: 'admin', created_at: now })
    .execute();
  const officials = await trx.selectFrom('officials').select(['id', 'unit_id', 'employment_type', 'is_head']).where('active', '=', true).execute();
  const unitById = new Map([...org.units.values()].map((u) => [u.id, u]));
  const flatUnit = org.units.get('X.YENLAP')!;
  const inFlat = (unitId: string) => unitById.get(unitId)!.path.startsWith(flatUnit.path);
  const level = new Map<string, number>();
  // How far below the record each unit's head usually scores (judgement of the general criteria,
  // work outside the system): most differences stay within the reason margin, some do not.
  for (const u of org.units.values()) level.set(u.id, 3 + rng.next() * 7);
  const byUnit = new Map<string, typeof officials>();
  for (const o of officials) byUnit.set(o.unit_id, [...(byUnit.get(o.unit_id) ?? []), o]);
  const cards: Insertable<ScorecardsTable>[] = [];
  const reviews: Insertable<PeerReviewsTable>[] = [];
  const lastMonth = monthsBack(now, 1);
  const inScoring = (path: string) => SCORING_UNITS.some((c) => path.startsWith(org.units.get(c)!.path));
  const officialUnit = new Map(officials.map((o) => [o.id, o.unit_id]));
  const flatStaff = officials.filter((o) => inFlat(o.unit_id));
  const inflators = flatStaff.slice(0, 2).map((o) => o.id);

  const templateFor = await templatesInForce(trx, now);
  for (let back = 11; back >= 1; back--) {
    const month = monthsBack(now, back);
    const withPeers = back <= 3;
    const evidence = await evidenceOf(trx, { path: '' }, month, (id) => templateFor(unitById.get(officialUnit.get(id)!)!.kind).deductions);
    const scoreOf = new Map<string, number>();
    for (const [unitId, members] of byUnit) {
      const flat = month === lastMonth && inFlat(unitId);
      const raw = members.map((o) => {
        const gap = Math.max(0, level.get(unitId)! + (rng.next() - 0.5) * 12);
        const score = flat ? 95 + rng.int(0, 1) : Math.min(100, Math.max(35, (evidence(o.id).score ?? 94) - gap));
        // Rounded before the check: a spread of 2.04 is 2 once stored, and flat.
        return { id: o.id, score: Math.round(score * 10) / 10 };
      });
      // Only the demo's "cào bằng" unit is flat: a unit flat by chance is spread apart.
      if (!flat && flatReasons(raw.map((r) => r.score)).length) spreadApart(raw);
      for (const r of raw) scoreOf.set(r.id, r.score);
    }
    for (const o of officials) {
      const unit = unitById.get(o.unit_id)!;
      if (back === 1 && inScoring(unit.path)) continue;
      const template = templateFor(unit.kind);
      const e = evidence(o.id);
      const regime = regimeFor(o.employment_type, `${month}-01`);
      const score = scoreOf.get(o.id)!;
      const general = Math.min(30, Math.round(score * 0.3 * 10) / 10);
      const task = Math.round((score - general) * 10) / 10;
      const id = rng.uuid();
      const createdAt = new Date(`${month}-01T08:00:00+07:00`);
      // A head explains a score far from the evidence, as the service requires.
      const far = e.score !== null && needsReason(score, e.score, template.headReasonMargin);
      const closedAt = new Date(createdAt.getTime() + 33 * 86_400_000);
      cards.push({
        id,
        official_id: o.id,
        unit_id: o.unit_id,
        unit_path: unit.path,
        month,
        regime: regime.id,
        template_id: template.id,
        status: 'closed',
        is_head: o.is_head,
        auto: JSON.stringify(e.figures),
        evidence_score: e.score,
        self_general: general,
        self_task: Math.min(70, task + rng.int(0, 3)),
        self_at: closedAt,
        head_general: general,
        head_task: task,
        head_reason: far ? rng.pick(HEAD_REASONS) : null,
        head_at: closedAt,
        final_score: score,
        closed_at: closedAt,
        created_at: createdAt,
        updated_at: closedAt,
      });
      if (withPeers && (inFlat(o.unit_id) || unit.path.startsWith(org.units.get('STP')!.path))) {
        const peers = officials.filter((p) => p.unit_id === o.unit_id && p.id !== o.id);
        const chosen = inflators.includes(o.id) ? officials.filter((p) => inflators.includes(p.id) && p.id !== o.id) : peers.slice(0, 3);
        for (const p of chosen) {
          const inflating = inflators.includes(o.id) && inflators.includes(p.id);
          reviews.push({ scorecard_id: id, reviewer_id: p.id, score: inflating ? 98 + rng.int(0, 2) : Math.round(Math.min(100, score + (rng.next() - 0.5) * 8)), note: null, submitted_at: createdAt });
        }
      }
    }
  }
  for (let i = 0; i < cards.length; i += 1000) await trx.insertInto('scorecards').values(cards.slice(i, i + 1000)).execute();
  for (let i = 0; i < reviews.length; i += 1000) await trx.insertInto('peer_reviews').values(reviews.slice(i, i + 1000)).execute();
  // Last month is being scored in the demo units, opened as a head opens it: evidence, peers assigned.
  let opened = 0;
  for (const code of SCORING_UNITS) opened += await openCards(trx, org.units.get(code)!.path, lastMonth, now, (n) => rng.int(0, n - 1));
  return { scorecards: cards.length + opened, peer_reviews: reviews.length };
}
