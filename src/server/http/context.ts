import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { Actor, RequestContext } from '../modules/access/actor.ts';
import { AppError } from './problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Open to anyone without a session (login, public pages). */
    public?: boolean;
  }
}

export const SESSION_COOKIE = 'congvu_sid';

/** The request's context for a service call; 401 when nobody is logged in. */
export function ctxOf(request: FastifyRequest): RequestContext {
  if (!request.actor) throw new AppError(401, 'UNAUTHENTICATED', 'Vui lòng đăng nhập.');
  return { actor: request.actor, ip: request.ip ?? null, now: new Date() };
}
