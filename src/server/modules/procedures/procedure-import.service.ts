import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../../../domain/audit/chain.ts';
import { mapProcedureHeaders, parseProcedureRow, PROCEDURE_TEMPLATE_HEADERS } from '../../../domain/dossiers/procedure-import.ts';
import { rowByField } from '../../../domain/import/map-headers.ts';
import { foldDiacritics } from '../../../domain/text/fold.ts';
import type { TImportReport } from '../../../shared/schemas/org.ts';
import type { Database } from '../../db/database.ts';
import { audit, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { requirePermission } from '../access/policy.ts';
import { readSheet, type SheetFormat } from '../org/spreadsheet.ts';
import * as store from './procedure.store.ts';

export function procedureTemplateCsv(): string {
  return `\uFEFF${PROCEDURE_TEMPLATE_HEADERS.join(',')}\nHT.KS,Đăng ký khai sinh,Hộ tịch,P.VINHYEN,0,ngày làm việc,0,"Tờ khai đăng ký khai sinh; Giấy chứng sinh (bản sao)",15:00,toàn trình\n`;
}

/**
 * Loads a procedure catalogue (CSV/XLSX, as provinces publish it): each row creates the procedure
 * of a unit or updates it (same unit and code). Bad rows are reported by line; re-importing the
 * same file changes nothing.
 */
export async function importProcedures(db: Database, ctx: RequestContext, file: Buffer, format: SheetFormat, dryRun: boolean): Promise<TImportReport> {
  requirePermission(ctx.actor, 'procedures.manage');
  let rows: string[][];
  try {
    rows = await readSheet(file, format);
  } catch {
    throw new AppError(400, 'BAD_FILE', `Không đọc được tệp ${format.toUpperCase()}.`);
  }
  const [header, ...data] = rows;
  const fields = mapProcedureHeaders(header ?? []);
  const missing = (['code', 'name', 'field', 'unitCode', 'amount'] as const).filter((f) => !fields.includes(f));
  if (missing.length) {
    throw new AppError(400, 'BAD_FILE', 'Tệp thiếu cột bắt buộc: Mã thủ tục, Tên thủ tục, Lĩnh vực, Mã đơn vị, Thời hạn giải quyết.', missing.map((f) => ({ field: f, message: 'Thiếu cột.' })));
  }
  const units = new Map((await db.selectFrom('units').select(['id', 'code']).where('active', '=', true).execute()).map((u) => [u.code, u.id]));
  const report: TImportReport = { dryRun, total: 0, created: 0, updated: 0, errors: [] };
  await inTransaction(db, async (trx) => {
    for (const [index, cells] of data.entries()) {
      const line = index + 2;
      if (cells.every((c) => !c.trim())) continue;
      report.total++;
      const parsed = parseProcedureRow(rowByField(fields, cells));
      if (!parsed.row) {
        for (const p of parsed.problems) report.errors.push({ line, field: p.field, message: p.message });
        continue;
      }
      const p = parsed.row;
      const unitId = units.get(p.unitCode);
      if (!unitId) {
        report.errors.push({ line, field: 'unitCode', message: `Không có đơn vị mã "${p.unitCode}".` });
        continue;
      }
      const values = {
        name: p.name,
        search_text: foldDiacritics(`${p.code} ${p.name} ${p.field}`),
        field: p.field,
        processing_amount: p.processingDays,
        processing_unit: p.processingUnit,
        fee_vnd: p.feeVnd,
        required_documents: JSON.stringify(p.requiredDocuments),
        cutoff: JSON.stringify(p.cutoff),
        online_level: p.onlineLevel,
      };
      const existing = await store.findProcedureByCode(trx, unitId, p.code);
      if (existing) {
        const same =
          existing.name === p.name &&
          existing.field === p.field &&
          existing.processing_amount === p.processingDays &&
          existing.processing_unit === p.processingUnit &&
          existing.fee_vnd === p.feeVnd &&
          canonicalJson(existing.required_documents) === canonicalJson(p.requiredDocuments) &&
          canonicalJson(existing.cutoff) === canonicalJson(p.cutoff) &&
          existing.online_level === p.onlineLevel;
        if (same) continue;
        report.updated++;
        if (!dryRun) {
          await store.updateProcedureRow(trx, existing.id, { ...values, updated_at: ctx.now });
          await audit(trx, ctx, { action: 'procedure.import_update', entityType: 'procedure', entityId: existing.id, before: { name: existing.name, processingDays: existing.processing_amount, feeVnd: existing.fee_vnd }, after: p });
        }
      } else {
        report.created++;
        if (!dryRun) {
          const id = randomUUID();
          await store.insertProcedure(trx, { id, code: p.code, unit_id: unitId, ...values, created_at: ctx.now, updated_at: ctx.now });
          await audit(trx, ctx, { action: 'procedure.import_create', entityType: 'procedure', entityId: id, after: p });
        }
      }
    }
  });
  return report;
}
