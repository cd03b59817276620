import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZUnitPeriodQuery } from '../../../../shared/schemas/metrics.ts';
import type { AppDeps } from '../../../app-deps.ts';
import { ctxOf } from '../../../http/context.ts';
import { type ReportFile, archivedReportFile, buildReportFile, listReports } from './reports.service.ts';

const tags = ['metrics'];

// The contract's period query plus the format; the contract's own checks (at by period, custom
// from/to) are reused by parsing with its schema, so their messages and field paths stay the same.
const ZReportFileQuery = z.object({ ...ZUnitPeriodQuery.shape, format: z.enum(['xlsx', 'pdf']).default('xlsx') }).superRefine((q, ctx) => {
  const { format: _format, ...period } = q;
  const checked = ZUnitPeriodQuery.safeParse(period);
  if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

const ZArchivedReport = z.object({
  id: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string(),
  periodKind: z.enum(['month', 'quarter', 'year']),
  periodKey: z.string(),
  periodLabel: z.string(),
  format: z.enum(['xlsx', 'pdf']),
  size: z.number(),
  createdAt: z.string(),
});

/** Sends a file as a download: an ASCII name for old clients, the Vietnamese one (RFC 6266 / 5987) for the rest. */
function sendFile(reply: FastifyReply, file: ReportFile) {
  return reply
    .type(file.mime)
    .header('content-disposition', `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.data);
}

export async function reportRoutes(app: FastifyInstance, { db, readDb, storage }: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/metrics/reports/file',
    { schema: { tags, summary: 'Tải báo cáo số liệu (XLSX hoặc PDF) của một đơn vị hoặc toàn tỉnh theo tháng, quý, năm', querystring: ZReportFileQuery } },
    async (request, reply) => sendFile(reply, await buildReportFile(readDb, ctxOf(request), request.query)),
  );
  r.get(
    '/api/v1/metrics/reports',
    { schema: { tags, summary: 'Kho báo cáo tháng lập tự động (toàn tỉnh và từng cơ quan, xã/phường) trong phạm vi được xem', response: { 200: z.object({ items: z.array(ZArchivedReport) }) } } },
    async (request) => listReports(readDb, ctxOf(request)),
  );
  r.get(
    '/api/v1/metrics/reports/archive/:id',
    { schema: { tags, summary: 'Tải một báo cáo trong kho', params: z.object({ id: z.uuid() }) } },
    async (request, reply) => sendFile(reply, await archivedReportFile(db, storage, ctxOf(request), request.params.id)),
  );
}
