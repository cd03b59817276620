import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { actorFromApiToken, actorFromSession } from '../modules/access/auth.service.ts';
import { safeEqual } from '../modules/access/secrets.ts';
import { SESSION_COOKIE } from './context.ts';
import { sendProblem } from './error-handler.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the caller once per request (Bearer API token or session cookie), refuses API calls
 * without one unless the route is public, and requires the session's CSRF token on every
 * cookie-authenticated write.
 */
export function installAuthHook(app: FastifyInstance, db: Database) {
  app.decorateRequest('actor', null);
  app.addHook('preHandler', async (request, reply) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const now = new Date();
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.actor = await actorFromApiToken(db, authorization.slice(7).trim(), now);
      if (!request.actor) return sendProblem(reply, 401, 'INVALID_TOKEN', 'Khóa API không hợp lệ hoặc đã bị thu hồi.');
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) request.actor = await actorFromSession(db, cookie, now);
    if (request.routeOptions.config.public) return;
    if (!request.actor) return sendProblem(reply, 401, 'UNAUTHENTICATED', 'Vui lòng đăng nhập.');
    if (UNSAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.actor.csrfToken || !safeEqual(sent, request.actor.csrfToken)) {
        return sendProblem(reply, 403, 'CSRF_TOKEN_INVALID', 'Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token).');
      }
    }
  });
}
