import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zOptionalText } from '../../../shared/schemas/common.ts';
import type { AppDeps } from '../../app-deps.ts';
import { ctxOf } from '../../http/context.ts';
import { requirePermission } from '../access/policy.ts';
import { FLAT_REASON_VI, findFlatUnits, findMutualInflation } from './flat-units.service.ts';
import { lastCompleteMonth } from '../../../domain/evaluation/month-steps.ts';
import * as classification from './classification.service.ts';
import * as discipline from './discipline.service.ts';
import * as cards from './scorecard.service.ts';
import * as templates from './template.service.ts';
import { decideUnitClassification } from './unit-classification.service.ts';

const tags = ['evaluation'];
const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Tháng dạng YYYY-MM.');
const ZId = z.object({ id: z.uuid() });
const ZPoints = z.object({ general: z.number(), task: z.number() });
const ZLevel = z.enum(['excellent', 'good', 'complete', 'incomplete', 'not_classified']);

export async function evaluationRoutes(app: FastifyInstance, { db }: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/v1/evaluation/months', { schema: { tags, summary: 'Mở tháng chấm điểm: phiếu cho từng cán bộ, số liệu minh chứng, phân công đánh giá chéo', body: z.object({ month: ZMonth, unitId: z.uuid().optional() }) } }, async (request, reply) =>
    reply.code(201).send(await cards.openMonth(db, ctxOf(request), request.body)),
  );
  r.post('/api/v1/evaluation/months/close', { schema: { tags, summary: 'Chốt điểm tháng (phiếu đã có điểm người đứng đầu); báo các bước còn chậm', body: z.object({ month: ZMonth, unitId: z.uuid().optional() }) } }, async (request) =>
    cards.closeMonth(db, ctxOf(request), request.body),
  );
  r.get('/api/v1/evaluation/unit-month', { schema: { tags, summary: 'Màn hình chấm điểm của đơn vị: minh chứng, tự chấm, đánh giá chéo, phân tán điểm', querystring: z.object({ month: ZMonth, unitId: z.uuid().optional() }) } }, async (request) =>
    cards.unitMonth(db, ctxOf(request), request.query),
  );
  r.get('/api/v1/evaluation/me', { schema: { tags, summary: 'Phiếu chấm điểm của tôi' } }, async (request) => cards.myScorecards(db, ctxOf(request)));
  r.get('/api/v1/evaluation/peer-inbox', { schema: { tags, summary: 'Phiếu tôi được phân công đánh giá chéo' } }, async (request) => cards.peerInbox(db, ctxOf(request)));
  r.get('/api/v1/evaluation/scorecards/:id', { schema: { tags, params: ZId } }, async (request) => cards.getScorecard(db, ctxOf(request), request.params.id));
  r.post('/api/v1/evaluation/scorecards/:id/self', { schema: { tags, summary: 'Tự đánh giá', params: ZId, body: ZPoints.extend({ note: zOptionalText(3000) }) } }, async (request) =>
    cards.selfAssess(db, ctxOf(request), request.params.id, request.body),
  );
  r.post('/api/v1/evaluation/scorecards/:id/peer', { schema: { tags, summary: 'Đánh giá chéo (ẩn danh với người được chấm)', params: ZId, body: z.object({ score: z.number(), note: zOptionalText(3000) }) } }, async (request) =>
    cards.reviewPeer(db, ctxOf(request), request.params.id, request.body),
  );
  r.post('/api/v1/evaluation/scorecards/:id/head', { schema: { tags, summary: 'Người đứng đầu chấm; lệch so với minh chứng quá ngưỡng của mẫu chấm điểm phải có lý do', params: ZId, body: ZPoints.extend({ reason: zOptionalText(3000) }) } }, async (request) =>
    cards.headScore(db, ctxOf(request), request.params.id, request.body),
  );
  const ZYear = z.coerce.number().int().min(2020).max(2100);
  r.post('/api/v1/evaluation/classifications/propose', { schema: { tags, summary: 'Đề xuất xếp loại năm từ điểm tháng và điều kiện pháp lý (trần "xuất sắc", người đứng đầu không cao hơn đơn vị, dưới 6 tháng)', body: z.object({ year: ZYear, unitId: z.uuid().optional() }) } }, async (request) =>
    classification.proposeYear(db, ctxOf(request), request.body),
  );
  r.get('/api/v1/evaluation/classifications', { schema: { tags, summary: 'Danh sách đề xuất xếp loại cho Hội đồng; danh sách cần xem xét thay thế, điều chuyển', querystring: z.object({ year: ZYear, unitId: z.uuid().optional() }) } }, async (request) =>
    classification.listClassifications(db, ctxOf(request), request.query),
  );
  r.post('/api/v1/evaluation/classifications/:id/decision', { schema: { tags, summary: 'Quyết định của Hội đồng (khác đề xuất phải có lý do)', params: ZId, body: z.object({ level: ZLevel, reason: zOptionalText(3000) }) } }, async (request) =>
    classification.decideClassification(db, ctxOf(request), request.params.id, request.body),
  );
  r.post('/api/v1/evaluation/unit-classifications/:id/decision', { schema: { tags, summary: 'Quyết định xếp loại đơn vị của Hội đồng (khác đề xuất phải có lý do)', params: ZId, body: z.object({ level: ZLevel, reason: zOptionalText(3000) }) } }, async (request) =>
    decideUnitClassification(db, ctxOf(request), request.params.id, request.body),
  );
  r.get('/api/v1/evaluation/templates', { schema: { tags, summary: 'Mẫu chấm điểm theo loại đơn vị (các phiên bản; phiên bản đang áp dụng)' } }, async (request) => templates.listTemplates(db, ctxOf(request)));
  r.post(
    '/api/v1/evaluation/templates',
    {
      schema: {
        tags,
        summary: 'Ban hành phiên bản mới của mẫu chấm điểm cho một loại đơn vị (tiêu chí chung 30, kết quả nhiệm vụ 70)',
        body: z.object({
          unitKind: z.enum(templates.UNIT_KINDS).nullable(),
          name: z.string().trim().min(3).max(200),
          criteria: z.array(z.object({ code: z.string().trim().min(1).max(10), name: z.string().trim().min(3).max(300), group: z.enum(['general', 'task']), max: z.number().positive().max(70) })).min(2).max(20),
          deductions: z.object({ violation: z.number(), upheldComplaint: z.number() }),
          headReasonMargin: z.number(),
        }),
      },
    },
    async (request, reply) => reply.code(201).send(await templates.createTemplateVersion(db, ctxOf(request), request.body)),
  );
  r.get('/api/v1/evaluation/discipline', { schema: { tags, summary: 'Sổ kỷ luật', querystring: z.object({ year: ZYear }) } }, async (request) => discipline.listDiscipline(db, ctxOf(request), request.query.year));
  r.post(
    '/api/v1/evaluation/discipline',
    {
      schema: {
        tags,
        summary: 'Ghi quyết định kỷ luật (Nghị định 172/2025, 234/2026)',
        body: z.object({ officialId: z.uuid(), form: z.enum(['reprimand', 'warning', 'demotion', 'removal', 'forced_resignation', 'dismissal']), violationId: z.uuid().nullish(), dutyRelated: z.boolean(), decisionNo: z.string().trim().min(1).max(60), decidedAt: z.iso.date(), reason: z.string().trim().min(1).max(3000) }),
      },
    },
    async (request, reply) => reply.code(201).send(await discipline.recordDiscipline(db, ctxOf(request), request.body)),
  );
  r.get('/api/v1/evaluation/commendations', { schema: { tags, summary: 'Đề nghị khen thưởng', querystring: z.object({ year: ZYear }) } }, async (request) => discipline.listCommendations(db, ctxOf(request), request.query.year));
  r.post('/api/v1/evaluation/commendations/propose', { schema: { tags, summary: 'Lập đề nghị khen thưởng từ minh chứng', body: z.object({ year: ZYear }) } }, async (request) =>
    discipline.proposeCommendations(db, ctxOf(request), request.body),
  );
  r.post('/api/v1/evaluation/commendations/:id/decision', { schema: { tags, params: ZId, body: z.object({ approve: z.boolean(), decisionNo: zOptionalText(60) }) } }, async (request) =>
    discipline.decideCommendation(db, ctxOf(request), request.params.id, request.body),
  );
  r.get('/api/v1/evaluation/flat-units', { schema: { tags, summary: 'Đơn vị "cào bằng" trong tháng và các cặp chấm cao cho nhau', querystring: z.object({ month: ZMonth.optional() }) } }, async (request) => {
    const ctx = ctxOf(request);
    const prefix = requirePermission(ctx.actor, 'evaluation.read');
    const month = request.query.month ?? lastCompleteMonth(ctx.now);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const months = [0, 1, 2].map((k) => {
      const d = new Date(Date.UTC(y, m - 1 - k, 1));
      return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    });
    const [units, pairs] = await Promise.all([findFlatUnits(db, month, prefix), findMutualInflation(db, months, prefix)]);
    const names = pairs.length ? await db.selectFrom('officials').select(['id', 'full_name']).where('id', 'in', pairs.flatMap((p) => [p.a, p.b])).execute() : [];
    const name = (id: string) => names.find((n) => n.id === id)?.full_name ?? id;
    return {
      month,
      units: units.map((u) => ({ ...u, reasonLabels: u.reasons.map((x) => FLAT_REASON_VI[x]) })),
      mutualPairs: pairs.map((p) => ({ a: { id: p.a, fullName: name(p.a) }, b: { id: p.b, fullName: name(p.b) }, months: p.months })),
    };
  });
}
