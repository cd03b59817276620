import { z } from 'zod';

// NUL cannot be stored in PostgreSQL text; other C0 controls have no place in a typed field.
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const noControl = (s: string) => !CONTROL.test(s);
const CONTROL_MESSAGE = 'Có ký tự điều khiển không hợp lệ.';

/** Text a person typed: NFC, trimmed, inner white space collapsed. */
export const zText = (max = 500) =>
  z
    .string()
    .refine(noControl, CONTROL_MESSAGE)
    .transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1).max(max));

export const zOptionalText = (max = 500) =>
  z
    .string()
    .refine(noControl, CONTROL_MESSAGE)
    .transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim())
    .pipe(z.string().max(max))
    .transform((s) => (s === '' ? null : s))
    .nullish();

export const zUuid = z.uuid();
export const zDateOnly = z.iso.date();

export const ZPageQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type TProblem = z.infer<typeof ZProblem>;

export const ZIdParams = z.object({ id: zUuid });
export const ZOk = z.object({ ok: z.literal(true) });
