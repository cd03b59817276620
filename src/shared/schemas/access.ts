import { z } from 'zod';

export const ROLES = ['admin', 'leader', 'unit_head', 'officer', 'counter_officer', 'inspector'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const ZLoginRequest = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZUnitRef = z.object({ id: z.string(), name: z.string() });

export const ZMe = z.object({
  username: z.string(),
  displayName: z.string(),
  roles: z.array(ZRole),
  unit: ZUnitRef,
  officialId: z.string().nullable(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZLoginResponse = ZMe.extend({ csrfToken: z.string() });
export type TLoginResponse = z.infer<typeof ZLoginResponse>;

export const ZAccount = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(ZRole),
  unit: ZUnitRef,
  officialId: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type TAccount = z.infer<typeof ZAccount>;

export const ZCreateAccountRequest = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9._-]{3,50}$/, 'Tên đăng nhập gồm 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch.'),
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(10, 'Mật khẩu cần ít nhất 10 ký tự.').max(200),
  unitId: z.uuid(),
  roles: z.array(ZRole).min(1),
  officialId: z.uuid().nullish(),
});
export type TCreateAccountRequest = z.infer<typeof ZCreateAccountRequest>;

export const ZUpdateAccountRequest = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  password: z.string().min(10, 'Mật khẩu cần ít nhất 10 ký tự.').max(200).optional(),
  unitId: z.uuid().optional(),
  roles: z.array(ZRole).min(1).optional(),
  active: z.boolean().optional(),
  unlock: z.literal(true).optional(),
  /** Links the account to an official's record, or unlinks it with null. */
  officialId: z.uuid().nullable().optional(),
});
export type TUpdateAccountRequest = z.infer<typeof ZUpdateAccountRequest>;

export const ZApiToken = z.object({
  id: z.string(),
  name: z.string(),
  account: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const ZCreateApiTokenRequest = z.object({
  name: z.string().trim().min(1).max(100),
  accountId: z.uuid(),
});
export const ZCreateApiTokenResponse = ZApiToken.extend({ token: z.string() });

export const ZAuditEntry = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
