import fc from 'fast-check';
import { type RawBody, fileBody, formBody, rawJsonBody, sheetBody } from './raw-bodies.ts';
import { type RealData, realPathValues, realValuesFor } from './real-values.ts';
import type { FuzzParam, FuzzRoute } from './route-catalogue.ts';
import { encodeLoose, hugeString, nastyString } from './nasty-strings.ts';
import { type JsonSchema, mutatedValue, validValue } from './schema-arbitraries.ts';

/** Who sends a case: nobody, a forged cookie or token, an API token, or a demo user's session. */
export type CallerName = 'anonymous' | 'forged' | 'token' | (typeof ROLE_USERS)[number];
export const ROLE_USERS = ['admin', 'lanhdao', 'truongphong', 'chuyenvien', 'motcua', 'thanhtra', 'xa.truongphong'] as const;

export type Shape = 'valid' | 'mutated' | 'raw' | 'bad-path';

/** One request to send, before the caller's credentials are added. */
export interface FuzzCase {
  caller: CallerName;
  /** For a session's write: send the right CSRF token, none, or a wrong one. */
  csrf: 'ok' | 'missing' | 'wrong';
  shape: Shape;
  url: string;
  body?: RawBody;
  headers: Record<string, string>;
}

/** Path parameter values no route should take: not ids, too long, SQL, traversal, broken percent-encoding. */
const badPathValue = fc.constantFrom(
  'not-a-uuid',
  '-1',
  '0',
  '1.5',
  encodeLoose("' OR 1=1--"),
  '..',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  'x'.repeat(300),
  encodeLoose('Nguyễn Văn Ánh'.normalize('NFD').repeat(12)),
  '%00',
  '%E0%A4%A',
  '%',
  '%ED%A0%80',
  '%C0%AF',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  '%7B3fa85f64-5717-4562-b3fc-2c963f66afa6%7D',
  encodeLoose('<script>alert(1)</script>'),
  encodeLoose('\u202Egnp.exe'),
  '%20',
);

function queryValue(p: FuzzParam, real: ReturnType<typeof realValuesFor>, broken: boolean): fc.Arbitrary<string[]> {
  const valid = validValue(p.schema, p.name, real).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)));
  if (!broken) return valid.map((v) => [v]);
  return fc.oneof(
    { weight: 2, arbitrary: valid.map((v) => [v]) },
    { weight: 3, arbitrary: nastyString.map((v) => [v]) },
    { weight: 1, arbitrary: hugeString.map((v) => [v.slice(0, 8_000)]) },
    { weight: 1, arbitrary: fc.tuple(valid, valid).map(([a, b]) => [a, b]) },
    { weight: 1, arbitrary: fc.constantFrom('-1', '1e309', '9007199254740993', 'true', '', '[]', '{}', 'null').map((v) => [v]) },
  );
}

/** Query pairs from the route's query schema (each optional one present half the time), sometimes broken or padded with strangers. */
function queryPairs(route: FuzzRoute, real: ReturnType<typeof realValuesFor>, broken: boolean): fc.Arbitrary<[string, string][]> {
  // A page cursor is opaque (made by the server): a well-formed request has none.
  const parts = route.query.filter((p) => broken || p.name !== 'cursor').map((p) => {
    const value = queryValue(p, real, broken).map((vs) => vs.map((v) => [p.name, v] as [string, string]));
    return p.required && !broken ? value : fc.option(value, { nil: [] as [string, string][] });
  });
  const strangers = broken ? fc.array(fc.tuple(fc.constantFrom('__proto__', 'q[]', 'a[b]', 'limit', 'cursor', encodeLoose('tên')), nastyString), { maxLength: 2 }) : fc.constant([]);
  return fc.tuple(fc.tuple(...parts), strangers).map(([ps, extra]) => [...ps.flat(), ...extra]);
}

function fillPath(path: string, values: Record<string, string>, encode: boolean): string {
  // A wildcard's value is a path already ("assets/app.js"): its slashes stay.
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => (encode && name !== '*' ? encodeLoose(values[name] ?? '') : (values[name] ?? '')));
}

/** Every kind of caller; citizens (anonymous) mostly on public routes, and callers the route lets in (`favoured`) four times as often. */
function callerArb(route: FuzzRoute, favoured: ReadonlySet<CallerName>): fc.Arbitrary<CallerName> {
  const weight = (caller: CallerName, base: number) => ({ weight: favoured.has(caller) ? base * 4 : base, arbitrary: fc.constant<CallerName>(caller) });
  return fc.oneof(weight('anonymous', route.public ? 12 : 2), weight('forged', 1), weight('token', 2), ...ROLE_USERS.map((u) => weight(u, u === 'admin' ? 3 : 2)));
}

export interface CaseContext {
  real: RealData;
  openApiKey: string;
  /** The officials import template's header line (and the procedures one), for CSV bodies. */
  sheetHeaders: Record<string, string>;
  xlsxSamples: Buffer[];
}

/** The body arbitrary for a route and shape; undefined = no body. */
function bodyArb(route: FuzzRoute, shape: Shape, ctx: CaseContext, body: fc.Arbitrary<unknown> | undefined): fc.Arbitrary<RawBody | undefined> {
  const json = (v: unknown): RawBody => ({ payload: JSON.stringify(v), contentType: 'application/json' });
  switch (route.bodyKind) {
    case 'json':
      if (shape === 'valid') return body!.map(json);
      if (shape === 'mutated') return mutatedValue(body!).map(json);
      return rawJsonBody(body!.map((v) => JSON.stringify(v)));
    case 'file':
      return fileBody;
    case 'sheet':
      return sheetBody(ctx.sheetHeaders[route.path] ?? 'a,b', ctx.xlsxSamples);
    case 'form':
      return formBody(ctx.openApiKey, ctx.real.ids.get('units') ?? []);
    default:
      return shape === 'raw' ? rawJsonBody(fc.constant('{}')) : fc.constant(undefined);
  }
}

/** All the requests the fuzzer may send to one route. */
export function caseArbitrary(route: FuzzRoute, ctx: CaseContext, favoured: ReadonlySet<CallerName> = new Set()): fc.Arbitrary<FuzzCase> | string {
  const real = realValuesFor(ctx.real);
  const goodPath = realPathValues(ctx.real, route.path, route.params);
  if (typeof goodPath === 'string') return `${route.key}: no real values for path parameter {${goodPath}} (test/support/fuzz/real-values.ts)`;
  const body = route.sample !== undefined ? fc.constant(route.sample) : route.body ? validValue(route.body as JsonSchema, '', real) : undefined;
  const hasParams = route.params.length > 0;
  const shape = fc.oneof(
    { weight: 3, arbitrary: fc.constant<Shape>('valid') },
    { weight: 5, arbitrary: fc.constant<Shape>('mutated') },
    { weight: route.method === 'GET' ? 0 : 2, arbitrary: fc.constant<Shape>('raw') },
    { weight: hasParams ? 2 : 0, arbitrary: fc.constant<Shape>('bad-path') },
  );
  return fc
    .tuple(callerArb(route, favoured), shape, fc.constantFrom<FuzzCase['csrf']>('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'missing', 'wrong'))
    .chain(([caller, shape, csrf]) =>
      fc.record({
        path: shape === 'bad-path'
          ? fc.record(Object.fromEntries(route.params.map((p) => [p.name, badPathValue]))).map((v) => fillPath(route.path, v, false))
          : goodPath.map((v) => fillPath(route.path, v, true)),
        query: queryPairs(route, real, shape === 'mutated' || shape === 'raw'),
        body: route.method === 'GET' ? fc.constant(undefined) : bodyArb(route, shape === 'bad-path' ? 'valid' : shape, ctx, body),
        headers: headersArb,
      }).map(({ path, query, body, headers }): FuzzCase => withShortPrint({
        caller,
        csrf,
        shape,
        url: query.length ? `${path}?${query.map(([k, v]) => `${encodeLoose(k)}=${encodeLoose(v)}`).join('&')}` : path,
        ...(body ? { body } : {}),
        headers,
      })),
    );
}

const clip = (s: string) => (s.length > 300 ? `${s.slice(0, 120)}… (${s.length} characters)` : s);

/** fast-check prints a failing case with this: long bodies and headers cut, so the report stays readable. */
function withShortPrint(c: FuzzCase): FuzzCase {
  const print = () =>
    JSON.stringify({ ...c, url: clip(c.url), headers: Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k, clip(v)])), ...(c.body ? { body: { contentType: c.body.contentType, payload: clip(String(c.body.payload)) } } : {}) });
  return Object.assign(c, { [fc.toStringMethod]: print });
}

/** Client address (so rate limits count per fuzzed "client"), and odd Accept / Idempotency-Key headers. */
const headersArb: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'x-forwarded-for': fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `127.${a}.${b}.${c}`),
    accept: fc.constantFrom('text/html', 'application/xml', '*/*', 'application/json;q=0.1, text/csv'),
    'accept-language': fc.constantFrom('vi-VN', 'en', 'xx;q=abc'),
    'idempotency-key': fc.oneof(fc.uuid(), fc.constantFrom('', 'k'.repeat(5_000), "' OR 1=1--")),
  },
  { requiredKeys: ['x-forwarded-for'] },
);
