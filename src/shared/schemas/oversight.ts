import { z } from 'zod';
import { zOptionalText, zText } from './common.ts';

export const COMPLAINT_KIND_VALUES = ['harassment', 'delay', 'attitude', 'praise', 'other'] as const;

export const ZFileComplaintRequest = z
  .object({
    kind: z.enum(COMPLAINT_KIND_VALUES),
    description: zText(4000).pipe(z.string().min(10, 'Vui lòng mô tả cụ thể (ít nhất 10 ký tự).')),
    unitId: z.uuid().nullish(),
    officialName: zOptionalText(200),
    dossierCode: z.string().trim().max(60).nullish(),
    anonymous: z.boolean().default(false),
    contact: z
      .object({
        name: zOptionalText(200),
        phone: z.string().trim().regex(/^(\+84|0)\d{9,10}$/, 'Số điện thoại không hợp lệ.').nullish().or(z.literal('').transform(() => null)),
        email: z.email('Email không hợp lệ.').nullish().or(z.literal('').transform(() => null)),
      })
      .nullish(),
  })
  .refine((c) => c.anonymous || !!(c.contact?.phone || c.contact?.email), {
    message: 'Để nhận trả lời, để lại số điện thoại hoặc email — hoặc chọn gửi ẩn danh.',
    path: ['contact'],
  });
export type TFileComplaintRequest = z.infer<typeof ZFileComplaintRequest>;

export const ZPublicComplaint = z.object({
  trackingCode: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  unitName: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  createdAt: z.string(),
  responseDueAt: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  outcome: z.string().nullable(),
});

export const ZComplaint = ZPublicComplaint.extend({
  id: z.string(),
  description: z.string(),
  unitId: z.string().nullable(),
  officialName: z.string().nullable(),
  officialId: z.string().nullable(),
  dossierCode: z.string().nullable(),
  anonymous: z.boolean(),
  contact: z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }).nullable(),
  source: z.string(),
  assignedOfficialId: z.string().nullable(),
  violationId: z.string().nullable(),
  overdue: z.boolean(),
});

export const ZAnswerComplaintRequest = z.object({
  answer: zText(5000),
  outcome: z.enum(['upheld', 'not_upheld']),
  violation: z.object({ ruleId: z.uuid(), severity: z.enum(['minor', 'moderate', 'serious']), officialId: z.uuid().nullish() }).nullish(),
});

export const ZRuleRequest = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9.\-_]{1,40}$/, 'Mã quy tắc gồm chữ không dấu, số, dấu chấm, gạch.'),
  category: z.enum(['code_of_conduct', 'three_no', 'three_against', 'communication', 'other']),
  title: zText(500),
  body: zText(10000),
  effectiveFrom: z.iso.date(),
});

export const ZCreateInspectionRequest = z.object({
  title: zText(300),
  surprise: z.boolean(),
  planId: z.uuid().nullish(),
  leadId: z.uuid(),
  teamIds: z.array(z.uuid()).max(20).default([]),
  targetUnitIds: z.array(z.uuid()).min(1).max(50),
  targetOfficialIds: z.array(z.uuid()).max(50).default([]),
  ruleIds: z.array(z.uuid()).min(1, 'Danh mục kiểm tra cần ít nhất một quy tắc.').max(100),
  scheduledAt: z.iso.datetime({ offset: true }),
});

export const ZViolationInput = z.object({
  unitId: z.uuid(),
  officialId: z.uuid().nullish(),
  ruleId: z.uuid(),
  severity: z.enum(['minor', 'moderate', 'serious']),
  description: zText(5000),
});

export const ZInspectionTransition = z.object({
  action: z.enum(['start', 'sign_off', 'conclude', 'cancel']),
  conclusion: zOptionalText(20000),
  violations: z.array(ZViolationInput).max(50).optional(),
});

export const ZAnswerItemRequest = z.object({
  targetUnitId: z.uuid(),
  itemIndex: z.number().int().min(0).max(99),
  result: z.enum(['pass', 'fail', 'na']),
  note: zOptionalText(5000),
  photoIds: z.array(z.uuid()).max(20).optional(),
});
