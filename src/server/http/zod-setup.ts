import { z } from 'zod';

// Validation messages in Vietnamese; a missing field gets a plain sentence instead of a type name.
z.config(z.locales.vi());
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined) return 'Trường này là bắt buộc.';
    if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) return 'Không được để trống.';
    return undefined;
  },
});
