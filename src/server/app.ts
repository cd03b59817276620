import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import './http/zod-setup.ts';
import type { AppDeps } from './app-deps.ts';
import { type FileStorage, createStorage } from './storage/file-storage.ts';
import { installAuthHook } from './http/auth-hook.ts';
import { frameworkErrors, installErrorHandling, sendProblem } from './http/error-handler.ts';
import { type LogStream, loggerOptions } from './http/logger.ts';
import { databaseRateLimitStore, rateLimitCounter } from './http/rate-limit-store.ts';
import { accessRoutes } from './modules/access/access.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { dossierRoutes } from './modules/dossiers/dossier.routes.ts';
import { integrationRoutes } from './modules/dossiers/integration.routes.ts';
import { procedureRoutes } from './modules/procedures/procedure.routes.ts';
import { taskRoutes } from './modules/tasks/task.routes.ts';
import { evaluationRoutes } from './modules/evaluation/evaluation.routes.ts';
import { metricsRoutes } from './modules/metrics/metrics.routes.ts';
import { reportRoutes } from './modules/metrics/reports/reports.routes.ts';
import { open311Routes } from './modules/open311/open311.routes.ts';
import { oversightRoutes } from './modules/oversight/oversight.routes.ts';
import { orgRoutes } from './modules/org/org.routes.ts';

export interface BuildAppOptions extends Omit<AppDeps, 'storage' | 'readDb'> {
  /** A read replica's connection; defaults to `db`. */
  readDb?: AppDeps['readDb'];
  /** Defaults to a folder under the data directory. */
  storage?: FileStorage;
  /** Folder of the built web app; served at / with a fallback to index.html. */
  webDir?: string;
  /** true: log to stdout; { stream }: log there (tests). */
  logger?: boolean | { stream: LogStream };
}

/** The route modules, in one list: a new capability adds its line here. */
const MODULES = [accessRoutes, orgRoutes, auditRoutes, calendarRoutes, procedureRoutes, dossierRoutes, taskRoutes, integrationRoutes, oversightRoutes, open311Routes, evaluationRoutes, metricsRoutes, reportRoutes];

// Fastify types its compiler factories for Ajv; the zod compilers are called the same way.
const ZOD_COMPILERS = { buildValidator: () => validatorCompiler, buildSerializer: () => serializerCompiler } as unknown as NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? loggerOptions(opts.config.logLevel, opts.logger === true ? undefined : opts.logger.stream) : false,
    // X-Forwarded-For is believed only from the proxies named here (default: this machine's own
    // nginx), so a client cannot pick its own address to slip past the rate limits.
    trustProxy: opts.config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
    // Every route validates and serializes with zod: handing Fastify the zod compilers here (not
    // only through setValidatorCompiler below) keeps it from loading Ajv and fast-json-stringify,
    // which no route uses, on every start.
    schemaController: { compilersFactory: ZOD_COMPILERS },
    // While closing, Fastify would answer its own plain-JSON 503: the hook below answers instead.
    return503OnClosing: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  // Helmet's middleware is built once here: @fastify/helmet built it anew for every request
  // (parsing the CSP each time), 6% of the public lookup's CPU.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only on a response that really travels over TLS (set below).
    hsts: false,
    frameguard: { action: 'deny' },
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
  // Hooks on every request take a callback rather than being async: one promise less each.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    done();
  });
  // Shutting down (serve.ts drains on SIGTERM): a request that still arrives on an open keep-alive
  // connection is refused like any other, in problem+json (with the headers above), before any
  // session lookup or handler runs; Fastify adds `Connection: close` so the client reconnects.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', (_request, reply, done) => {
    if (!closing) return done();
    reply.header('retry-after', '5');
    // Answered here: done() is not called, so nothing after this hook runs.
    sendProblem(reply, 503, 'SHUTTING_DOWN', 'Máy chủ đang khởi động lại, vui lòng thử lại sau giây lát.');
  });
  await app.register(cookie);
  const counter = rateLimitCounter(opts.db, opts.config);
  app.addHook('onClose', () => counter.close());
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore(counter),
    errorResponseBuilder: () => {
      const err = new Error('rate limited') as Error & { statusCode: number };
      err.statusCode = 429;
      return err;
    },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'congvu API',
        description: 'API của congvu: tổ chức, tài khoản, hồ sơ một cửa, nhiệm vụ, kiểm tra, đánh giá, số liệu.',
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'congvu_sid' },
          apiToken: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  installAuthHook(app, opts.db, opts.config);
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  const deps: AppDeps = { db: opts.db, readDb: opts.readDb ?? opts.db, config: opts.config, storage: opts.storage ?? createStorage(opts.config.dataDir) };
  for (const register of MODULES) await register(app, deps);

  const webDir = opts.webDir;
  const indexHtml = webDir && path.join(webDir, 'index.html');
  if (webDir && indexHtml && fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: false });
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      const rel = request.url.split('?')[0]!.slice(1);
      if (rel.startsWith('api/')) return sendProblem(reply, 404, 'NOT_FOUND', 'Không tìm thấy đường dẫn.');
      const file = path.join(webDir, rel);
      if (rel && file.startsWith(webDir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        return reply.header('cache-control', rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache').sendFile(rel);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
