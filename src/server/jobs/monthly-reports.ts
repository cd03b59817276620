import { previousPeriod, resolvePeriod } from '../../domain/metrics/period.ts';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { archiveMonthReport, pendingMonthReports } from '../modules/metrics/reports/reports.service.ts';
import { systemReportContext } from '../modules/metrics/reports/system-context.ts';
import { type FileStorage, createStorage } from '../storage/file-storage.ts';
import { runExclusive } from './run-exclusive.ts';

/**
 * Once a month has ended (in Vietnamese time), archives its reports: the province and every
 * top-level unit, XLSX and PDF. Checked hourly: once the month's reports exist the check is one
 * query. Each unit is done in its own short transaction under the job's lock (the embedded
 * database serves one transaction at a time, so one long one would stall every request), and
 * re-checked inside it, so two processes never store a report twice. Returns the files stored.
 */
export async function archiveMonthlyReports(db: Database, config: AppConfig, now: Date, storage: FileStorage = createStorage(config.dataDir)): Promise<number> {
  const month = previousPeriod(resolvePeriod({ period: 'month' }, now)).from.slice(0, 7);
  const pending = await pendingMonthReports(db, month);
  if (!pending.length) return 0;
  const ctx = await systemReportContext(db, now);
  let stored = 0;
  for (const target of pending) stored += (await runExclusive(db, 'monthly-reports', (trx) => archiveMonthReport(trx, storage, ctx, month, target))) ?? 0;
  return stored;
}
