import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import { ApiError } from '../api/client.ts';
import type { TFunction } from '../i18n/i18n.tsx';

/**
 * Per-parse messages for zod's generic rules, in the current language. Messages written in the
 * shared schemas (e.g. the phone or username rules) take precedence over these.
 */
export function formErrorMap(t: TFunction) {
  return (iss: z.core.$ZodRawIssue): string | undefined => {
    const empty = iss.input === undefined || iss.input === null || iss.input === '';
    switch (iss.code) {
      case 'invalid_type':
        return empty ? t('common.required') : t('common.invalid');
      case 'invalid_value':
      case 'invalid_union':
        return empty ? t('common.requiredChoose') : t('common.invalid');
      case 'too_small':
        if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? t('common.required') : t('common.tooShort', { min: Number(iss.minimum) });
        if (iss.origin === 'array') return t('common.requiredChoose');
        return t('common.invalid');
      case 'too_big':
        if (iss.origin === 'string') return t('common.tooLong', { max: Number(iss.maximum) });
        return t('common.invalid');
      case 'invalid_format':
        return empty ? t('common.required') : t('common.invalid');
      default:
        return undefined;
    }
  };
}

/** "body.fullName", "/fullName", "competencies/0/name" → "fullName", "competencies.0.name". */
export function normalizeFieldPath(field: string): string {
  return field
    .replace(/^\/+/, '')
    .replace(/^body[./]/, '')
    .replace(/\//g, '.')
    .replace(/\[(\d+)\]/g, '.$1');
}

/**
 * Puts the server's field errors (problem+json `errors[]`) onto the form. Returns the messages
 * that matched no field of the form, to be shown above it.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
): string[] {
  if (!(error instanceof ApiError)) return [];
  const leftover: string[] = [];
  let focused = false;
  for (const { field, message } of error.fieldErrors) {
    const path = normalizeFieldPath(field);
    const root = path.split('.')[0] ?? '';
    if (fields.includes(path) || fields.includes(root)) {
      setError((fields.includes(path) ? path : root) as Path<T>, { type: 'server', message }, { shouldFocus: !focused });
      focused = true;
    } else {
      leftover.push(message);
    }
  }
  return leftover;
}
