import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParams } from '../../../shared/schemas/common.ts';
import { ZCreateProcedureRequest, ZProcedure, ZProcedureListQuery, ZUpdateProcedureRequest } from '../../../shared/schemas/dossiers.ts';
import type { AppDeps } from '../../app-deps.ts';
import { ctxOf } from '../../http/context.ts';
import * as procedures from './procedure.service.ts';

export async function procedureRoutes(app: FastifyInstance, { db }: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/procedures',
    { schema: { tags: ['dossiers'], summary: 'Danh mục thủ tục hành chính', querystring: ZProcedureListQuery, response: { 200: z.object({ items: z.array(ZProcedure) }) } } },
    async (request) => procedures.listProcedures(db, ctxOf(request), request.query),
  );
  r.get(
    '/api/v1/procedures/:id',
    { schema: { tags: ['dossiers'], summary: 'Một thủ tục', params: ZIdParams, response: { 200: ZProcedure } } },
    async (request) => procedures.getProcedure(db, ctxOf(request), request.params.id),
  );
  r.post(
    '/api/v1/procedures',
    { schema: { tags: ['dossiers'], summary: 'Thêm thủ tục (quản trị)', body: ZCreateProcedureRequest, response: { 201: ZProcedure } } },
    async (request, reply) => reply.code(201).send(await procedures.createProcedure(db, ctxOf(request), request.body)),
  );
  r.patch(
    '/api/v1/procedures/:id',
    { schema: { tags: ['dossiers'], summary: 'Sửa thủ tục (quản trị)', params: ZIdParams, body: ZUpdateProcedureRequest, response: { 200: ZProcedure } } },
    async (request) => procedures.updateProcedure(db, ctxOf(request), request.params.id, request.body),
  );
}
