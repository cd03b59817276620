import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../db/connection-errors.ts';
import { AppError, type FieldError, problemBody } from './problem.ts';

export function sendProblem(reply: FastifyReply, status: number, code: string, detail: string, errors?: FieldError[]) {
  return reply.code(status).type('application/problem+json; charset=utf-8').send(problemBody(status, code, detail, errors));
}

/** Errors Fastify answers before routing (a URL whose percent-encoding is broken): problem+json too, not Fastify's own JSON. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_BAD_URL') return sendProblem(reply, 400, 'BAD_URL', 'Đường dẫn không hợp lệ (mã hóa ký tự sai).');
  return sendProblem(reply, 400, 'BAD_REQUEST', 'Yêu cầu không hợp lệ.');
}

const LOCATION: Record<string, string> = { body: '', querystring: 'query.', params: 'path.', headers: 'header.' };

/** Every error leaves as RFC 9457 problem+json; nothing internal (stack, SQL) reaches the client. */
export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendProblem(reply, error.status, error.code, error.detail, error.errors);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const prefix = LOCATION[error.validationContext ?? 'body'] ?? '';
      const errors = error.validation.map((v) => ({
        field: prefix + v.instancePath.replace(/^\//, '').replace(/\//g, '.') || prefix.replace(/\.$/, '') || '(body)',
        message: v.message ?? 'Giá trị không hợp lệ.',
      }));
      return sendProblem(reply, 400, 'VALIDATION_FAILED', 'Dữ liệu gửi lên chưa hợp lệ.', errors);
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return sendProblem(reply, 429, 'RATE_LIMITED', 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.');
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (error instanceof SyntaxError && status === 400)) {
      return sendProblem(reply, 400, 'BAD_JSON', 'Nội dung gửi lên không phải JSON hợp lệ.');
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendProblem(reply, 413, 'BODY_TOO_LARGE', 'Dữ liệu gửi lên quá lớn.');
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendProblem(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Định dạng nội dung không được hỗ trợ.');
    }
    if (status >= 400 && status < 500) return sendProblem(reply, status, 'BAD_REQUEST', 'Yêu cầu không hợp lệ.');
    // The database restarting or out of reach: a retryable 503, not a 500 (the pool reconnects by itself).
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: { type: error.name, message: error.message, code: error.code } }, 'database unavailable');
      reply.header('retry-after', '5');
      return sendProblem(reply, 503, 'DATABASE_UNAVAILABLE', 'Hệ thống tạm thời không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau ít phút.');
    }
    // PostgreSQL data exceptions (class 22: bad characters, out-of-range values) come from input.
    const sqlState = (error as { code?: unknown }).code;
    if (typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState)) {
      return sendProblem(reply, 400, 'BAD_VALUE', 'Dữ liệu gửi lên có giá trị không lưu được (ký tự hoặc số không hợp lệ).');
    }
    // Log the error class and message only: request bodies may hold personal data.
    request.log.error({ err: { type: error.name, message: error.message, code: error.code } }, 'unhandled error');
    return sendProblem(reply, 500, 'INTERNAL', 'Hệ thống gặp sự cố. Vui lòng thử lại sau.');
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 404, 'NOT_FOUND', `Không có đường dẫn ${request.method} ${request.url.split('?')[0]}.`),
  );
}
