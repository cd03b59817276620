import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { actorFromApiToken, actorFromSession } from '../modules/access/auth.service.ts';
import { safeEqual } from '../modules/access/secrets.ts';
import { SESSION_COOKIE } from './context.ts';
import { sendProblem } from './error-handler.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The body types an HTML form on another site can post without a CORS preflight. */
const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;

/**
 * Resolves the caller once per request (Bearer API token or session cookie), refuses API calls
 * without one unless the route is public, and requires the session's CSRF token on every
 * cookie-authenticated write. Runs on request, before the body is read or validated: a refused
 * caller costs no parsing and learns nothing from validation messages.
 */
export function installAuthHook(app: FastifyInstance, db: Database, config: Pick<AppConfig, 'sessionIdleMinutes'>) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    // The API reads JSON and files, never forms: refusing form bodies keeps another site from
    // posting to a public route (e.g. logging a visitor in to the attacker's account).
    if (UNSAFE.has(request.method) && FORM_TYPES.test(request.headers['content-type'] ?? '')) {
      return sendProblem(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Định dạng nội dung không được hỗ trợ: API nhận JSON hoặc nội dung tệp (PDF, JPEG, PNG, CSV, XLSX), không nhận biểu mẫu hay văn bản thuần.');
    }
    const now = new Date();
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.actor = await actorFromApiToken(db, authorization.slice(7).trim(), now);
      if (!request.actor) return sendProblem(reply, 401, 'INVALID_TOKEN', 'Khóa API không hợp lệ hoặc đã bị thu hồi.');
      return;
    }
    // Public routes never read the caller: no session lookup for them.
    if (request.routeOptions.config.public) return;
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) request.actor = await actorFromSession(db, cookie, now, config.sessionIdleMinutes);
    if (!request.actor) return sendProblem(reply, 401, 'UNAUTHENTICATED', 'Vui lòng đăng nhập.');
    if (UNSAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.actor.csrfToken || !safeEqual(sent, request.actor.csrfToken)) {
        return sendProblem(reply, 403, 'CSRF_TOKEN_INVALID', 'Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token).');
      }
    }
  });
}
