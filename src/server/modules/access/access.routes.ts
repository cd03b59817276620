import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAccount,
  ZApiToken,
  ZCreateAccountRequest,
  ZCreateApiTokenRequest,
  ZCreateApiTokenResponse,
  ZLoginRequest,
  ZLoginResponse,
  ZMe,
  ZUpdateAccountRequest,
} from '../../../shared/schemas/access.ts';
import { ZIdParams, ZOk } from '../../../shared/schemas/common.ts';
import type { AppDeps } from '../../app-deps.ts';
import { SESSION_COOKIE, ctxOf } from '../../http/context.ts';
import * as accounts from './account.service.ts';
import * as auth from './auth.service.ts';

export async function accessRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = deps;

  r.post(
    '/api/v1/auth/login',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags: ['access'], summary: 'Đăng nhập', body: ZLoginRequest, response: { 200: ZLoginResponse } },
    },
    async (request, reply) => {
      const result = await auth.login(db, config, {
        ...request.body,
        ip: request.ip ?? null,
        userAgent: request.headers['user-agent'] ?? null,
        previousSessionToken: request.cookies[SESSION_COOKIE] ?? null,
        now: new Date(),
      });
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies || request.protocol === 'https',
        path: '/',
        expires: result.expiresAt,
      });
      return result.body;
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags: ['access'],
        summary: 'Đăng xuất (everywhere=true: mọi phiên)',
        querystring: z.object({ everywhere: z.enum(['true', 'false']).optional() }),
        response: { 200: ZOk },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      await auth.logout(db, ctx.actor, ctx.ip, ctx.now, request.query.everywhere === 'true');
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/auth/csrf',
    { schema: { tags: ['access'], summary: 'Mã chống giả mạo của phiên hiện tại', response: { 200: z.object({ csrfToken: z.string() }) } } },
    async (request) => ({ csrfToken: ctxOf(request).actor.csrfToken ?? '' }),
  );

  r.get('/api/v1/me', { schema: { tags: ['access'], summary: 'Người dùng hiện tại', response: { 200: ZMe } } }, async (request) =>
    auth.toMe(ctxOf(request).actor),
  );

  r.get(
    '/api/v1/accounts',
    {
      schema: {
        tags: ['access'],
        summary: 'Danh sách tài khoản (quản trị)',
        querystring: z.object({ q: z.string().max(100).optional() }),
        response: { 200: z.object({ items: z.array(ZAccount) }) },
      },
    },
    async (request) => accounts.listAccounts(db, ctxOf(request), request.query.q),
  );
  r.post(
    '/api/v1/accounts',
    { schema: { tags: ['access'], summary: 'Tạo tài khoản', body: ZCreateAccountRequest, response: { 201: ZAccount } } },
    async (request, reply) => reply.code(201).send(await accounts.createAccount(db, ctxOf(request), request.body)),
  );
  r.patch(
    '/api/v1/accounts/:id',
    {
      schema: { tags: ['access'], summary: 'Sửa, khóa, mở khóa, đặt lại mật khẩu', params: ZIdParams, body: ZUpdateAccountRequest, response: { 200: ZAccount } },
    },
    async (request) => accounts.updateAccount(db, ctxOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/v1/api-tokens',
    { schema: { tags: ['access'], summary: 'Khóa API tích hợp', response: { 200: z.object({ items: z.array(ZApiToken) }) } } },
    async (request) => accounts.listApiTokens(db, ctxOf(request)),
  );
  r.post(
    '/api/v1/api-tokens',
    {
      schema: { tags: ['access'], summary: 'Cấp khóa API (chỉ hiện một lần)', body: ZCreateApiTokenRequest, response: { 201: ZCreateApiTokenResponse } },
    },
    async (request, reply) => reply.code(201).send(await accounts.createApiToken(db, ctxOf(request), request.body)),
  );
  r.delete(
    '/api/v1/api-tokens/:id',
    { schema: { tags: ['access'], summary: 'Thu hồi khóa API', params: ZIdParams, response: { 200: ZApiToken } } },
    async (request) => accounts.revokeApiToken(db, ctxOf(request), request.params.id),
  );
}
