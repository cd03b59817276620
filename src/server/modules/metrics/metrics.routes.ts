import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { invalid } from '../../http/problem.ts';
import { unitRanking } from './metrics.service.ts';

const ZPeriod = z.object({ from: z.iso.date(), to: z.iso.date() });

export async function metricsRoutes(app: FastifyInstance, { db }: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The public metrics API: per agency and commune, the figures and the 766-style index, no personal
  // data, so a higher level can consume a province's figures instead of its raw data.
  r.get(
    '/api/v1/public/metrics/units',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags: ['public'], summary: 'Số liệu công khai theo cơ quan, xã/phường: đúng hạn, hài lòng, chỉ số 766 (thành phần đo được), xếp hạng', querystring: ZPeriod },
    },
    async (request, reply) => {
      if (request.query.from > request.query.to) throw invalid([{ field: 'to', message: 'Ngày kết thúc phải không trước ngày bắt đầu.' }]);
      reply.header('cache-control', 'public, max-age=60');
      return unitRanking(db, request.query);
    },
  );
}
