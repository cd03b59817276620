/**
 * "5 rõ" (Chỉ thị 24-CT/TU): rõ người, rõ việc, rõ tiến độ, rõ kết quả, rõ trách nhiệm — and the
 * Government's sixth, rõ thẩm quyền (legal-facts §1.10), required where the unit's settings say so.
 * A task cannot exist without them; each missing one is named by its field.
 */
export const FIVE_CLEAR = [
  { field: 'ownerId', clear: 'rõ người', message: 'Rõ người: phải giao cho một cán bộ cụ thể.' },
  { field: 'description', clear: 'rõ việc', message: 'Rõ việc: phải mô tả cụ thể việc cần làm.' },
  { field: 'dueAt', clear: 'rõ tiến độ', message: 'Rõ tiến độ: phải có thời hạn hoàn thành.' },
  { field: 'expectedResult', clear: 'rõ kết quả', message: 'Rõ kết quả: phải nêu sản phẩm, kết quả kiểm chứng được.' },
  { field: 'accountableId', clear: 'rõ trách nhiệm', message: 'Rõ trách nhiệm: phải có lãnh đạo chịu trách nhiệm.' },
] as const;

export const AUTHORITY_CLEAR = { field: 'authority', clear: 'rõ thẩm quyền', message: 'Rõ thẩm quyền: phải nêu căn cứ, thẩm quyền quyết định.' } as const;

export interface FiveClearInput {
  ownerId?: string | null;
  description?: string | null;
  dueAt?: string | Date | null;
  expectedResult?: string | null;
  accountableId?: string | null;
  authority?: string | null;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The missing "rõ", in the order of the formula; empty when the task is clear. */
export function missingClears(input: FiveClearInput, opts: { authorityRequired: boolean }): { field: string; message: string }[] {
  const missing: { field: string; message: string }[] = FIVE_CLEAR.filter((c) => blank(input[c.field])).map((c) => ({ field: c.field, message: c.message }));
  if (opts.authorityRequired && blank(input.authority)) missing.push({ field: AUTHORITY_CLEAR.field, message: AUTHORITY_CLEAR.message });
  return missing;
}
