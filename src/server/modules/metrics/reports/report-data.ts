/**
 * One report's data: the figures of the metrics contract for a unit (or the province) and period,
 * its direct children ranked, and the twelve months of trend up to the period's end. Gathered
 * with the caller's context, so the report shows exactly what the caller's dashboard shows and an
 * out-of-scope unit is a 404 there as here.
 */
import type { TMetricsOverview, TTrendPoint, TUnitPeriodQuery } from '../../../../shared/schemas/metrics.ts';
import type { Database } from '../../../db/database.ts';
import type { RequestContext } from '../../access/actor.ts';
import { findRootUnit } from '../../org/unit.store.ts';
import { overview, trend } from '../metrics.service.ts';

export type ReportFormat = 'xlsx' | 'pdf';

/** The contract's period query: `at` ('YYYY-MM' | 'YYYY-Qn' | 'YYYY', default the current period) or from/to for a custom period. */
export type ReportQuery = TUnitPeriodQuery;

export interface ReportData {
  /** The unit's name, or the province's (the root unit) for a province report. */
  unitName: string;
  overview: TMetricsOverview;
  trend: TTrendPoint[];
  generatedAt: Date;
}

export const TREND_MONTHS = 12;

export async function gatherReportData(db: Database, ctx: RequestContext, q: ReportQuery): Promise<ReportData> {
  const ov = await overview(db, ctx, q);
  const { points } = await trend(db, ctx, { unitId: ov.unit?.id ?? q.unitId, months: TREND_MONTHS, until: ov.period.to.slice(0, 7) });
  const unitName = ov.unit?.name ?? (await findRootUnit(db))?.name ?? 'Toàn tỉnh';
  return { unitName, overview: ov, trend: points, generatedAt: ctx.now };
}
