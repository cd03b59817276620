import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParams, zText } from '../../../shared/schemas/common.ts';
import {
  ZCommitment,
  ZCreateCommitmentRequest,
  ZCreateTaskRequest,
  ZEvaluateCommitmentRequest,
  ZQuotaRow,
  ZTask,
  ZTaskActionRequest,
  ZTaskFigures,
  ZTaskListQuery,
  ZTaskSummary,
} from '../../../shared/schemas/tasks.ts';
import type { AppDeps } from '../../app-deps.ts';
import { ctxOf } from '../../http/context.ts';
import { AppError } from '../../http/problem.ts';
import * as commitments from './commitment.service.ts';
import { MAX_EVIDENCE_BYTES, attachTaskFile, readTaskFile } from './task-files.service.ts';
import * as tasks from './task.service.ts';

const ZYear = z.coerce.number().int().min(2020).max(2100);

export async function taskRoutes(app: FastifyInstance, { db, storage }: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Giao nhiệm vụ "5 rõ" — thiếu "rõ" nào: 422 FIVE_CLEAR_MISSING, mỗi "rõ" một dòng errors[]',
        body: ZCreateTaskRequest,
        response: { 201: ZTask },
      },
    },
    async (request, reply) => reply.code(201).send(await tasks.createTask(db, ctxOf(request), request.body)),
  );
  r.get(
    '/api/v1/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Nhiệm vụ: view = mine (của tôi), unit (đơn vị), assigned (tôi giao/chịu trách nhiệm), bounced (đẩy việc), all',
        querystring: ZTaskListQuery,
        response: { 200: z.object({ items: z.array(ZTaskSummary), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => tasks.listTasks(db, ctxOf(request), request.query),
  );
  r.get(
    '/api/v1/tasks/figures',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Tỷ lệ hoàn thành đúng hạn so với mục tiêu 100% (đúng hạn, gia hạn, trễ tính riêng)',
        querystring: z.object({ unitId: z.uuid().optional(), from: z.iso.date(), to: z.iso.date() }),
        response: { 200: ZTaskFigures },
      },
    },
    async (request) => tasks.taskFigures(db, ctxOf(request), request.query),
  );
  r.get(
    '/api/v1/tasks/:id',
    { schema: { tags: ['tasks'], summary: 'Nhiệm vụ với dòng thời gian, minh chứng, thao tác được phép', params: ZIdParams, response: { 200: ZTask } } },
    async (request) => tasks.getTask(db, ctxOf(request), request.params.id),
  );
  r.post(
    '/api/v1/tasks/:id/actions',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Báo cáo tiến độ, hoàn thành, nghiệm thu/trả lại, gia hạn, chuyển giao (có lý do), hủy',
        params: ZIdParams,
        body: ZTaskActionRequest,
        response: { 200: ZTask },
      },
    },
    async (request) => tasks.actOnTask(db, ctxOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/v1/tasks/:id/files',
    {
      bodyLimit: MAX_EVIDENCE_BYTES,
      schema: {
        tags: ['tasks'],
        summary: 'Nộp minh chứng (PDF, JPEG, PNG ≤ 20 MB; nội dung tệp là thân yêu cầu)',
        params: ZIdParams,
        querystring: z.object({ name: zText(300) }),
        response: { 201: z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number(), createdAt: z.string() }) },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError(415, 'UNSUPPORTED_FILE_TYPE', 'Gửi nội dung tệp PDF, JPEG hoặc PNG làm thân yêu cầu.');
      return reply.code(201).send(await attachTaskFile(db, storage, ctxOf(request), request.params.id, request.query.name.normalize('NFC'), request.body));
    },
  );
  r.get(
    '/api/v1/tasks/:id/files/:fileId',
    { schema: { tags: ['tasks'], summary: 'Tải minh chứng', params: ZIdParams.extend({ fileId: z.uuid() }) } },
    async (request, reply) => {
      const { file, data } = await readTaskFile(db, storage, ctxOf(request), request.params.id, request.params.fileId);
      return reply.type(file.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`).header('x-content-type-options', 'nosniff').send(data);
    },
  );

  r.get(
    '/api/v1/commitments',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Cam kết "việc làm theo Bác" và "việc khó" của năm',
        querystring: z.object({ year: ZYear, unitId: z.uuid().optional(), kind: z.enum(['follow_uncle_ho', 'hard_task']).optional() }),
        response: { 200: z.object({ items: z.array(ZCommitment) }) },
      },
    },
    async (request) => commitments.listCommitments(db, ctxOf(request), request.query),
  );
  r.post(
    '/api/v1/commitments',
    { schema: { tags: ['tasks'], summary: 'Đăng ký cam kết', body: ZCreateCommitmentRequest, response: { 201: ZCommitment } } },
    async (request, reply) => reply.code(201).send(await commitments.createCommitment(db, ctxOf(request), request.body)),
  );
  r.post(
    '/api/v1/commitments/:id/evaluation',
    { schema: { tags: ['tasks'], summary: 'Đánh giá cuối năm: hoàn thành / một phần / không hoàn thành', params: ZIdParams, body: ZEvaluateCommitmentRequest, response: { 200: ZCommitment } } },
    async (request) => commitments.evaluateCommitment(db, ctxOf(request), request.params.id, request.body),
  );
  r.get(
    '/api/v1/commitments/hard-task-quotas',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Định mức "việc khó": Ủy viên Ban Thường vụ ≥ 3, Ủy viên Ban Chấp hành ≥ 2, người đứng đầu ≥ 1',
        querystring: z.object({ year: ZYear, unitId: z.uuid().optional() }),
        response: { 200: z.object({ year: z.number(), belowQuota: z.number(), items: z.array(ZQuotaRow) }) },
      },
    },
    async (request) => commitments.hardTaskQuotas(db, ctxOf(request), request.query),
  );
}
