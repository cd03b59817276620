import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { TPosition, ZCreatePositionRequest, ZUpdatePositionRequest } from '../../../shared/schemas/org.ts';
import type { Database } from '../../db/database.ts';
import { audit, inTransaction } from '../../db/transaction.ts';
import { invalid, notFound } from '../../http/problem.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission } from '../access/policy.ts';
import * as store from './position.store.ts';
import { getUnitInScope } from './unit.service.ts';

function toPosition(row: store.PositionRow): TPosition {
  return {
    id: row.id,
    unitId: row.unit_id,
    code: row.code,
    title: row.title,
    jobDescription: row.job_description,
    competencies: row.competencies,
    active: row.active,
  };
}

export async function listPositions(db: Database, ctx: RequestContext, query: { unitId?: string }) {
  const prefix = requirePermission(ctx.actor, 'org.read');
  if (query.unitId) await getUnitInScope(db, ctx, query.unitId, prefix);
  const rows = await store.listPositions(db, { pathPrefix: prefix, unitId: query.unitId });
  return { items: rows.map(toPosition) };
}

// Positions describe the unit's organisation: the same people who shape units and staff edit them.
export async function createPosition(
  db: Database,
  ctx: RequestContext,
  input: z.infer<typeof ZCreatePositionRequest>,
): Promise<TPosition> {
  const prefix = requirePermission(ctx.actor, 'org.officials.write');
  return inTransaction(db, async (trx) => {
    try {
      await getUnitInScope(trx, ctx, input.unitId, prefix);
    } catch {
      throw invalid([{ field: 'unitId', message: 'Đơn vị không tồn tại hoặc ngoài phạm vi quản lý của bạn.' }]);
    }
    const values: store.PositionValues = {
      id: randomUUID(),
      unit_id: input.unitId,
      code: input.code ?? null,
      title: input.title,
      job_description: input.jobDescription,
      competencies: input.competencies,
    };
    await store.insertPosition(trx, values, ctx.now);
    await audit(trx, ctx, { action: 'position.create', entityType: 'position', entityId: values.id, after: values });
    const row = (await store.findPositionById(trx, values.id))!;
    return toPosition(row);
  });
}

export async function updatePosition(
  db: Database,
  ctx: RequestContext,
  id: string,
  input: z.infer<typeof ZUpdatePositionRequest>,
): Promise<TPosition> {
  const prefix = requirePermission(ctx.actor, 'org.officials.write');
  return inTransaction(db, async (trx) => {
    const before = await store.findPositionById(trx, id);
    if (!before || !pathInScope(before.unit_path, prefix)) throw notFound('Không tìm thấy vị trí việc làm.');
    await store.updatePositionRow(
      trx,
      id,
      {
        ...(input.code !== undefined ? { code: input.code ?? null } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.jobDescription !== undefined ? { job_description: input.jobDescription } : {}),
        ...(input.competencies !== undefined ? { competencies: input.competencies } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      },
      ctx.now,
    );
    const after = (await store.findPositionById(trx, id))!;
    await audit(trx, ctx, {
      action: 'position.update',
      entityType: 'position',
      entityId: id,
      before: toPosition(before),
      after: toPosition(after),
    });
    return toPosition(after);
  });
}
