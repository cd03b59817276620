import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAuditEntry } from '../../../shared/schemas/access.ts';
import type { AppDeps } from '../../app-deps.ts';
import { ctxOf } from '../../http/context.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import { requirePermission, scopePrefix } from '../access/policy.ts';
import { maskPersonalFields } from './mask-personal-fields.ts';
import { listAuditRows } from './audit.store.ts';

export async function auditRoutes(app: FastifyInstance, { db }: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký kiểm toán (mới nhất trước)',
        querystring: z.object({
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          entityType: z.string().max(50).optional(),
          entityId: z.string().max(100).optional(),
        }),
        response: { 200: z.object({ items: z.array(ZAuditEntry), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { actor } = ctxOf(request);
      requirePermission(actor, 'audit.read');
      // Whoever may not see identity numbers elsewhere does not see them in the history either.
      const showIdentity = scopePrefix(actor, 'org.officials.read_identity') === '';
      const shown = (value: unknown) => (showIdentity ? value : maskPersonalFields(value));
      const { cursor, limit, entityType, entityId } = request.query;
      const beforeSeq = cursor ? Number(decodeCursor(cursor, 1, ['number'])[0]) : undefined;
      const rows = await listAuditRows(db, { beforeSeq, limit: limit + 1, entityType, entityId });
      const page = rows.slice(0, limit);
      return {
        items: page.map((row) => ({
          seq: row.seq,
          at: row.at.toISOString(),
          actor: row.actor,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          before: shown(row.before),
          after: shown(row.after),
        })),
        nextCursor: rows.length > limit && page.length ? encodeCursor([page.at(-1)!.seq]) : null,
      };
    },
  );
}
