import { randomUUID } from 'node:crypto';
import { rowByField } from '../../../domain/import/map-headers.ts';
import { mapHeaders, parseOfficialRow, TEMPLATE_HEADERS } from '../../../domain/org/official-import.ts';
import { ZCreateOfficialRequest, type TImportReport } from '../../../shared/schemas/org.ts';
import type { Database } from '../../db/database.ts';
import { audit, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission } from '../access/policy.ts';
import * as store from './official.store.ts';
import { checkOfficialFacts, officialValues } from './official.service.ts';
import { readSheet, type SheetFormat } from './spreadsheet.ts';
import { listUnitsInScope } from './unit.store.ts';

export const MAX_IMPORT_ROWS = 20_000;

export function importTemplateCsv(): string {
  return `\uFEFF${TEMPLATE_HEADERS.join(',')}\nNguyễn Văn An,025090001234,Nam,05/03/1990,an.nv@example.gov.vn,0912345678,Chuyên viên,Công chức,Đảng viên,Không,SNV,01/08/2015\n`;
}

/**
 * Imports officials from a CSV/XLSX file: each row is checked on its own, bad rows are reported
 * with their line number and reason, the good ones are created or (same identity number)
 * updated in one transaction. A dry run reports without writing. Re-importing a file changes nothing.
 */
export async function importOfficials(
  db: Database,
  ctx: RequestContext,
  file: Buffer,
  format: SheetFormat,
  dryRun: boolean,
  onProgress?: (done: number, total: number) => void,
): Promise<TImportReport> {
  const prefix = requirePermission(ctx.actor, 'org.officials.write');
  let rows: string[][];
  try {
    rows = await readSheet(file, format);
  } catch {
    throw new AppError(400, 'BAD_FILE', `Không đọc được tệp ${format.toUpperCase()}.`);
  }
  const [headerRow, ...dataRows] = rows;
  const fields = mapHeaders(headerRow ?? []);
  const missing = (['fullName', 'idNumber', 'unitCode'] as const).filter((f) => !fields.includes(f));
  if (missing.length) {
    throw new AppError(400, 'BAD_FILE', 'Tệp thiếu cột bắt buộc: Họ và tên, Số định danh cá nhân, Mã đơn vị.', missing.map((f) => ({ field: f, message: 'Thiếu cột.' })));
  }
  if (dataRows.length > MAX_IMPORT_ROWS) {
    throw new AppError(413, 'FILE_TOO_LARGE', `Mỗi lần nhập tối đa ${MAX_IMPORT_ROWS} dòng.`);
  }

  const units = new Map((await listUnitsInScope(db, { prefix, includeInactive: false })).map((u) => [u.code, u]));
  const report: TImportReport = { dryRun, total: 0, created: 0, updated: 0, errors: [] };

  await inTransaction(db, async (trx) => {
    const seen = new Set<string>();
    for (const [index, cells] of dataRows.entries()) {
      const line = index + 2;
      if (cells.every((c) => !c.trim())) continue;
      report.total++;
      const parsed = parseOfficialRow(rowByField(fields, cells));
      if (!parsed.row) {
        for (const p of parsed.problems) report.errors.push({ line, field: p.field, message: p.message });
        continue;
      }
      const unit = units.get(parsed.row.unitCode);
      if (!unit || !pathInScope(unit.path, prefix)) {
        report.errors.push({ line, field: 'unitCode', message: `Mã đơn vị "${parsed.row.unitCode}" không có trong phạm vi quản lý.` });
        continue;
      }
      const candidate = ZCreateOfficialRequest.safeParse({ ...parsed.row, unitId: unit.id });
      if (!candidate.success) {
        for (const issue of candidate.error.issues) report.errors.push({ line, field: issue.path.join('.') || null, message: issue.message });
        continue;
      }
      const input = candidate.data;
      const problems = await checkOfficialFacts(trx, input);
      if (seen.has(input.idNumber)) problems.push({ field: 'idNumber', message: 'Số định danh lặp lại trong tệp.' });
      if (problems.length) {
        for (const p of problems) report.errors.push({ line, field: p.field, message: p.message });
        continue;
      }
      seen.add(input.idNumber);
      const existing = await store.findOfficialByIdNumber(trx, input.idNumber);
      if (existing) {
        const existingFull = await store.findOfficialById(trx, existing.id);
        if (!existingFull || !pathInScope(existingFull.unit_path, prefix)) {
          report.errors.push({ line, field: 'idNumber', message: 'Số định danh thuộc cán bộ ngoài phạm vi quản lý.' });
          continue;
        }
        // An import never reactivates an official who was deactivated by hand.
        const { id: _id, ...values } = { ...officialValues(existing.id, { ...input, positionId: existing.position_id }), active: existing.active };
        const changed = (Object.keys(values) as (keyof typeof values)[]).some((k) => values[k] !== existing[k]);
        if (changed) {
          report.updated++;
          if (!dryRun) {
            await store.updateOfficialRow(trx, existing.id, values, ctx.now);
            const { created_at: _c, updated_at: _u, ...before } = existing;
            await audit(trx, ctx, { action: 'official.import_update', entityType: 'official', entityId: existing.id, before, after: values });
          }
        }
      } else {
        report.created++;
        if (!dryRun) {
          const values = officialValues(randomUUID(), input);
          await store.insertOfficial(trx, values, ctx.now);
          await audit(trx, ctx, { action: 'official.import_create', entityType: 'official', entityId: values.id, after: values });
        }
      }
      onProgress?.(index + 1, dataRows.length);
    }
  });
  return report;
}
