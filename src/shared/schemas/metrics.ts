import { z } from 'zod';
import { zDateOnly } from './common.ts';

// The metrics contract of issue 7: one shape of figures per unit and period, read by the
// dashboards, the reports and the public portal. Everywhere null means "no data", never 0.

const AT_PATTERN = { month: /^\d{4}-(0[1-9]|1[0-2])$/, quarter: /^\d{4}-Q[1-4]$/, year: /^\d{4}$/ } as const;
const AT_MESSAGE = { month: 'Tháng phải có dạng YYYY-MM.', quarter: 'Quý phải có dạng YYYY-Qn (n từ 1 đến 4).', year: 'Năm phải có dạng YYYY.' } as const;
/** The longest custom period (days): figures are summed over daily rows. */
export const MAX_CUSTOM_DAYS = 3660;

const periodFields = {
  period: z.enum(['month', 'quarter', 'year', 'custom']).default('month'),
  at: z.string().max(10).optional(),
  from: zDateOnly.optional(),
  to: zDateOnly.optional(),
};

/** Checks `at` against the period kind and from/to of a custom period, with field paths. */
function checkPeriod(q: { period: 'month' | 'quarter' | 'year' | 'custom'; at?: string; from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (q.period === 'custom') {
    if (!q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Cần ngày bắt đầu cho khoảng thời gian tùy chọn.' });
    if (!q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Cần ngày kết thúc cho khoảng thời gian tùy chọn.' });
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Ngày kết thúc phải không trước ngày bắt đầu.' });
    if (q.from && q.to && (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_CUSTOM_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `Khoảng thời gian không quá ${MAX_CUSTOM_DAYS} ngày.` });
  } else if (q.at !== undefined && !AT_PATTERN[q.period].test(q.at)) {
    ctx.addIssue({ code: 'custom', path: ['at'], message: AT_MESSAGE[q.period] });
  }
}

export const ZPeriodQuery = z.object(periodFields).superRefine(checkPeriod);
export type TPeriodQuery = z.input<typeof ZPeriodQuery> & { period: 'month' | 'quarter' | 'year' | 'custom' };

export const ZUnitPeriodQuery = z.object({ ...periodFields, unitId: z.uuid().optional() }).superRefine(checkPeriod);
export type TUnitPeriodQuery = TPeriodQuery & { unitId?: string };

export const ZTrendQuery = z.object({
  unitId: z.uuid().optional(),
  months: z.coerce.number().int().min(1).max(60).default(12),
  until: z.string().regex(AT_PATTERN.month, AT_MESSAGE.month).optional(),
});
export type TTrendQuery = { unitId?: string; months?: number; until?: string };

export const ZPeriod = z.object({
  kind: z.enum(['month', 'quarter', 'year', 'custom']),
  /** Inclusive, YYYY-MM-DD in Asia/Ho_Chi_Minh. */
  from: z.string(),
  to: z.string(),
  label: z.string(),
});
export type TPeriod = z.infer<typeof ZPeriod>;

const n = z.number();
const nn = z.number().nullable();
// Fields added after the first version of the contract are optional in the type (always sent).

/** `max`: the points of the indicators congvu measures in the group; `fullMax`: the group's maximum on the national portal. */
export const ZIndexGroup = z.object({ code: z.string(), name: z.string(), max: n, fullMax: n.optional(), score: nn });
export type TIndexGroup = z.infer<typeof ZIndexGroup>;

export const ZFigures = z.object({
  dossiers: z.object({
    received: n,
    online: n,
    finished: n,
    onTime: n,
    early: n,
    late: n,
    /** Percent, one decimal. */
    onTimeRate: nn,
    supplementRate: nn,
    visitsPerDossier: nn,
    avgProcessingDays: nn,
    /** Upper bound (days) of the histogram bucket holding the 90th percentile. */
    p90ProcessingDays: nn,
    ratings: z.object({ verySatisfied: n, satisfied: n, dissatisfied: n }),
    satisfactionIndex: nn,
  }),
  complaints: z.object({ received: n, upheld: n }),
  /** Tasks whose first deadline falls in the period; done on time / after an extension (extended) / late. */
  tasks: z.object({ due: n, done: n, onTime: n, extended: n.optional(), late: n, bounced: n, onTimeRate: nn }),
  oversight: z.object({ inspections: n, violations: n }),
  scores: z.object({ month: z.string().nullable(), count: n, min: nn, max: nn, mean: nn, stdev: nn, spread: nn.optional(), flat: z.boolean(), flatReasons: z.array(z.enum(['same_scores', 'all_at_top'])).optional() }),
  index766: z.object({ total: nn, max: n, groups: z.array(ZIndexGroup) }),
});
export type TFigures = z.infer<typeof ZFigures>;

export const ZTrend = z.enum(['up', 'down', 'same', 'new']);
export type TTrend = z.infer<typeof ZTrend>;

export const ZUnitRef = z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() });
export type TUnitRef = z.infer<typeof ZUnitRef>;

export const ZUnitRankRow = z.object({
  unitId: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  rank: n,
  previousRank: nn,
  trend: ZTrend,
  received: n,
  onTimeRate: nn,
  supplementRate: nn,
  satisfactionIndex: nn,
  complaints: n,
  index766: nn,
});
export type TUnitRankRow = z.infer<typeof ZUnitRankRow>;

export const ZUnitMetrics = z.object({
  unit: ZUnitRef.nullable(),
  period: ZPeriod,
  figures: ZFigures,
  previous: ZFigures,
  /** Drill-down URLs of the web app, one per figure group with records behind it. */
  links: z.record(z.string(), z.string()),
});
export type TUnitMetrics = z.infer<typeof ZUnitMetrics>;

export const ZMetricsOverview = ZUnitMetrics.extend({ children: z.array(ZUnitRankRow) });
export type TMetricsOverview = z.infer<typeof ZMetricsOverview>;

export const ZTrendPoint = z.object({ month: z.string(), received: n, onTimeRate: nn, satisfactionIndex: nn, index766: nn, tasksOnTimeRate: nn });
export type TTrendPoint = z.infer<typeof ZTrendPoint>;
export const ZTrendResponse = z.object({ points: z.array(ZTrendPoint) });

export const ZHeadRankRow = z.object({
  officialId: z.string(),
  fullName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  rank: n,
  previousRank: nn,
  trend: ZTrend,
  onTimeRate: nn,
  tasksOnTimeRate: nn,
  satisfactionIndex: nn,
  index766: nn,
  averageScore: nn,
  /** The standing ranked on: mean of the measures with data, each on 0–100. */
  score: nn.optional(),
});
export type THeadRankRow = z.infer<typeof ZHeadRankRow>;
export const ZHeadsRanking = z.object({ period: ZPeriod, items: z.array(ZHeadRankRow) });
export type THeadsRanking = z.infer<typeof ZHeadsRanking>;

export const ZTreeNode = z.object({ id: z.string(), parentId: z.string().nullable(), code: z.string(), name: z.string(), kind: z.string(), depth: n, received: n, onTimeRate: nn });
export type TTreeNode = z.infer<typeof ZTreeNode>;
export const ZUnitTree = z.object({ period: ZPeriod, nodes: z.array(ZTreeNode) });
export type TUnitTree = z.infer<typeof ZUnitTree>;

export const ZMyFigures = z.object({
  official: z.object({ id: z.string(), fullName: z.string(), unitName: z.string() }),
  period: ZPeriod,
  /** Dossiers the official handled that were finished in the period. */
  dossiers: z.object({ handled: n, onTime: n, late: n, onTimeRate: nn, ratings: z.object({ verySatisfied: n, satisfied: n, dissatisfied: n }) }),
  /** Tasks the official owns whose first deadline falls in the period. */
  tasks: z.object({ due: n, done: n, onTime: n, extended: n, late: n, bounced: n, onTimeRate: nn }),
  scores: z.array(z.object({ month: z.string(), final: nn })),
  links: z.record(z.string(), z.string()),
});
export type TMyFigures = z.infer<typeof ZMyFigures>;

export const ZPortal = z.object({
  period: ZPeriod,
  updatedAt: z.string(),
  province: ZFigures,
  agencies: z.array(ZUnitRankRow),
  communes: z.array(ZUnitRankRow),
});
export type TPortal = z.infer<typeof ZPortal>;
