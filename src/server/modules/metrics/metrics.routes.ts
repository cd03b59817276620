import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZHeadsRanking,
  ZMetricsOverview,
  ZMyFigures,
  ZPeriodQuery,
  ZPortal,
  ZTrendQuery,
  ZTrendResponse,
  ZUnitPeriodQuery,
  ZUnitTree,
} from '../../../shared/schemas/metrics.ts';
import type { AppDeps } from '../../app-deps.ts';
import { ctxOf } from '../../http/context.ts';
import { invalid } from '../../http/problem.ts';
import { headsRanking, myFigures, overview, portal, trend, unitRanking, unitTree } from './metrics.service.ts';

const ZPeriod = z.object({ from: z.iso.date(), to: z.iso.date() });
const tags = ['metrics'];

export async function metricsRoutes(app: FastifyInstance, { readDb }: AppDeps) {
  // Every route here only reads: it may be served by the read replica (DATABASE_READ_URL).
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Dashboards: figures from the daily rollups, scoped by 'metrics.read' (another unit's id: 404).
  r.get(
    '/api/v1/metrics/overview',
    { schema: { tags, summary: 'Số liệu của đơn vị (mặc định: phạm vi của người xem) theo kỳ, so với kỳ trước, xếp hạng đơn vị trực thuộc, liên kết tới hồ sơ', querystring: ZUnitPeriodQuery, response: { 200: ZMetricsOverview } } },
    async (request) => overview(readDb, ctxOf(request), request.query),
  );
  r.get(
    '/api/v1/metrics/trend',
    { schema: { tags, summary: 'Diễn biến theo tháng: hồ sơ tiếp nhận, tỷ lệ đúng hạn, hài lòng, chỉ số 766, nhiệm vụ đúng hạn', querystring: ZTrendQuery, response: { 200: ZTrendResponse } } },
    async (request) => trend(readDb, ctxOf(request), request.query),
  );
  r.get(
    '/api/v1/metrics/heads',
    { schema: { tags, summary: 'Xếp hạng người đứng đầu đơn vị theo kết quả đơn vị và điểm đánh giá của chính mình, có xu hướng', querystring: ZPeriodQuery, response: { 200: ZHeadsRanking } } },
    async (request) => headsRanking(readDb, ctxOf(request), request.query),
  );
  r.get(
    '/api/v1/metrics/tree',
    { schema: { tags, summary: 'Cây đơn vị trong phạm vi với số hồ sơ và tỷ lệ đúng hạn của từng nhánh', querystring: ZPeriodQuery, response: { 200: ZUnitTree } } },
    async (request) => unitTree(readDb, ctxOf(request), request.query),
  );
  r.get(
    '/api/v1/metrics/me',
    { schema: { tags, summary: 'Số liệu của chính cán bộ: hồ sơ đã giải quyết, nhiệm vụ, điểm đánh giá từng tháng', querystring: ZPeriodQuery, response: { 200: ZMyFigures } } },
    async (request) => myFigures(readDb, ctxOf(request), request.query),
  );

  // The public metrics API: per agency and commune, the figures and the 766-style index, no personal
  // data, so a higher level can consume a province's figures instead of its raw data.
  r.get(
    '/api/v1/public/metrics/portal',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags: ['public'], summary: 'Cổng công khai: số liệu toàn tỉnh, xếp hạng cơ quan và xã/phường theo kỳ (không có dữ liệu cá nhân)', querystring: ZPeriodQuery, response: { 200: ZPortal } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return portal(readDb, request.query);
    },
  );
  r.get(
    '/api/v1/public/metrics/units',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags: ['public'], summary: 'Số liệu công khai theo cơ quan, xã/phường: đúng hạn, hài lòng, chỉ số 766 (thành phần đo được), xếp hạng', querystring: ZPeriod },
    },
    async (request, reply) => {
      if (request.query.from > request.query.to) throw invalid([{ field: 'to', message: 'Ngày kết thúc phải không trước ngày bắt đầu.' }]);
      reply.header('cache-control', 'public, max-age=60');
      return unitRanking(readDb, request.query);
    },
  );
}
