import { z } from 'zod';

/** Text a person typed: NFC, trimmed, inner white space collapsed. */
export const zText = (max = 500) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1).max(max));

export const zOptionalText = (max = 500) =>
  z
    .string()
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
