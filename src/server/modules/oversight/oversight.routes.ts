import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParams, zText } from '../../../shared/schemas/common.ts';
import {
  ZAnswerComplaintRequest,
  ZAnswerItemRequest,
  ZComplaint,
  ZCreateInspectionRequest,
  ZFileComplaintRequest,
  ZInspectionTransition,
  ZPublicComplaint,
  ZRuleRequest,
  ZViolationInput,
} from '../../../shared/schemas/oversight.ts';
import type { AppDeps } from '../../app-deps.ts';
import { ctxOf } from '../../http/context.ts';
import { AppError } from '../../http/problem.ts';
import * as complaints from './complaint.service.ts';
import { conclusionPdf } from './conclusion.service.ts';
import * as inspections from './inspection.service.ts';
import * as rules from './rule.service.ts';
import * as violations from './violation.service.ts';

const tags = ['oversight'];

export async function oversightRoutes(app: FastifyInstance, { db, readDb, storage }: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Citizens: file a complaint or praise, follow it by its tracking code. No login.
  r.post(
    '/api/v1/public/complaints',
    {
      config: { public: true, rateLimit: { max: 5, timeWindow: '10 minutes' } },
      bodyLimit: 16 * 1024,
      schema: { tags: ['public'], summary: 'Gửi phản ánh, kiến nghị, khen ngợi (có thể ẩn danh)', body: ZFileComplaintRequest, response: { 201: z.object({ trackingCode: z.string(), responseDueAt: z.string() }) } },
    },
    async (request, reply) => {
      const b = request.body;
      const result = await complaints.fileComplaint(db, { ...b, officialName: b.officialName ?? null }, { source: 'web', apiKeyId: null, actor: 'citizen', ip: request.ip ?? null, now: new Date() });
      return reply.code(201).send({ trackingCode: result.trackingCode, responseDueAt: result.responseDueAt.toISOString() });
    },
  );
  r.get(
    '/api/v1/public/complaints/:code',
    { config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } }, schema: { tags: ['public'], summary: 'Theo dõi phản ánh bằng mã', params: z.object({ code: z.string().min(5).max(40) }), response: { 200: ZPublicComplaint } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return complaints.getPublicComplaint(readDb, request.params.code);
    },
  );

  r.get(
    '/api/v1/complaints',
    {
      schema: {
        tags,
        summary: 'Hộp thư phản ánh',
        // unitId/from/to/basis/outcome: the metrics drill-down (received by filing date, upheld by answer date).
        querystring: z.object({ status: z.string().max(100).optional(), kind: z.string().max(100).optional(), overdue: z.enum(['true', 'false']).optional(), cursor: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), unitId: z.uuid().optional(), from: z.iso.date().optional(), to: z.iso.date().optional(), basis: z.enum(['created', 'answered']).default('created'), outcome: z.enum(['upheld', 'not_upheld']).optional() }),
        response: { 200: z.object({ items: z.array(ZComplaint), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => complaints.listComplaintInbox(db, ctxOf(request), request.query),
  );
  r.get('/api/v1/complaints/:id', { schema: { tags, params: ZIdParams, response: { 200: ZComplaint } } }, async (request) => complaints.getComplaint(db, ctxOf(request), request.params.id));
  r.post(
    '/api/v1/complaints/:id/assign',
    { schema: { tags, summary: 'Giao xử lý', params: ZIdParams, body: z.object({ officialId: z.uuid(), unitId: z.uuid().nullish() }), response: { 200: ZComplaint } } },
    async (request) => complaints.assignComplaint(db, ctxOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/v1/complaints/:id/answer',
    { schema: { tags, summary: 'Trả lời, kết luận đúng/sai; đúng thì có thể ghi nhận vi phạm', params: ZIdParams, body: ZAnswerComplaintRequest, response: { 200: ZComplaint } } },
    async (request) => complaints.answerComplaint(db, ctxOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/v1/rules',
    { schema: { tags, summary: 'Thư viện quy tắc (history=true: mọi phiên bản)', querystring: z.object({ history: z.enum(['true', 'false']).optional() }) } },
    async (request) => rules.listRules(db, ctxOf(request), request.query),
  );
  r.post('/api/v1/rules', { schema: { tags, summary: 'Thêm quy tắc hoặc phiên bản mới (cùng mã)', body: ZRuleRequest } }, async (request, reply) =>
    reply.code(201).send(await rules.saveRule(db, ctxOf(request), request.body)),
  );

  r.get('/api/v1/inspection-plans', { schema: { tags, querystring: z.object({ year: z.coerce.number().int().min(2020).max(2100) }) } }, async (request) =>
    inspections.listPlans(db, ctxOf(request), request.query.year),
  );
  r.post(
    '/api/v1/inspection-plans',
    { schema: { tags, body: z.object({ year: z.number().int().min(2020).max(2100), kind: z.enum(['annual', 'ad_hoc']), title: z.string().trim().min(1).max(300) }) } },
    async (request, reply) => reply.code(201).send(await inspections.createPlan(db, ctxOf(request), request.body)),
  );
  r.get(
    '/api/v1/inspections',
    { schema: { tags, summary: 'Lịch kiểm tra', querystring: z.object({ from: z.iso.date().optional(), to: z.iso.date().optional(), status: z.string().max(20).optional(), unitId: z.uuid().optional(), basis: z.enum(['scheduled', 'concluded']).default('scheduled') }) } },
    async (request) => inspections.listInspections(db, ctxOf(request), request.query),
  );
  r.get('/api/v1/inspections/suggestions', { schema: { tags, summary: 'Gợi ý đối tượng kiểm tra đột xuất theo rủi ro (có lý do, có yếu tố ngẫu nhiên)' } }, async (request) =>
    inspections.suggestTargets(db, ctxOf(request)),
  );
  r.post('/api/v1/inspections', { schema: { tags, summary: 'Tạo cuộc kiểm tra (theo kế hoạch hoặc đột xuất)', body: ZCreateInspectionRequest } }, async (request, reply) =>
    reply.code(201).send(await inspections.createInspection(db, ctxOf(request), request.body)),
  );
  r.get('/api/v1/inspections/:id', { schema: { tags, params: ZIdParams } }, async (request) => inspections.getInspection(db, ctxOf(request), request.params.id));
  r.post('/api/v1/inspections/:id/answers', { schema: { tags, summary: 'Ghi kết quả một mục kiểm tra', params: ZIdParams, body: ZAnswerItemRequest } }, async (request) =>
    inspections.answerItem(db, ctxOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/v1/inspections/:id/findings',
    { schema: { tags, params: ZIdParams, body: z.object({ text: z.string().trim().min(1).max(5000), targetUnitId: z.uuid().nullish() }) } },
    async (request) => inspections.addFinding(db, ctxOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/v1/inspections/:id/photos',
    { bodyLimit: 20 * 1024 * 1024, schema: { tags, summary: 'Ảnh minh chứng (JPEG, PNG, PDF)', params: ZIdParams, querystring: z.object({ name: zText(300) }) } },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError(415, 'UNSUPPORTED_FILE_TYPE', 'Gửi nội dung ảnh làm thân yêu cầu.');
      return reply.code(201).send(await inspections.attachPhoto(db, storage, ctxOf(request), request.params.id, request.query.name.normalize('NFC'), request.body));
    },
  );
  r.get('/api/v1/inspections/:id/photos/:fileId', { schema: { tags, params: ZIdParams.extend({ fileId: z.uuid() }) } }, async (request, reply) => {
    const { file, data } = await inspections.readPhoto(db, storage, ctxOf(request), request.params.id, request.params.fileId);
    return reply.type(file.mime).header('x-content-type-options', 'nosniff').send(data);
  });
  r.post('/api/v1/inspections/:id/transition', { schema: { tags, summary: 'Bắt đầu, trưởng đoàn ký, kết luận, hủy', params: ZIdParams, body: ZInspectionTransition } }, async (request) =>
    inspections.transitionInspection(db, ctxOf(request), request.params.id, request.body),
  );
  r.get('/api/v1/inspections/:id/conclusion.pdf', { schema: { tags, summary: 'Kết luận kiểm tra (PDF)', params: ZIdParams } }, async (request, reply) => {
    const pdf = await conclusionPdf(db, ctxOf(request), request.params.id);
    return reply.type('application/pdf').header('content-disposition', 'inline; filename="ket-luan-kiem-tra.pdf"').send(pdf);
  });

  r.get(
    '/api/v1/violations',
    { schema: { tags, summary: 'Sổ vi phạm và khắc phục (quá hạn được đánh dấu)', querystring: z.object({ status: z.enum(['open', 'remediating', 'closed']).optional(), unitId: z.uuid().optional(), from: z.iso.date().optional(), to: z.iso.date().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }) } },
    async (request) => violations.listViolations(db, ctxOf(request), request.query),
  );
  r.post('/api/v1/violations', { schema: { tags, body: ZViolationInput.extend({ inspectionId: z.uuid().nullish() }) } }, async (request, reply) =>
    reply.code(201).send({ id: await violations.createViolation(db, ctxOf(request), { ...request.body, inspectionId: request.body.inspectionId ?? null }) }),
  );
  r.post(
    '/api/v1/violations/:id/remediations',
    { schema: { tags, summary: 'Biện pháp khắc phục: người chịu trách nhiệm, thời hạn', params: ZIdParams, body: z.object({ action: z.string().trim().min(1).max(2000), ownerId: z.uuid(), dueAt: z.iso.datetime({ offset: true }) }) } },
    async (request, reply) => reply.code(201).send(await violations.addRemediation(db, ctxOf(request), request.params.id, request.body)),
  );
  r.post(
    '/api/v1/remediations/:id/progress',
    { schema: { tags, summary: 'Báo cáo đã khắc phục (người chịu trách nhiệm) hoặc xác minh (thanh tra)', params: ZIdParams, body: z.object({ step: z.enum(['done', 'verify']), note: z.string().trim().min(1).max(2000) }) } },
    async (request) => violations.progressRemediation(db, ctxOf(request), request.params.id, request.body),
  );
}
