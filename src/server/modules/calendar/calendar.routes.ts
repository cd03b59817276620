import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { ctxOf } from '../../http/context.ts';
import { describeYear, dueAfterWorkingDays, loadWorkingCalendar, saveAnnouncement } from './calendar.service.ts';

const ZYearParams = z.object({ year: z.coerce.number().int().min(1968).max(2100) });
const ZCalendarYear = z.object({
  year: z.number(),
  workingDays: z.number(),
  specialDays: z.array(z.object({ date: z.string(), kind: z.string(), name: z.string().optional() })),
  announcement: z.unknown(),
  source: z.string(),
  sources: z.array(z.string()),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

export async function calendarRoutes(app: FastifyInstance, { db }: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/calendar/:year',
    { schema: { tags: ['calendar'], summary: 'Lịch làm việc của năm: ngày nghỉ lễ, nghỉ bù, hoán đổi', params: ZYearParams, response: { 200: ZCalendarYear } } },
    async (request) => {
      ctxOf(request);
      return describeYear(db, request.params.year);
    },
  );
  r.put(
    '/api/v1/calendar/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Nhập thông báo lịch nghỉ của năm (quản trị)',
        params: ZYearParams,
        body: z.record(z.string(), z.unknown()),
        response: { 200: ZCalendarYear },
      },
    },
    async (request) => saveAnnouncement(db, ctxOf(request), request.params.year, request.body),
  );
  r.get(
    '/api/v1/calendar/due',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Tính ngày hẹn trả: N ngày làm việc kể từ lúc tiếp nhận',
        querystring: z.object({ received: z.iso.datetime({ offset: true }), days: z.coerce.number().int().min(0).max(365) }),
        response: { 200: z.object({ dueAt: z.string() }) },
      },
    },
    async (request) => {
      ctxOf(request);
      const calendar = await loadWorkingCalendar(db);
      return { dueAt: dueAfterWorkingDays(calendar, new Date(request.query.received), request.query.days) };
    },
  );
}
