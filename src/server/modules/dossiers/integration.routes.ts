import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZProblem } from '../../../shared/schemas/common.ts';
import type { AppDeps } from '../../app-deps.ts';
import { ctxOf } from '../../http/context.ts';
import { ZDossierEventsRequest, ZDossierImportSummary, ZIdempotencyHeaders } from './dossier-import-schema.ts';
import { importDossierEvents } from './dossier-import.service.ts';

/** A batch of 1000 events with long reasons stays well under this. */
const BODY_LIMIT = 8 * 1024 * 1024;

/** Integrations with existing one-stop systems: API tokens and an Idempotency-Key on every write (DESIGN.md). */
export async function integrationRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/integrations/dossier-events',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['integrations'],
        summary: 'Nhập sự kiện hồ sơ từ hệ thống một cửa khác (khóa API, Idempotency-Key bắt buộc)',
        description:
          'Mỗi phần tử của events là một sự kiện của một hồ sơ, cùng các khóa với tệp JSON Lines (docs/import.md). ' +
          'Sự kiện của mỗi hồ sơ được phát lại theo thời gian qua đúng quy tắc của hệ thống; hồ sơ vi phạm quy tắc được báo lỗi (errors[].line = thứ tự sự kiện, từ 1) và không được lưu, các hồ sơ khác vẫn được nhập. ' +
          'Gửi lại cùng Idempotency-Key và cùng nội dung: nhận lại đúng phản hồi cũ, không thay đổi gì (header Idempotent-Replayed: true); cùng khóa, nội dung khác: 422 IDEMPOTENCY_KEY_REUSED. ' +
          'Chỉ nhận khóa API (Authorization: Bearer …); phiên đăng nhập trình duyệt bị từ chối (403 API_TOKEN_REQUIRED).',
        security: [{ apiToken: [] }],
        headers: ZIdempotencyHeaders,
        body: ZDossierEventsRequest,
        response: { 200: ZDossierImportSummary, 403: ZProblem, 422: ZProblem },
      },
    },
    async (request, reply) => {
      const result = await importDossierEvents(deps.db, ctxOf(request), request.headers['idempotency-key'], request.body);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status as 200).send(result.body);
    },
  );
}
