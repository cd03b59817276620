import { randomUUID } from 'node:crypto';
import { foldDiacritics } from '../../../domain/text/fold.ts';
import type { TCreateUnitRequest, TUnit, TUpdateUnitRequest } from '../../../shared/schemas/org.ts';
import type { Database } from '../../db/database.ts';
import { audit, inTransaction } from '../../db/transaction.ts';
import { AppError, conflict, invalid, notFound } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission } from '../access/policy.ts';
import type { Executor } from '../audit/audit.store.ts';
import * as store from './unit.store.ts';

export function toUnit(row: store.UnitRow & { official_count?: number }): TUnit {
  return {
    id: row.id,
    parentId: row.parent_id,
    code: row.code,
    adminCode: row.admin_code,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind,
    depth: row.depth,
    active: row.active,
    ...(row.official_count !== undefined ? { officialCount: row.official_count } : {}),
  };
}

export function unitSearchText(name: string, code: string, shortName: string | null, adminCode: string | null) {
  return foldDiacritics([name, shortName, code, adminCode].filter(Boolean).join(' '));
}

export async function listUnits(
  db: Database,
  ctx: RequestContext,
  query: { q?: string; parentId?: string; includeInactive?: 'true' | 'false' },
) {
  const prefix = requirePermission(ctx.actor, 'org.read');
  const rows = await store.listUnitsInScope(db, {
    prefix,
    folded: query.q ? foldDiacritics(query.q) : undefined,
    parentId: query.parentId,
    includeInactive: query.includeInactive === 'true',
  });
  return { items: rows.map(toUnit) };
}

/** A unit the caller may see, or 404: a unit outside the scope is indistinguishable from none. */
export async function getUnitInScope(db: Executor, ctx: RequestContext, id: string, prefix: string) {
  const unit = await store.findUnitById(db, id);
  if (!unit || !pathInScope(unit.path, prefix)) throw notFound('Không tìm thấy đơn vị.');
  return unit;
}

export async function getUnit(db: Database, ctx: RequestContext, id: string): Promise<TUnit> {
  const prefix = requirePermission(ctx.actor, 'org.read');
  return toUnit(await getUnitInScope(db, ctx, id, prefix));
}

async function ensureCodeFree(db: Executor, code: string, exceptId?: string) {
  const existing = await store.findUnitByCode(db, code);
  if (existing && existing.id !== exceptId) {
    throw conflict('UNIT_CODE_TAKEN', `Mã đơn vị "${code}" đã được dùng.`, [
      { field: 'code', message: 'Mã đơn vị đã tồn tại.' },
    ]);
  }
}

export async function createUnit(db: Database, ctx: RequestContext, input: TCreateUnitRequest): Promise<TUnit> {
  const prefix = requirePermission(ctx.actor, 'org.units.write');
  return inTransaction(db, async (trx) => {
    const parent = await store.findUnitById(trx, input.parentId);
    if (!parent || !pathInScope(parent.path, prefix)) {
      throw invalid([{ field: 'parentId', message: 'Đơn vị cấp trên không tồn tại.' }]);
    }
    if (!parent.active) throw invalid([{ field: 'parentId', message: 'Đơn vị cấp trên đã ngừng hoạt động.' }]);
    await ensureCodeFree(trx, input.code);
    const id = randomUUID();
    const unit: store.NewUnit = {
      id,
      parentId: parent.id,
      code: input.code,
      adminCode: input.adminCode ?? null,
      name: input.name,
      shortName: input.shortName ?? null,
      kind: input.kind,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      sortOrder: input.sortOrder ?? 0,
      searchText: unitSearchText(input.name, input.code, input.shortName ?? null, input.adminCode ?? null),
      now: ctx.now,
    };
    await store.insertUnit(trx, unit);
    const created = (await store.findUnitById(trx, id))!;
    await audit(trx, ctx, { action: 'unit.create', entityType: 'unit', entityId: id, after: toUnit(created) });
    return toUnit(created);
  });
}

export async function updateUnit(
  db: Database,
  ctx: RequestContext,
  id: string,
  input: TUpdateUnitRequest,
): Promise<TUnit> {
  const prefix = requirePermission(ctx.actor, 'org.units.write');
  return inTransaction(db, async (trx) => {
    const before = await getUnitInScope(trx, ctx, id, prefix);
    if (input.code !== undefined) await ensureCodeFree(trx, input.code, id);

    if (input.parentId !== undefined && input.parentId !== before.parent_id) {
      if (before.parent_id === null) {
        throw invalid([{ field: 'parentId', message: 'Không thể chuyển đơn vị gốc (tỉnh).' }]);
      }
      const parent = await store.findUnitById(trx, input.parentId);
      if (!parent || !pathInScope(parent.path, prefix)) {
        throw invalid([{ field: 'parentId', message: 'Đơn vị cấp trên không tồn tại.' }]);
      }
      if (!parent.active) throw invalid([{ field: 'parentId', message: 'Đơn vị cấp trên đã ngừng hoạt động.' }]);
      if (parent.path.startsWith(before.path)) {
        throw invalid([{ field: 'parentId', message: 'Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.' }]);
      }
      await store.rewriteSubtreePaths(trx, before.path, `${parent.path}${id}/`, parent.depth + 1 - before.depth);
    }
    if (input.active === false && before.active) {
      if (before.parent_id === null) throw invalid([{ field: 'active', message: 'Không thể ngừng hoạt động đơn vị gốc.' }]);
      const children = await store.countActiveChildren(trx, id);
      const officials = await store.countActiveOfficials(trx, id);
      if (children > 0 || officials > 0) {
        throw new AppError(409, 'UNIT_NOT_EMPTY', 'Đơn vị còn đơn vị trực thuộc hoặc cán bộ đang hoạt động: hãy chuyển họ đi trước.', [
          { field: 'active', message: `Còn ${children} đơn vị trực thuộc và ${officials} cán bộ.` },
        ]);
      }
    }
    const name = input.name ?? before.name;
    const code = input.code ?? before.code;
    const shortName = input.shortName !== undefined ? input.shortName : before.short_name;
    const adminCode = input.adminCode !== undefined ? input.adminCode : before.admin_code;
    await store.updateUnitRow(
      trx,
      id,
      {
        name,
        code,
        short_name: shortName,
        admin_code: adminCode,
        kind: input.kind ?? before.kind,
        sort_order: input.sortOrder ?? before.sort_order,
        active: input.active ?? before.active,
        parent_id: input.parentId ?? before.parent_id,
        search_text: unitSearchText(name, code, shortName, adminCode),
      },
      ctx.now,
    );
    const after = (await store.findUnitById(trx, id))!;
    const action = input.active === false ? 'unit.deactivate' : input.parentId && input.parentId !== before.parent_id ? 'unit.move' : 'unit.update';
    await audit(trx, ctx, { action, entityType: 'unit', entityId: id, before: toUnit(before), after: toUnit(after) });
    return toUnit(after);
  });
}
