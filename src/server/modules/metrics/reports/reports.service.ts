/**
 * Reports of issue 7: a file on demand for any unit in the caller's scope, and the archive of the
 * monthly reports the scheduler stores (province and every top-level unit, XLSX and PDF).
 */
import { randomUUID } from 'node:crypto';
import { foldDiacritics } from '../../../../domain/text/fold.ts';
import type { TPeriod } from '../../../../shared/schemas/metrics.ts';
import type { Database } from '../../../db/database.ts';
import { notFound } from '../../../http/problem.ts';
import type { FileStorage } from '../../../storage/file-storage.ts';
import type { RequestContext } from '../../access/actor.ts';
import { pathInScope, requirePermission } from '../../access/policy.ts';
import { type Executor, insertAuditRow } from '../../audit/audit.store.ts';
import type { Tx } from '../../../db/transaction.ts';
import { findRootUnit } from '../../org/unit.store.ts';
import { type ArchivedReportRow, archivedKeys, findArchivedReport, insertArchivedReport, listArchivedReports } from './report-archive.store.ts';
import { type ReportData, type ReportFormat, type ReportQuery, gatherReportData } from './report-data.ts';
import { renderReportPdf } from './report-pdf.ts';
import { XLSX_MIME, renderReportXlsx } from './report-xlsx.ts';

export const REPORT_MIME: Record<ReportFormat, string> = { xlsx: XLSX_MIME, pdf: 'application/pdf' };
const REPORT_FORMATS: ReportFormat[] = ['xlsx', 'pdf'];

export interface ReportFile {
  data: Buffer;
  mime: string;
  /** ASCII-only, for the plain `filename=` of Content-Disposition. */
  asciiName: string;
  /** The Vietnamese name, for `filename*=UTF-8''…`. */
  name: string;
}

const render = (data: ReportData, format: ReportFormat) => (format === 'xlsx' ? renderReportXlsx(data) : renderReportPdf(data));

/** 'YYYY-MM', 'YYYY-Qn' or 'YYYY' (the `at` that asks for the period), or 'from_to' for a custom one. */
export function periodKey(period: TPeriod): string {
  const [y, m] = period.from.split('-');
  if (period.kind === 'custom') return `${period.from}_${period.to}`;
  if (period.kind === 'year') return y!;
  if (period.kind === 'quarter') return `${y}-Q${Math.floor((Number(m) - 1) / 3) + 1}`;
  return `${y}-${m}`;
}

/** "Báo cáo số liệu - Sở Tư pháp - Tháng 10-2026.xlsx" and its ASCII twin "bao-cao-so-lieu-so-tu-phap-2026-10.xlsx". */
export function reportFileNames(unitName: string, periodLabel: string, key: string, format: ReportFormat): { name: string; asciiName: string } {
  const name = `Báo cáo số liệu - ${unitName} - ${periodLabel}`.replace(/[/\\:*?"<>|]/g, '-').normalize('NFC');
  const ascii = foldDiacritics(`bao-cao-so-lieu-${unitName}-${key}`).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return { name: `${name}.${format}`, asciiName: `${ascii}.${format}` };
}

/** A report file on demand: the caller's figures for the unit (default: the caller's scope root). */
export async function buildReportFile(db: Database, ctx: RequestContext, q: ReportQuery & { format: ReportFormat }): Promise<ReportFile> {
  requirePermission(ctx.actor, 'metrics.read');
  const { format, ...query } = q;
  const data = await gatherReportData(db, ctx, query);
  return { data: await render(data, format), mime: REPORT_MIME[format], ...reportFileNames(data.unitName, data.overview.period.label, periodKey(data.overview.period), format) };
}

export function toArchivedReport(r: ArchivedReportRow) {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    periodKind: r.period_kind,
    periodKey: r.period_key,
    periodLabel: r.period_label,
    format: r.format,
    size: r.size,
    createdAt: r.created_at.toISOString(),
  };
}

/** The archive, limited to the caller's scope (a head sees the reports of the own unit). */
export async function listReports(db: Database, ctx: RequestContext, limit = 200) {
  const prefix = requirePermission(ctx.actor, 'metrics.read');
  return { items: (await listArchivedReports(db, prefix, limit)).map(toArchivedReport) };
}

/** One archived file; 404 when it does not exist or lies outside the caller's scope. */
export async function archivedReportFile(db: Database, storage: FileStorage, ctx: RequestContext, id: string): Promise<ReportFile> {
  const prefix = requirePermission(ctx.actor, 'metrics.read');
  const row = await findArchivedReport(db, id);
  if (!row || !pathInScope(row.unit_path, prefix)) throw notFound('Không tìm thấy báo cáo.');
  return { data: await storage.get(row.storage_key), mime: REPORT_MIME[row.format], ...reportFileNames(row.unit_name, row.period_label, row.period_key, row.format) };
}

export interface ArchiveTarget {
  /** null = the province. */
  id: string | null;
  path: string;
}

/** The province and every active top-level unit still missing a report of the month, with what is missing. */
export async function pendingMonthReports(db: Executor, month: string): Promise<(ArchiveTarget & { formats: ReportFormat[] })[]> {
  const root = await findRootUnit(db);
  if (!root) return [];
  const done = await archivedKeys(db, 'month', month);
  const units = await db.selectFrom('units').select(['id', 'path']).where('depth', '=', 1).where('active', '=', true).orderBy('sort_order').orderBy('name').execute();
  const targets: ArchiveTarget[] = [{ id: null, path: root.path }, ...units];
  return targets.map((t) => ({ ...t, formats: REPORT_FORMATS.filter((f) => !done.has(`${t.id ?? ''}:${f}`)) })).filter((t) => t.formats.length > 0);
}

/**
 * Archives one unit's (or the province's) reports of an ended month, both formats, in the caller's
 * transaction with a province-wide context. What is already archived is skipped, so a re-run or a
 * second process stores nothing twice. Returns how many files it stored.
 */
export async function archiveMonthReport(trx: Tx, storage: FileStorage, ctx: RequestContext, month: string, target: ArchiveTarget): Promise<number> {
  const done = await archivedKeys(trx, 'month', month);
  const formats = REPORT_FORMATS.filter((f) => !done.has(`${target.id ?? ''}:${f}`));
  if (!formats.length) return 0;
  const data = await gatherReportData(trx, ctx, { period: 'month', at: month, ...(target.id ? { unitId: target.id } : {}) });
  let stored = 0;
  for (const format of formats) {
    const file = await render(data, format);
    // One key per unit, month and format: a run that failed after writing the file rewrites the same file.
    const storageKey = `metric-reports/${month}/${target.id ?? 'province'}.${format}`;
    await storage.put(storageKey, file);
    const id = randomUUID();
    const row = { id, unit_id: target.id, unit_path: target.path, unit_name: data.unitName, period_kind: 'month' as const, period_key: month, period_label: data.overview.period.label, format, storage_key: storageKey, size: file.length };
    if (!(await insertArchivedReport(trx, row))) continue;
    await insertAuditRow(trx, { actorAccountId: null, actor: ctx.actor.username, action: 'metrics.report.archive', entityType: 'metric_report', entityId: id, after: { unitId: target.id, month, format, size: file.length } }, ctx.now);
    stored++;
  }
  return stored;
}
