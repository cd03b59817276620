/** Where log lines go instead of stdout (tests capture them here). */
export interface LogStream {
  write(line: string): void;
}

/** Fields that carry secrets or personal data, masked if a log call ever passes them. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-csrf-token"]',
  // Request bodies and a citizen's record, whole.
  'body',
  '*.body',
  'applicant',
  '*.applicant',
  'contact',
  '*.contact',
  ...['password', 'token', 'csrfToken', 'idNumber', 'phone', 'email', 'fullName', 'address'].flatMap((key) => [key, `*.${key}`]),
];

/** The request log: method and path only (query strings may carry names or codes a citizen typed). */
export function loggerOptions(level: string, stream?: LogStream) {
  return {
    level,
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
    },
    redact: { paths: REDACT, censor: '[ẩn]' },
    ...(stream ? { stream } : {}),
  };
}
