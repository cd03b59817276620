import { z } from 'zod';
import { zDateOnly, zOptionalText, zText } from './common.ts';

export const UNIT_KINDS = ['province', 'department', 'commune', 'division', 'center', 'other'] as const;
export const ZUnitKind = z.enum(UNIT_KINDS);
export const GENDERS = ['male', 'female'] as const;
export const EMPLOYMENT_TYPES = ['cong_chuc', 'vien_chuc', 'hop_dong'] as const;
export const PARTY_ROLES = ['standing_committee', 'committee', 'member', 'none'] as const;

export const ZUnit = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  code: z.string(),
  adminCode: z.string().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: ZUnitKind,
  depth: z.number(),
  active: z.boolean(),
  officialCount: z.number().optional(),
});
export type TUnit = z.infer<typeof ZUnit>;

export const ZUnitList = z.object({ items: z.array(ZUnit) });

export const ZUnitListQuery = z.object({
  q: z.string().max(200).optional(),
  parentId: z.uuid().optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

const unitCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,40}$/, 'Mã đơn vị gồm 1–40 ký tự: chữ không dấu, số, dấu chấm, gạch.');

export const ZCreateUnitRequest = z.object({
  parentId: z.uuid(),
  code: unitCode,
  adminCode: zOptionalText(40),
  name: zText(300),
  shortName: zOptionalText(100),
  kind: ZUnitKind.exclude(['province']),
  sortOrder: z.number().int().min(0).max(100000).optional(),
});
export type TCreateUnitRequest = z.infer<typeof ZCreateUnitRequest>;

export const ZUpdateUnitRequest = z.object({
  parentId: z.uuid().optional(),
  code: unitCode.optional(),
  adminCode: zOptionalText(40),
  name: zText(300).optional(),
  shortName: zOptionalText(100),
  kind: ZUnitKind.exclude(['province']).optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  active: z.boolean().optional(),
});
export type TUpdateUnitRequest = z.infer<typeof ZUpdateUnitRequest>;

export const ZCompetency = z.object({ name: zText(200), level: z.number().int().min(1).max(5) });

export const ZPosition = z.object({
  id: z.string(),
  unitId: z.string(),
  code: z.string().nullable(),
  title: z.string(),
  jobDescription: z.string(),
  competencies: z.array(z.object({ name: z.string(), level: z.number() })),
  active: z.boolean(),
});
export type TPosition = z.infer<typeof ZPosition>;

export const ZCreatePositionRequest = z.object({
  unitId: z.uuid(),
  code: zOptionalText(40),
  title: zText(200),
  jobDescription: z.string().max(20000).default(''),
  competencies: z.array(ZCompetency).max(50).default([]),
});
// Partial updates must not fall back to the create defaults: a field left out stays as it is.
export const ZUpdatePositionRequest = ZCreatePositionRequest.omit({ unitId: true })
  .partial()
  .extend({
    jobDescription: z.string().max(20000).optional(),
    competencies: z.array(ZCompetency).max(50).optional(),
    active: z.boolean().optional(),
  });

export const ZOfficialSummary = z.object({
  id: z.string(),
  fullName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  positionTitle: z.string().nullable(),
  rank: z.string().nullable(),
  isHead: z.boolean(),
  partyRole: z.enum(PARTY_ROLES),
  active: z.boolean(),
});
export type TOfficialSummary = z.infer<typeof ZOfficialSummary>;

export const ZOfficialList = z.object({ items: z.array(ZOfficialSummary), nextCursor: z.string().nullable() });

export const ZOfficialListQuery = z.object({
  q: z.string().max(200).optional(),
  unitId: z.uuid().optional(),
  /** With unitId: only the unit's own officials, not those of its sub-units. */
  direct: z.enum(['true', 'false']).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZOfficial = ZOfficialSummary.extend({
  positionId: z.string().nullable(),
  idNumber: z.string(),
  gender: z.enum(GENDERS).nullable(),
  birthDate: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  employmentType: z.enum(EMPLOYMENT_TYPES),
  startedOn: z.string().nullable(),
});
export type TOfficial = z.infer<typeof ZOfficial>;

const phone = z
  .string()
  .trim()
  .regex(/^(\+84|0)\d{9,10}$/, 'Số điện thoại không hợp lệ (ví dụ 0912345678).');

export const ZOfficialFields = z.object({
  unitId: z.uuid(),
  positionId: z.uuid().nullish(),
  fullName: zText(200),
  idNumber: z.string().trim(),
  gender: z.enum(GENDERS).nullish(),
  birthDate: zDateOnly.nullish(),
  email: z.email('Email không hợp lệ.').nullish().or(z.literal('').transform(() => null)),
  phone: phone.nullish().or(z.literal('').transform(() => null)),
  rank: zOptionalText(100),
  employmentType: z.enum(EMPLOYMENT_TYPES).default('cong_chuc'),
  partyRole: z.enum(PARTY_ROLES).default('none'),
  isHead: z.boolean().default(false),
  startedOn: zDateOnly.nullish(),
});
export const ZCreateOfficialRequest = ZOfficialFields;
export type TCreateOfficialRequest = z.infer<typeof ZCreateOfficialRequest>;
export const ZUpdateOfficialRequest = ZOfficialFields.partial().extend({
  employmentType: z.enum(EMPLOYMENT_TYPES).optional(),
  partyRole: z.enum(PARTY_ROLES).optional(),
  isHead: z.boolean().optional(),
  active: z.boolean().optional(),
});
export type TUpdateOfficialRequest = z.infer<typeof ZUpdateOfficialRequest>;

export const ZImportReport = z.object({
  dryRun: z.boolean(),
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  errors: z.array(z.object({ line: z.number(), field: z.string().nullable(), message: z.string() })),
});
export type TImportReport = z.infer<typeof ZImportReport>;
