import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParams } from '../../../shared/schemas/common.ts';
import {
  ZCreateOfficialRequest,
  ZCreatePositionRequest,
  ZCreateUnitRequest,
  ZImportReport,
  ZOfficial,
  ZOfficialList,
  ZOfficialListQuery,
  ZPosition,
  ZUnit,
  ZUnitList,
  ZUnitListQuery,
  ZUpdateOfficialRequest,
  ZUpdatePositionRequest,
  ZUpdateUnitRequest,
} from '../../../shared/schemas/org.ts';
import type { AppDeps } from '../../app-deps.ts';
import { ctxOf } from '../../http/context.ts';
import { AppError } from '../../http/problem.ts';
import { importOfficials, importTemplateCsv } from './official-import.service.ts';
import { XLSX_TYPE, sheetFormatOf } from './spreadsheet.ts';
import * as officials from './official.service.ts';
import * as positions from './position.service.ts';
import * as units from './unit.service.ts';


export async function orgRoutes(app: FastifyInstance, { db }: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/units',
    { schema: { tags: ['org'], summary: 'Đơn vị trong phạm vi của người dùng', querystring: ZUnitListQuery, response: { 200: ZUnitList } } },
    async (request) => units.listUnits(db, ctxOf(request), request.query),
  );
  r.get(
    '/api/v1/units/:id',
    { schema: { tags: ['org'], summary: 'Một đơn vị (404 nếu ngoài phạm vi)', params: ZIdParams, response: { 200: ZUnit } } },
    async (request) => units.getUnit(db, ctxOf(request), request.params.id),
  );
  r.post(
    '/api/v1/units',
    { schema: { tags: ['org'], summary: 'Tạo đơn vị', body: ZCreateUnitRequest, response: { 201: ZUnit } } },
    async (request, reply) => reply.code(201).send(await units.createUnit(db, ctxOf(request), request.body)),
  );
  r.patch(
    '/api/v1/units/:id',
    {
      schema: { tags: ['org'], summary: 'Sửa, chuyển (parentId), ngừng hoạt động (active=false)', params: ZIdParams, body: ZUpdateUnitRequest, response: { 200: ZUnit } },
    },
    async (request) => units.updateUnit(db, ctxOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/v1/positions',
    {
      schema: {
        tags: ['org'],
        summary: 'Vị trí việc làm',
        querystring: z.object({ unitId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(ZPosition) }) },
      },
    },
    async (request) => positions.listPositions(db, ctxOf(request), request.query),
  );
  r.post(
    '/api/v1/positions',
    { schema: { tags: ['org'], summary: 'Tạo vị trí việc làm', body: ZCreatePositionRequest, response: { 201: ZPosition } } },
    async (request, reply) => reply.code(201).send(await positions.createPosition(db, ctxOf(request), request.body)),
  );
  r.patch(
    '/api/v1/positions/:id',
    { schema: { tags: ['org'], summary: 'Sửa vị trí việc làm', params: ZIdParams, body: ZUpdatePositionRequest, response: { 200: ZPosition } } },
    async (request) => positions.updatePosition(db, ctxOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/v1/officials',
    {
      schema: {
        tags: ['org'],
        summary: 'Cán bộ trong phạm vi; q tìm không phân biệt dấu',
        querystring: ZOfficialListQuery,
        response: { 200: ZOfficialList },
      },
    },
    async (request) => officials.listOfficials(db, ctxOf(request), request.query),
  );
  r.get(
    '/api/v1/officials/import-template.csv',
    { schema: { tags: ['org'], summary: 'Mẫu tệp nhập cán bộ (CSV, UTF-8)' } },
    async (request, reply) => {
      ctxOf(request);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="mau-nhap-can-bo.csv"')
        .send(importTemplateCsv());
    },
  );
  r.get(
    '/api/v1/officials/:id',
    { schema: { tags: ['org'], summary: 'Hồ sơ cán bộ', params: ZIdParams, response: { 200: ZOfficial } } },
    async (request) => officials.getOfficial(db, ctxOf(request), request.params.id),
  );
  r.post(
    '/api/v1/officials',
    { schema: { tags: ['org'], summary: 'Thêm cán bộ', body: ZCreateOfficialRequest, response: { 201: ZOfficial } } },
    async (request, reply) => reply.code(201).send(await officials.createOfficial(db, ctxOf(request), request.body)),
  );
  r.patch(
    '/api/v1/officials/:id',
    {
      schema: {
        tags: ['org'],
        summary: 'Sửa, chuyển đơn vị (unitId), cho nghỉ (active=false)',
        params: ZIdParams,
        body: ZUpdateOfficialRequest,
        response: { 200: ZOfficial },
      },
    },
    async (request) => officials.updateOfficial(db, ctxOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/v1/officials/import',
    {
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags: ['org'],
        summary: 'Nhập cán bộ từ CSV (text/csv) hoặc XLSX; dryRun=true chỉ kiểm tra',
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
        response: { 200: ZImportReport },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const format = sheetFormatOf(request.headers['content-type']);
      if (!format || !Buffer.isBuffer(request.body)) {
        throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Gửi tệp CSV (text/csv) hoặc XLSX.');
      }
      return importOfficials(db, ctx, request.body, format, request.query.dryRun === 'true');
    },
  );

  // Raw file bodies for the import route.
  // No parser-wide limit: the import routes set their own bodyLimit; every other route keeps the 1 MB default.
  app.addContentTypeParser(['text/csv', XLSX_TYPE], { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );
}
