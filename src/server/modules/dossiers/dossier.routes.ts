import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { normalizeDossierCode } from '../../../domain/dossiers/dossier-code.ts';
import type { DossierAction } from '../../../domain/dossiers/transitions.ts';
import { ZIdParams } from '../../../shared/schemas/common.ts';
import {
  ZCreateDossierRequest,
  ZDossier,
  ZDossierActionRequest,
  ZAttachFileQuery,
  ZDossierCreated,
  ZDossierFigures,
  ZDossierFile,
  ZDossierListQuery,
  ZDossierSummary,
  ZPublicDossier,
  ZRatingRequest,
  ZSupplementRequest,
} from '../../../shared/schemas/dossiers.ts';
import type { AppDeps } from '../../app-deps.ts';
import { ctxOf } from '../../http/context.ts';
import { AppError } from '../../http/problem.ts';
import { MAX_DOCUMENT_BYTES, attachDossierFile, readDossierFile } from './dossier-files.service.ts';
import { DOSSIER_FORMS, renderDossierForm } from './dossier-forms.service.ts';
import * as dossiers from './dossier.service.ts';
import { getPublicDossier } from './public-lookup.ts';

const ZCodeParams = z.object({ code: z.string().min(5).max(60) });

export async function dossierRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.post(
    '/api/v1/dossiers',
    { schema: { tags: ['dossiers'], summary: 'Tiếp nhận hồ sơ (cấp mã, tính ngày hẹn trả)', body: ZCreateDossierRequest, response: { 201: ZDossierCreated } } },
    async (request, reply) => reply.code(201).send(await dossiers.createDossier(deps, ctxOf(request), request.body)),
  );
  r.get(
    '/api/v1/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Hồ sơ trong phạm vi; hàng đợi: mine, due_soon, overdue, awaiting_supplement, to_receive, to_return, flagged',
        querystring: ZDossierListQuery,
        response: { 200: z.object({ items: z.array(ZDossierSummary), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => dossiers.listDossiers(db, ctxOf(request), request.query),
  );
  r.get(
    '/api/v1/dossiers/figures',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Số liệu "3 không" của đơn vị trong kỳ: đúng hạn, bổ sung, số lần đi lại, hài lòng',
        querystring: z.object({ unitId: z.uuid().optional(), from: z.iso.date(), to: z.iso.date() }),
        response: { 200: ZDossierFigures },
      },
    },
    async (request) => dossiers.dossierFigures(db, ctxOf(request), request.query),
  );
  r.get(
    '/api/v1/dossiers/:id',
    { schema: { tags: ['dossiers'], summary: 'Hồ sơ với dòng thời gian và thao tác được phép', params: ZIdParams, response: { 200: ZDossier } } },
    async (request) => dossiers.getDossier(deps, ctxOf(request), request.params.id),
  );
  r.post(
    '/api/v1/dossiers/:id/actions',
    {
      schema: { tags: ['dossiers'], summary: 'Thao tác trên hồ sơ (chuyển xử lý, trình, phê duyệt, trả kết quả, xin lỗi, rút, dừng…)', params: ZIdParams, body: ZDossierActionRequest, response: { 200: ZDossierSummary } },
    },
    async (request) => {
      const body = request.body;
      const action: DossierAction = body.type === 'apologize' ? { ...body, newDueAt: new Date(body.newDueAt) } : body;
      return dossiers.actOnDossier(deps, ctxOf(request), request.params.id, action);
    },
  );
  r.post(
    '/api/v1/dossiers/:id/supplement-request',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Yêu cầu bổ sung, hoàn thiện hồ sơ — chỉ một lần (lần sau: 409 SUPPLEMENT_ALREADY_REQUESTED)',
        params: ZIdParams,
        body: ZSupplementRequest,
        response: { 201: ZDossierSummary.extend({ items: z.array(z.string()) }) },
      },
    },
    async (request, reply) => {
      const summary = await dossiers.actOnDossier(deps, ctxOf(request), request.params.id, { type: 'request_supplement', items: request.body.items, note: request.body.note ?? null });
      return reply.code(201).send({ ...summary, items: request.body.items });
    },
  );

  // No parser-wide limit: a route that takes files sets its own bodyLimit; every other route keeps the 1 MB default.
  app.addContentTypeParser(['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'], { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );
  r.post(
    '/api/v1/dossiers/:id/files',
    {
      bodyLimit: MAX_DOCUMENT_BYTES,
      schema: {
        tags: ['dossiers'],
        summary: 'Đính kèm bản quét thành phần hồ sơ hoặc kết quả điện tử (PDF, JPEG, PNG ≤ 20 MB; nội dung tệp là thân yêu cầu)',
        params: ZIdParams,
        querystring: ZAttachFileQuery,
        response: { 201: ZDossierFile },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError(415, 'UNSUPPORTED_FILE_TYPE', 'Gửi nội dung tệp PDF, JPEG hoặc PNG làm thân yêu cầu.');
      const q = request.query;
      const file = await attachDossierFile(db, deps.storage, ctxOf(request), request.params.id, {
        kind: q.kind,
        name: q.name.normalize('NFC'),
        digitized: q.digitized === 'true',
        reused: q.reused === 'true',
        data: request.body,
      });
      return reply.code(201).send(file);
    },
  );
  r.get(
    '/api/v1/dossiers/:id/files/:fileId',
    { schema: { tags: ['dossiers'], summary: 'Tải tệp của hồ sơ', params: ZIdParams.extend({ fileId: z.uuid() }) } },
    async (request, reply) => {
      const { file, data } = await readDossierFile(db, deps.storage, ctxOf(request), request.params.id, request.params.fileId);
      return reply
        .type(file.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(data);
    },
  );

  r.get(
    '/api/v1/dossiers/:id/forms/:form',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'In biểu mẫu (PDF): receipt = Giấy tiếp nhận và hẹn trả (01), supplement = Phiếu yêu cầu bổ sung (02), refusal = Phiếu từ chối (03), apology = Văn bản xin lỗi, hẹn lại (04)',
        params: ZIdParams.extend({ form: z.enum(DOSSIER_FORMS) }),
      },
    },
    async (request, reply) => {
      const { pdf, filename } = await renderDossierForm(db, deps.config, ctxOf(request), request.params.id, request.params.form);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}"`).header('cache-control', 'no-store').send(pdf);
    },
  );

  r.get(
    '/api/v1/public/dossiers/:code',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags: ['public'], summary: 'Tra cứu hồ sơ (không cần đăng nhập)', params: ZCodeParams, response: { 200: ZPublicDossier } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getPublicDossier(deps.readDb, normalizeDossierCode(request.params.code), new Date(), deps.config.dbConnectTimeoutMs);
    },
  );
  r.post(
    '/api/v1/public/dossiers/:code/rating',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: 'Đánh giá mức độ hài lòng sau khi nhận kết quả (một lần cho mỗi hồ sơ)',
        params: ZCodeParams,
        body: ZRatingRequest,
        response: { 201: z.object({ ok: z.literal(true), level: z.string(), at: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await dossiers.rateDossier(db, normalizeDossierCode(request.params.code), request.body, new Date(), request.ip ?? null)),
  );
}
