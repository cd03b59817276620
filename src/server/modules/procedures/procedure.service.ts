import { randomUUID } from 'node:crypto';
import { foldDiacritics } from '../../../domain/text/fold.ts';
import type { TCreateProcedureRequest, TProcedure, TUpdateProcedureRequest } from '../../../shared/schemas/dossiers.ts';
import type { Database } from '../../db/database.ts';
import type { RequiredDocument } from '../../db/schema.ts';
import { audit, inTransaction } from '../../db/transaction.ts';
import { conflict, invalid, notFound } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission, scopePrefix } from '../access/policy.ts';
import type { Executor } from '../audit/audit.store.ts';
import { findUnitById } from '../org/unit.store.ts';
import * as store from './procedure.store.ts';
import { FRACTIONAL_DAYS, isWholeDeadline } from '../../../domain/dossiers/procedure-import.ts';

export function toProcedure(row: store.ProcedureRow): TProcedure {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    field: row.field,
    unitId: row.unit_id,
    unitName: row.unit_name,
    processingDays: row.processing_amount,
    processingUnit: row.processing_unit,
    feeVnd: row.fee_vnd,
    requiredDocuments: row.required_documents,
    supplementMode: row.supplement_mode,
    cutoff: row.cutoff,
    onlineLevel: row.online_level,
    active: row.active,
  };
}

/** Procedures are public knowledge, but lists follow the caller's scope like every list. */
export async function listProcedures(db: Database, ctx: RequestContext, query: { q?: string; unitId?: string; includeInactive?: 'true' | 'false' }) {
  const prefix = scopePrefix(ctx.actor, 'dossiers.read') ?? requirePermission(ctx.actor, 'org.read');
  let pathPrefix = prefix;
  if (query.unitId) {
    const unit = await findUnitById(db, query.unitId);
    if (!unit || !pathInScope(unit.path, prefix)) throw notFound('Không tìm thấy đơn vị.');
    pathPrefix = unit.path;
  }
  const rows = await store.listProcedures(db, {
    pathPrefix,
    folded: query.q ? foldDiacritics(query.q) : undefined,
    includeInactive: query.includeInactive === 'true',
  });
  return { items: rows.map(toProcedure) };
}

/** At most this many procedures in one answer to a citizen: a phone shows a page, not the catalogue. */
const PUBLIC_LIMIT = 30;

/**
 * The catalogue citizens read before coming to the counter (no login): active procedures of the
 * whole province, or of one unit and its divisions, found without diacritics.
 */
export async function listPublicProcedures(db: Executor, query: { q?: string; unitId?: string }) {
  let pathPrefix = '';
  if (query.unitId) {
    const unit = await findUnitById(db, query.unitId);
    if (!unit) throw notFound('Không tìm thấy đơn vị.');
    pathPrefix = unit.path;
  }
  const folded = query.q?.trim() ? foldDiacritics(query.q) : undefined;
  const rows = await store.listProcedures(db, { pathPrefix, folded, includeInactive: false, limit: PUBLIC_LIMIT + 1 });
  return { items: rows.slice(0, PUBLIC_LIMIT).map(toProcedure), more: rows.length > PUBLIC_LIMIT };
}

export async function getProcedureInScope(db: Executor, ctx: RequestContext, id: string, prefix: string) {
  const row = await store.findProcedureById(db, id);
  if (!row || !pathInScope(row.unit_path, prefix)) throw notFound('Không tìm thấy thủ tục.');
  return row;
}

export async function getProcedure(db: Database, ctx: RequestContext, id: string) {
  const prefix = scopePrefix(ctx.actor, 'dossiers.read') ?? requirePermission(ctx.actor, 'org.read');
  return toProcedure(await getProcedureInScope(db, ctx, id, prefix));
}

function values(input: TCreateProcedureRequest) {
  return {
    code: input.code,
    name: input.name,
    search_text: foldDiacritics(`${input.code} ${input.name} ${input.field}`),
    field: input.field,
    unit_id: input.unitId,
    processing_amount: input.processingDays,
    processing_unit: input.processingUnit,
    fee_vnd: input.feeVnd,
    required_documents: JSON.stringify(input.requiredDocuments satisfies RequiredDocument[]),
    supplement_mode: input.supplementMode,
    cutoff: JSON.stringify(input.cutoff),
    online_level: input.onlineLevel,
  };
}

function checkWholeDays(input: TCreateProcedureRequest) {
  if (!isWholeDeadline(input.processingUnit, input.processingDays)) throw invalid([{ field: 'processingDays', message: FRACTIONAL_DAYS }]);
}

export async function createProcedure(db: Database, ctx: RequestContext, input: TCreateProcedureRequest): Promise<TProcedure> {
  requirePermission(ctx.actor, 'procedures.manage');
  checkWholeDays(input);
  return inTransaction(db, async (trx) => {
    if (!(await findUnitById(trx, input.unitId))) throw invalid([{ field: 'unitId', message: 'Đơn vị không tồn tại.' }]);
    if (await store.findProcedureByCode(trx, input.unitId, input.code)) {
      throw conflict('PROCEDURE_CODE_TAKEN', 'Đơn vị đã có thủ tục mang mã này.', [{ field: 'code', message: 'Đã tồn tại trong đơn vị.' }]);
    }
    const id = randomUUID();
    await store.insertProcedure(trx, { id, ...values(input), created_at: ctx.now, updated_at: ctx.now });
    const row = (await store.findProcedureById(trx, id))!;
    await audit(trx, ctx, { action: 'procedure.create', entityType: 'procedure', entityId: id, after: toProcedure(row) });
    return toProcedure(row);
  });
}

export async function updateProcedure(db: Database, ctx: RequestContext, id: string, input: TUpdateProcedureRequest): Promise<TProcedure> {
  requirePermission(ctx.actor, 'procedures.manage');
  return inTransaction(db, async (trx) => {
    const before = await store.findProcedureById(trx, id);
    if (!before) throw notFound('Không tìm thấy thủ tục.');
    const current = toProcedure(before);
    const merged: TCreateProcedureRequest = {
      code: input.code ?? current.code,
      name: input.name ?? current.name,
      field: input.field ?? current.field,
      unitId: input.unitId ?? current.unitId,
      processingDays: input.processingDays ?? current.processingDays,
      processingUnit: input.processingUnit ?? current.processingUnit,
      feeVnd: input.feeVnd ?? current.feeVnd,
      requiredDocuments: input.requiredDocuments ?? current.requiredDocuments,
      supplementMode: input.supplementMode !== undefined ? input.supplementMode : current.supplementMode,
      cutoff: input.cutoff ?? (current.cutoff as TCreateProcedureRequest['cutoff']),
      onlineLevel: input.onlineLevel !== undefined ? input.onlineLevel : current.onlineLevel,
    };
    checkWholeDays(merged);
    if (input.unitId && !(await findUnitById(trx, input.unitId))) throw invalid([{ field: 'unitId', message: 'Đơn vị không tồn tại.' }]);
    if ((merged.code !== before.code || merged.unitId !== before.unit_id) && (await store.findProcedureByCode(trx, merged.unitId, merged.code))) {
      throw conflict('PROCEDURE_CODE_TAKEN', 'Đơn vị đã có thủ tục mang mã này.', [{ field: 'code', message: 'Đã tồn tại trong đơn vị.' }]);
    }
    await store.updateProcedureRow(trx, id, { ...values(merged), active: input.active ?? before.active, updated_at: ctx.now });
    const after = (await store.findProcedureById(trx, id))!;
    await audit(trx, ctx, { action: 'procedure.update', entityType: 'procedure', entityId: id, before: current, after: toProcedure(after) });
    return toProcedure(after);
  });
}
