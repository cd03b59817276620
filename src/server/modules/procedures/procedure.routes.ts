import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParams } from '../../../shared/schemas/common.ts';
import { ZCreateProcedureRequest, ZProcedure, ZProcedureListQuery, ZUpdateProcedureRequest } from '../../../shared/schemas/dossiers.ts';
import type { AppDeps } from '../../app-deps.ts';
import { ctxOf } from '../../http/context.ts';
import { AppError } from '../../http/problem.ts';
import { ZImportReport } from '../../../shared/schemas/org.ts';
import { sheetFormatOf } from '../org/spreadsheet.ts';
import { importProcedures, procedureTemplateCsv } from './procedure-import.service.ts';
import * as procedures from './procedure.service.ts';


export async function procedureRoutes(app: FastifyInstance, { db, readDb }: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/public/procedures',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: 'Danh mục thủ tục hành chính công khai (không cần đăng nhập): tìm không dấu, lọc theo nơi tiếp nhận; tối đa 30 thủ tục mỗi lần',
        querystring: ZProcedureListQuery.pick({ q: true, unitId: true }),
        response: { 200: z.object({ items: z.array(ZProcedure), more: z.boolean() }) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return procedures.listPublicProcedures(readDb, request.query);
    },
  );
  r.get(
    '/api/v1/procedures',
    { schema: { tags: ['dossiers'], summary: 'Danh mục thủ tục hành chính', querystring: ZProcedureListQuery, response: { 200: z.object({ items: z.array(ZProcedure) }) } } },
    async (request) => procedures.listProcedures(db, ctxOf(request), request.query),
  );
  r.get(
    '/api/v1/procedures/import-template.csv',
    { schema: { tags: ['dossiers'], summary: 'Mẫu tệp nhập danh mục thủ tục (CSV, UTF-8)' } },
    async (request, reply) => {
      ctxOf(request);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="mau-danh-muc-thu-tuc.csv"').send(procedureTemplateCsv());
    },
  );
  r.post(
    '/api/v1/procedures/import',
    {
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags: ['dossiers'],
        summary: 'Nhập danh mục thủ tục từ CSV (text/csv) hoặc XLSX; dryRun=true chỉ kiểm tra',
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
        response: { 200: ZImportReport },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const format = sheetFormatOf(request.headers['content-type']);
      if (!format || !Buffer.isBuffer(request.body)) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Gửi tệp CSV (text/csv) hoặc XLSX.');
      return importProcedures(db, ctx, request.body, format, request.query.dryRun === 'true');
    },
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
