import type { LightMyRequestResponse } from 'fastify';
import { RAW_MARKUP } from './nasty-strings.ts';

/** A letter only Vietnamese writes (a vowel with a tone or hat, or đ): the text is not English or a bare code. */
const VIETNAMESE_LETTER = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
/** Traces of internals a client must never see: stack frames, source paths, SQL error texts. */
const LEAKS = /root:x:0:0|"devDependencies"|node_modules|\.ts:\d+|\n\s+at [\w.<>]+ \(|syntax error at or near|violates (?:foreign key|unique|not-null|check) constraint|invalid input syntax for|duplicate key value|relation "\w+" does not exist|ZodError|TypeError|ReferenceError/;

const isJson = (type: string) => /^application\/(?:problem\+)?json\b/.test(type);

/**
 * What every response must satisfy, whatever was sent: no 5xx; a 4xx is problem+json with a
 * Vietnamese title and detail (Open311 routes answer in the spec's own error format, also in
 * Vietnamese); no internals leak; raw markup comes back only inside JSON, never in HTML, XML,
 * CSV or other rendered output, and never sniffable. Returns the broken rules, empty when none.
 */
export function responseProblems(url: string, res: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const type = String(res.headers['content-type'] ?? '');
  const body = res.body;
  if (res.statusCode >= 500) problems.push(`status ${res.statusCode}`);
  if (res.statusCode >= 400) {
    const open311 = url.startsWith('/open311/') && !type.startsWith('application/problem+json');
    if (open311) {
      if (!/<description>|"description"/.test(body) || !VIETNAMESE_LETTER.test(body)) problems.push(`Open311 error without a Vietnamese description: ${body.slice(0, 200)}`);
    } else if (!type.startsWith('application/problem+json')) {
      problems.push(`${res.statusCode} answered as "${type}", not application/problem+json`);
    } else {
      const p = safeJson(body) as { title?: unknown; detail?: unknown; status?: unknown; code?: unknown; errors?: { field?: unknown; message?: unknown }[] } | undefined;
      if (!p || typeof p.title !== 'string' || typeof p.detail !== 'string' || !VIETNAMESE_LETTER.test(p.title) || !VIETNAMESE_LETTER.test(p.detail)) {
        problems.push(`problem without a Vietnamese title and detail: ${body.slice(0, 300)}`);
      } else if (p.status !== res.statusCode || typeof p.code !== 'string') {
        problems.push(`problem's status/code do not match the response: ${body.slice(0, 300)}`);
      } else if (p.errors && !p.errors.every((e) => typeof e.field === 'string' && typeof e.message === 'string' && e.message.length > 0)) {
        problems.push(`problem errors[] without field paths and messages: ${body.slice(0, 300)}`);
      }
    }
    if (LEAKS.test(body)) problems.push(`internals leak in the error: ${body.slice(0, 300)}`);
  } else if (/root:x:0:0|"devDependencies"/.test(body)) {
    problems.push('served a file from outside the web app folder');
  }
  const lower = body.toLowerCase();
  const markup = RAW_MARKUP.find((m) => lower.includes(m));
  if (markup && !isJson(type)) problems.push(`raw markup "${markup}" in a ${type || 'typeless'} response`);
  if (markup && res.headers['x-content-type-options'] !== 'nosniff') problems.push('markup served without X-Content-Type-Options: nosniff');
  return problems;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
