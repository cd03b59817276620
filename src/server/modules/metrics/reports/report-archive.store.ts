import type { Insertable, Selectable } from 'kysely';
import type { MetricReportsTable } from '../../../db/schema.ts';
import type { Executor } from '../../audit/audit.store.ts';
import { escapeLike } from '../../org/unit.store.ts';

export type ArchivedReportRow = Selectable<MetricReportsTable>;

/** Stores one archived report; false when that unit, period and format is already archived. */
export async function insertArchivedReport(db: Executor, row: Insertable<MetricReportsTable>): Promise<boolean> {
  const result = await db.insertInto('metric_reports').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The reports already archived for one period, as `unitId|''` + ':' + format keys. */
export async function archivedKeys(db: Executor, periodKind: string, periodKey: string): Promise<Set<string>> {
  const rows = await db.selectFrom('metric_reports').select(['unit_id', 'format']).where('period_kind', '=', periodKind as ArchivedReportRow['period_kind']).where('period_key', '=', periodKey).execute();
  return new Set(rows.map((r) => `${r.unit_id ?? ''}:${r.format}`));
}

/** Archived reports whose unit lies under the prefix ('' = all), newest period first. */
export async function listArchivedReports(db: Executor, prefix: string, limit: number): Promise<ArchivedReportRow[]> {
  let q = db.selectFrom('metric_reports').selectAll().orderBy('period_key', 'desc').orderBy('unit_path').orderBy('format').limit(limit);
  if (prefix) q = q.where('unit_path', 'like', `${escapeLike(prefix)}%`);
  return q.execute();
}

export async function findArchivedReport(db: Executor, id: string): Promise<ArchivedReportRow | undefined> {
  return db.selectFrom('metric_reports').selectAll().where('id', '=', id).executeTakeFirst();
}
