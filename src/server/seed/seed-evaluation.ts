import type { Insertable } from 'kysely';
import { vnDateOf } from '../../domain/calendar/index.ts';
import { regimeFor } from '../../domain/evaluation/regimes.ts';
import { DEFAULT_CRITERIA } from '../../domain/evaluation/template.ts';
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
 * Eleven closed months of scorecards with a healthy spread in most units, one "cào bằng" unit
 * (everyone 95–96 in the last closed month) with a pair of peers inflating each other, and the
 * current month open for the demo units.
 */
export async function seedEvaluation(trx: Tx, org: SeededOrg, rng: Prng, now: Date) {
  const templateId = rng.uuid();
  await trx.insertInto('score_templates').values({ id: templateId, code: 'MAC-DINH', version: 1, name: 'Mẫu chấm điểm hằng tháng (30 + 70)', criteria: JSON.stringify(DEFAULT_CRITERIA), created_at: now }).execute();
  const officials = await trx.selectFrom('officials').select(['id', 'unit_id', 'employment_type', 'is_head']).where('active', '=', true).execute();
  const unitById = new Map([...org.units.values()].map((u) => [u.id, u]));
  const flatUnit = org.units.get('X.YENLAP')!;
  const inFlat = (unitId: string) => unitById.get(unitId)!.path.startsWith(flatUnit.path);
  const level = new Map<string, number>();
  for (const u of org.units.values()) level.set(u.id, 74 + rng.next() * 14);
  const cards: Insertable<ScorecardsTable>[] = [];
  const reviews: Insertable<PeerReviewsTable>[] = [];
  const lastClosed = monthsBack(now, 1);
  const flatStaff = officials.filter((o) => inFlat(o.unit_id));
  const inflators = flatStaff.slice(0, 2).map((o) => o.id);

  for (let back = 11; back >= 0; back--) {
    const month = monthsBack(now, back);
    const open = back === 0;
    const withPeers = back <= 3;
    for (const o of officials) {
      const unit = unitById.get(o.unit_id)!;
      if (open && !['STP', 'P.VINHYEN'].some((c) => unit.path.startsWith(org.units.get(c)!.path))) continue;
      const regime = regimeFor(o.employment_type, `${month}-01`);
      const base = level.get(o.unit_id)! + (rng.next() - 0.5) * 18;
      const flat = month === lastClosed && inFlat(o.unit_id);
      const score = Math.round(Math.min(100, Math.max(35, flat ? 95 + rng.int(0, 1) : base)) * 10) / 10;
      const general = Math.min(30, Math.round(score * 0.3 * 10) / 10);
      const task = Math.round((score - general) * 10) / 10;
      const id = rng.uuid();
      const createdAt = new Date(`${month}-01T08:00:00+07:00`);
      cards.push({
        id,
        official_id: o.id,
        unit_id: o.unit_id,
        unit_path: unit.path,
        month,
        regime: regime.id,
        template_id: templateId,
        status: open ? 'self' : 'closed',
        is_head: o.is_head,
        auto: JSON.stringify({}),
        evidence_score: open ? null : Math.round((score + (rng.next() - 0.5) * 6) * 10) / 10,
        self_general: open ? null : general,
        self_task: open ? null : Math.min(70, task + rng.int(0, 3)),
        self_at: open ? null : createdAt,
        head_general: open ? null : general,
        head_task: open ? null : task,
        head_at: open ? null : createdAt,
        final_score: open ? null : score,
        closed_at: open ? null : new Date(createdAt.getTime() + 33 * 86_400_000),
        created_at: createdAt,
        updated_at: createdAt,
      });
      if (withPeers && !open && (inFlat(o.unit_id) || unit.path.startsWith(org.units.get('STP')!.path))) {
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
  return { scorecards: cards.length, peer_reviews: reviews.length };
}
