import { z } from 'zod';
import { DOSSIER_STATUSES } from '../../domain/dossiers/status.ts';
import { zOptionalText, zText } from './common.ts';

export const ZProcessingUnit = z.enum(['working_days', 'working_hours', 'calendar_days']);
export const ZRequiredDocument = z.object({
  name: zText(300),
  originals: z.number().int().min(0).max(20).default(0),
  copies: z.number().int().min(0).max(20).default(1),
});
export const ZCutoff = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('time'), at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ dạng HH:mm.') }),
  z.object({ kind: z.literal('last-working-hours'), hours: z.number().min(0).max(8) }),
]);

export const ZProcedure = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  field: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  processingDays: z.number(),
  processingUnit: ZProcessingUnit,
  feeVnd: z.number(),
  requiredDocuments: z.array(z.object({ name: z.string(), originals: z.number(), copies: z.number() })),
  supplementMode: z.enum(['pause', 'restart']).nullable(),
  cutoff: z.unknown(),
  onlineLevel: z.enum(['partial', 'full']).nullable(),
  active: z.boolean(),
});
export type TProcedure = z.infer<typeof ZProcedure>;

export const ZProcedureListQuery = z.object({
  q: z.string().max(200).optional(),
  unitId: z.uuid().optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

export const ZCreateProcedureRequest = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9.\-_]{1,40}$/, 'Mã thủ tục gồm chữ không dấu, số, dấu chấm, gạch.'),
  name: zText(500),
  field: zText(200),
  unitId: z.uuid(),
  processingDays: z.number().min(0).max(365),
  processingUnit: ZProcessingUnit.default('working_days'),
  feeVnd: z.number().int().min(0).max(1_000_000_000_000).default(0),
  requiredDocuments: z.array(ZRequiredDocument).max(50).default([]),
  supplementMode: z.enum(['pause', 'restart']).nullable().default(null),
  cutoff: ZCutoff.default({ kind: 'none' }),
  onlineLevel: z.enum(['partial', 'full']).nullable().default(null),
});
export type TCreateProcedureRequest = z.infer<typeof ZCreateProcedureRequest>;
export const ZUpdateProcedureRequest = ZCreateProcedureRequest.partial().extend({ active: z.boolean().optional() });
export type TUpdateProcedureRequest = z.infer<typeof ZUpdateProcedureRequest>;

export const ZApplicant = z.object({
  fullName: zText(200),
  idNumber: z.string().trim().regex(/^\d{12}$/, 'Số định danh cá nhân gồm đúng 12 chữ số.'),
  phone: z.string().trim().regex(/^(\+84|0)\d{9,10}$/, 'Số điện thoại không hợp lệ (ví dụ 0912345678).'),
  email: z.email('Email không hợp lệ.').nullish().or(z.literal('').transform(() => null)),
  address: zOptionalText(500),
});

export const ZReceivedDocument = z.object({
  name: zText(300),
  originals: z.number().int().min(0).max(20).default(0),
  copies: z.number().int().min(0).max(20).default(0),
  digitized: z.boolean().default(false),
  reused: z.boolean().default(false),
});

export const ZCreateDossierRequest = z.object({
  procedureId: z.uuid(),
  channel: z.enum(['counter', 'online', 'postal']),
  applicant: ZApplicant,
  documents: z.array(ZReceivedDocument).max(50).optional(),
  note: zOptionalText(1000),
});
export type TCreateDossierRequest = z.infer<typeof ZCreateDossierRequest>;

export const DOSSIER_STATUS_VALUES = DOSSIER_STATUSES;
export const ZDossierStatus = z.enum(DOSSIER_STATUS_VALUES);

export const ZDossierCreated = z.object({
  id: z.string(),
  code: z.string(),
  status: ZDossierStatus,
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
});

export const ZDossierEvent = z.object({
  seq: z.number(),
  at: z.string(),
  type: z.string(),
  label: z.string(),
  status: z.string(),
  actor: z.string().nullable(),
  /** The official's name when the actor is an account (the timeline shows names, not usernames). */
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const ZDossierSummary = z.object({
  id: z.string(),
  code: z.string(),
  procedureName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  applicantName: z.string(),
  channel: z.enum(['counter', 'online', 'postal']),
  status: ZDossierStatus,
  statusCode: z.number(),
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  legalDueAt: z.string().nullable(),
  handlerName: z.string().nullable(),
  timeliness: z.enum(['early', 'on_time', 'late']).nullable(),
  flags: z.array(z.string()),
});
export type TDossierSummary = z.infer<typeof ZDossierSummary>;

export const ZDossier = ZDossierSummary.extend({
  procedureId: z.string(),
  procedureCode: z.string(),
  applicant: z.object({
    fullName: z.string(),
    idNumber: z.string(),
    phone: z.string(),
    email: z.string().nullable(),
    address: z.string().nullable(),
  }),
  handlerId: z.string().nullable(),
  outcome: z.enum(['approved', 'rejected']).nullable(),
  supplementCount: z.number(),
  apologyCount: z.number(),
  visits: z.number(),
  feeVnd: z.number(),
  paidVnd: z.number(),
  finishedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  documents: z.array(z.object({ name: z.string(), originals: z.number(), copies: z.number(), digitized: z.boolean(), reused: z.boolean() })),
  rules: z.record(z.string(), z.unknown()),
  allowedActions: z.array(z.string()),
  files: z.array(z.lazy(() => ZDossierFile)),
  timeline: z.array(ZDossierEvent),
  rating: z.object({ level: z.string(), at: z.string(), comment: z.string().nullable() }).nullable(),
  publicUrl: z.string(),
});
export type TDossier = z.infer<typeof ZDossier>;

export const ZDossierListQuery = z.object({
  q: z.string().max(200).optional(),
  status: z.string().max(200).optional(),
  queue: z.enum(['all', 'mine', 'due_soon', 'overdue', 'awaiting_supplement', 'to_receive', 'to_return', 'flagged']).default('all'),
  unitId: z.uuid().optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  // Drill-down from the metrics (issue 7): the dossiers behind a figure. from/to are inclusive
  // Vietnamese dates applied to the `basis` date (receipt, finishing, rating).
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  basis: z.enum(['received', 'finished', 'rated']).default('received'),
  timeliness: z.enum(['on_time', 'early', 'late']).optional(),
  supplement: z.enum(['1']).optional(),
  channel: z.enum(['counter', 'online', 'postal']).optional(),
  rating: z.enum(['very_satisfied', 'satisfied', 'dissatisfied']).optional(),
  handler: z.enum(['me']).optional(),
});

export const ZDossierActionRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('receive') }),
  z.object({ type: z.literal('refuse_reception'), reasons: z.array(zText(500)).min(1).max(20) }),
  z.object({ type: z.literal('assign'), handlerId: z.uuid() }),
  z.object({ type: z.literal('complete_supplement') }),
  z.object({ type: z.literal('request_payment'), amountVnd: z.number().int().positive().max(1_000_000_000_000) }),
  z.object({ type: z.literal('record_payment'), amountVnd: z.number().int().positive().max(1_000_000_000_000), method: z.enum(['cash', 'transfer', 'online']) }),
  z.object({ type: z.literal('apologize'), newDueAt: z.iso.datetime({ offset: true }), reason: zText(1000) }),
  z.object({ type: z.literal('propose'), outcome: z.enum(['approved', 'rejected']), note: zOptionalText(1000) }),
  z.object({ type: z.literal('decide'), outcome: z.enum(['approved', 'rejected']), reasons: z.array(zText(500)).max(20).optional() }),
  z.object({ type: z.literal('return_result') }),
  z.object({ type: z.literal('withdraw'), reason: zText(1000) }),
  z.object({ type: z.literal('stop'), reason: zText(1000) }),
  z.object({ type: z.literal('close_incomplete') }),
  z.object({ type: z.literal('record_visit'), purpose: zText(300) }),
]);
export type TDossierActionRequest = z.infer<typeof ZDossierActionRequest>;

export const ZSupplementRequest = z.object({
  items: z.array(zText(500)).min(1, 'Phải liệt kê đầy đủ các giấy tờ cần bổ sung.').max(50),
  note: zOptionalText(2000),
});

export const ZPublicDossier = z.object({
  code: z.string(),
  status: ZDossierStatus,
  statusLabel: z.string(),
  statusCode: z.number(),
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  procedure: z.object({ name: z.string(), code: z.string() }),
  unit: z.object({ name: z.string() }),
  applicantName: z.string(),
  timeliness: z.enum(['early', 'on_time', 'late']).nullable(),
  timeline: z.array(z.object({ at: z.string(), type: z.string(), label: z.string(), status: z.string() })),
  supplementItems: z.array(z.string()).nullable(),
  canRate: z.boolean(),
  rating: z.object({ level: z.string(), at: z.string() }).nullable(),
});
export type TPublicDossier = z.infer<typeof ZPublicDossier>;

export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'dissatisfied'] as const;
export const RATING_CRITERIA = ['access', 'procedure', 'official', 'result', 'timeliness'] as const;
export const ZRatingRequest = z
  .object({
    level: z.enum(RATING_LEVELS),
    criteria: z.partialRecord(z.enum(RATING_CRITERIA), z.enum(RATING_LEVELS)).default({}),
    comment: zOptionalText(1000),
    /** The last 4 digits of the applicant's phone: only the applicant can rate. */
    phoneLast4: z.string().regex(/^\d{4}$/, 'Nhập 4 số cuối điện thoại đã đăng ký.'),
  })
  .refine((r) => r.level !== 'dissatisfied' || !!r.comment, { message: 'Vui lòng cho biết lý do chưa hài lòng.', path: ['comment'] });

export const ZDossierFile = z.object({
  id: z.string(),
  kind: z.enum(['component', 'result']),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  digitized: z.boolean(),
  reused: z.boolean(),
  createdAt: z.string(),
});

export const ZAttachFileQuery = z.object({
  kind: z.enum(['component', 'result']),
  name: zText(300),
  digitized: z.enum(['true', 'false']).default('true'),
  reused: z.enum(['true', 'false']).default('false'),
});

export const ZDossierFigures = z.object({
  from: z.string(),
  to: z.string(),
  received: z.number(),
  finished: z.number(),
  early: z.number(),
  onTime: z.number(),
  late: z.number(),
  onTimeRate: z.number().nullable(),
  supplementRate: z.number().nullable(),
  visitsPerDossier: z.number().nullable(),
  openOverdue: z.number(),
  flagged: z.number(),
  ratings: z.object({ verySatisfied: z.number(), satisfied: z.number(), dissatisfied: z.number() }),
  satisfactionRate: z.number().nullable(),
});
export type TDossierFigures = z.infer<typeof ZDossierFigures>;
