import { type ScoreSummary, DEFAULT_FLAT_RULE, flatReasonsOf, spreadOfSummary } from '../evaluation/flat-units.ts';
import type { ActivityField } from './activity-rollup.ts';
import { PROCESSING_BUCKET_FIELDS, type RollupField, percentileDays } from './dossier-rollup.ts';
import { index766 } from './index-766.ts';

/** Sums of the daily rollup columns over a unit subtree and a period. */
export type DossierSums = Record<RollupField, number>;
export type ActivitySums = Record<ActivityField, number>;

/** Percent with one decimal; null when there is nothing to divide (null ≠ 0). */
export const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null);
const r1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The Decision 766 groups (legal-facts §2) with the part congvu measures: `max` is the points of
 * the indicators measured here, `fullMax` the group's maximum on the national portal; a group with
 * nothing measured (publication, payment) is null, never 0.
 */
const GROUPS = [
  { code: 'transparency', name: 'Công khai, minh bạch', fullMax: 18, component: null },
  { code: 'dvc-progress-tree', name: 'Tiến độ giải quyết', fullMax: 20, component: 'progress' },
  { code: 'provide-online-tree', name: 'Dịch vụ công trực tuyến', fullMax: 12, component: 'online' },
  { code: 'formality-online-payment-tree', name: 'Thanh toán trực tuyến', fullMax: 10, component: null },
  { code: 'dossier-digitized', name: 'Số hóa hồ sơ', fullMax: 22, component: 'digitization' },
  { code: 'handling-satisfaction', name: 'Mức độ hài lòng', fullMax: 18, component: 'satisfaction' },
] as const;

export function indexOf(d: DossierSums) {
  const rated = d.rated_very_satisfied + d.rated_satisfied + d.rated_dissatisfied;
  const idx = index766({ received: d.received, online: d.online, digitized: d.digitized, finished: d.finished, onTime: d.on_time, late: d.late, rated, dissatisfied: d.rated_dissatisfied });
  return {
    total: idx.points,
    max: idx.max,
    groups: GROUPS.map((g) => {
      const c = g.component ? idx.components.find((x) => x.key === g.component)! : null;
      return { code: g.code, name: g.name, max: c?.max ?? 0, fullMax: g.fullMax, score: c?.points ?? null };
    }),
  };
}

export function dossierFigures(d: DossierSums) {
  const rated = d.rated_very_satisfied + d.rated_satisfied + d.rated_dissatisfied;
  return {
    received: d.received,
    online: d.online,
    finished: d.finished,
    onTime: d.on_time,
    early: d.early,
    late: d.late,
    onTimeRate: ratio(d.on_time, d.finished),
    supplementRate: ratio(d.with_supplement, d.received),
    visitsPerDossier: d.received ? Math.round((100 * d.visits) / d.received) / 100 : null,
    avgProcessingDays: d.finished ? r1(d.processing_minutes / d.finished / 1440) : null,
    p90ProcessingDays: percentileDays(PROCESSING_BUCKET_FIELDS.map((f) => d[f]), 0.9),
    ratings: { verySatisfied: d.rated_very_satisfied, satisfied: d.rated_satisfied, dissatisfied: d.rated_dissatisfied },
    // Satisfied or very satisfied among the ratings given.
    satisfactionIndex: ratio(d.rated_very_satisfied + d.rated_satisfied, rated),
  };
}

export function taskFigures(a: ActivitySums) {
  return {
    due: a.tasks_due,
    done: a.tasks_done,
    onTime: a.tasks_on_time,
    extended: a.tasks_extended,
    late: a.tasks_late,
    bounced: a.tasks_bounced,
    // On time against the deadline first set, among the tasks due in the period that are done.
    onTimeRate: ratio(a.tasks_on_time, a.tasks_done),
  };
}

/** The spread of one closed month's final scores, and whether it looks "cào bằng" under the default rule. */
export function scoreFigures(month: string | null, summary: ScoreSummary | null) {
  const s = summary && spreadOfSummary(summary);
  const reasons = flatReasonsOf(summary, DEFAULT_FLAT_RULE);
  return {
    month,
    count: s?.count ?? 0,
    min: s?.min ?? null,
    max: s?.max ?? null,
    mean: s?.mean ?? null,
    stdev: s?.stdDev ?? null,
    spread: s?.spread ?? null,
    flat: reasons.length > 0,
    flatReasons: reasons,
  };
}

/** No closed month: the figures of units ranked by their dossiers alone. */
export const NO_SCORES = { month: null, summary: null } as const;

export function figuresOf(d: DossierSums, a: ActivitySums, scores: { month: string | null; summary: ScoreSummary | null }) {
  return {
    dossiers: dossierFigures(d),
    complaints: { received: a.complaints_received, upheld: a.complaints_upheld },
    tasks: taskFigures(a),
    oversight: { inspections: a.inspections_concluded, violations: a.violations_found },
    scores: scoreFigures(scores.month, scores.summary),
    index766: indexOf(d),
  };
}
export type Figures = ReturnType<typeof figuresOf>;
