import type { FastifyInstance } from 'fastify';
import { CALENDAR_2026 } from '../../../src/domain/calendar/calendar-2026.ts';
import type { JsonSchema } from './schema-arbitraries.ts';

/** How a route takes its request body. */
export type BodyKind = 'json' | 'none' | 'file' | 'sheet' | 'form';

export interface FuzzParam {
  name: string;
  schema: JsonSchema;
  required: boolean;
}

export interface FuzzRoute {
  /** "POST /api/v1/dossiers/{id}/actions" */
  key: string;
  method: string;
  /** OpenAPI form: `{id}` for parameters, `{*}` for a wildcard. */
  path: string;
  params: FuzzParam[];
  query: FuzzParam[];
  body?: JsonSchema;
  /** A well-formed body to start from when the schema says nothing of its fields. */
  sample?: unknown;
  bodyKind: BodyKind;
  /** In the OpenAPI document (so its schemas are known). */
  documented: boolean;
  /** Reached without logging in (citizens, Open311 clients, documentation). */
  public: boolean;
}

/**
 * Write routes whose body is not JSON described in the OpenAPI document. A new such route must be
 * added here, or the fuzz test fails naming it: it would otherwise get no meaningful body.
 */
const RAW_BODIES: Record<string, BodyKind> = {
  'POST /api/v1/auth/logout': 'none',
  'POST /api/v1/officials/import': 'sheet',
  'POST /api/v1/procedures/import': 'sheet',
  'POST /api/v1/dossiers/{id}/files': 'file',
  'POST /api/v1/tasks/{id}/files': 'file',
  'POST /api/v1/inspections/{id}/photos': 'file',
  'POST /open311/v2/requests.json': 'form',
  'POST /open311/v2/requests.xml': 'form',
};

/**
 * Well-formed bodies for routes whose OpenAPI body is a free-form object (the service checks it):
 * the fuzzer starts from this instead of an empty object. A new free-form route must be added here.
 */
const SAMPLE_BODIES: Record<string, unknown> = {
  'PUT /api/v1/calendar/{year}': CALENDAR_2026,
};

const PUBLIC_PREFIXES = ['/api/v1/public/', '/open311/', '/api/docs', '/health', '/api/openapi.json', '/api/v1/auth/login'];

/**
 * Every (method, path) Fastify routes, read from its route tree (`printRoutes`): the OpenAPI
 * document leaves out hidden routes, the tree does not. HEAD twins of GET routes are left out.
 */
export function listServedRoutes(app: FastifyInstance): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const path = stack.join('').replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{*}');
    for (const method of (m[3] ?? '').split(', ').filter(Boolean)) if (method !== 'HEAD') out.push({ method, path });
  }
  return out;
}

interface OpenApiOperation {
  tags?: string[];
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** The routes to fuzz, with their schemas from the app's OpenAPI document; problems = routes that cannot be fuzzed meaningfully. */
export function buildCatalogue(app: FastifyInstance): { routes: FuzzRoute[]; problems: string[] } {
  const doc = app.swagger() as { paths: Record<string, Record<string, OpenApiOperation>> };
  const problems: string[] = [];
  const routes = listServedRoutes(app).map(({ method, path }): FuzzRoute => {
    const key = `${method} ${path}`;
    const op = doc.paths[path]?.[method.toLowerCase()];
    const parameters = op?.parameters ?? [];
    const pick = (where: string) => parameters.filter((p) => p.in === where).map((p) => ({ name: p.name, schema: p.schema, required: !!p.required }));
    const pathNames = [...path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1]!);
    const params = pathNames.map((name) => pick('path').find((p) => p.name === name) ?? { name, schema: { type: 'string' }, required: true });
    const body = op?.requestBody?.content?.['application/json']?.schema;
    const writes = ['POST', 'PUT', 'PATCH'].includes(method);
    const bodyKind: BodyKind = body ? 'json' : (RAW_BODIES[key] ?? 'none');
    const freeForm = body?.type === 'object' && !body.properties;
    if (freeForm && !(key in SAMPLE_BODIES)) problems.push(`${key}: free-form JSON body and no entry in SAMPLE_BODIES (test/support/fuzz/route-catalogue.ts)`);
    if (writes && !body && !RAW_BODIES[key]) problems.push(`${key}: no JSON body schema in the OpenAPI document and no entry in RAW_BODIES (test/support/fuzz/route-catalogue.ts)`);
    return {
      key,
      method,
      path,
      params,
      query: pick('query'),
      body,
      ...(freeForm ? { sample: SAMPLE_BODIES[key] } : {}),
      bodyKind,
      documented: !!op,
      public: PUBLIC_PREFIXES.some((p) => path.startsWith(p)) || !path.startsWith('/api/'),
    };
  });
  for (const key of Object.keys(RAW_BODIES)) if (!routes.some((r) => r.key === key)) problems.push(`${key}: listed in RAW_BODIES but not served any more`);
  return { routes, problems };
}
