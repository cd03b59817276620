import fc from 'fast-check';
import { hugeString, nastyString, textLike } from './nasty-strings.ts';

/** The subset of JSON Schema that fastify-type-provider-zod writes into the OpenAPI document. */
export interface JsonSchema {
  type?: string | string[];
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

/** Real values from the demo data for a field or parameter name (ids, codes), or undefined. */
export type RealValues = (name: string) => fc.Arbitrary<string> | undefined;

const pad2 = (n: number) => String(n).padStart(2, '0');
const isoDate = fc.record({ y: fc.integer({ min: 2024, max: 2027 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => `${y}-${pad2(m)}-${pad2(d)}`);
const isoMonth = fc.record({ y: fc.integer({ min: 2025, max: 2026 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${pad2(m)}`);
/** Fields whose valid values depend on another field (`at` on `period`, default month): mostly the default's form. */
const KNOWN_NAMES: Record<string, fc.Arbitrary<string>> = {
  at: fc.oneof({ weight: 3, arbitrary: isoMonth }, { weight: 1, arbitrary: fc.constantFrom('2025-Q4', '2026-Q1', '2025', '2026') }),
};
const KNOWN_PATTERNS: Record<string, fc.Arbitrary<string>> = {
  '^\\d{4}-(0[1-9]|1[0-2])$': isoMonth,
  '^\\d{4}$': fc.integer({ min: 2024, max: 2027 }).map(String),
  '^\\d{12}$': fc.constantFrom('001090012345', '025190004321', '026301001122', '079088123456'),
};

function typeOf(s: JsonSchema): string | undefined {
  return Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
}

function stringValue(s: JsonSchema, name: string, real: RealValues): fc.Arbitrary<string> {
  if (s.format === 'uuid') return real(name) ?? real('*uuid')!;
  const realValue = real(name) ?? KNOWN_NAMES[name];
  if (realValue) return realValue;
  if (s.format === 'date') return isoDate;
  if (s.format === 'date-time') return isoDate.map((d) => `${d}T08:30:00.000Z`);
  if (s.format === 'email') return fc.constantFrom('nguyen.van.a@example.vn', 'dan@phutho.gov.vn');
  if (s.pattern) return KNOWN_PATTERNS[s.pattern] ?? fc.stringMatching(new RegExp(s.pattern));
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 400;
  return textLike.map((t) => (t.length > max ? t.slice(0, max) : t.padEnd(min, 'x')));
}

function numberValue(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const exMin = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : undefined;
  const exMax = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : undefined;
  const min = s.minimum ?? (exMin !== undefined ? exMin + (integer ? 1 : 0.01) : -1000);
  const max = s.maximum ?? (exMax !== undefined ? exMax - (integer ? 1 : 0.01) : Math.max(min + 1000, 1000));
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** A value the schema accepts (as far as its keywords say), using real ids where the name is known. */
export function validValue(s: JsonSchema, name = '', real: RealValues, depth = 0): fc.Arbitrary<unknown> {
  const base = validNonNull(s, name, real, depth);
  return s.nullable || (Array.isArray(s.type) && s.type.includes('null')) ? fc.option(base, { nil: null, freq: 6 }) : base;
}

function validNonNull(s: JsonSchema, name: string, real: RealValues, depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => validValue(a, name, real, depth)));
  if (s.allOf) return validValue(Object.assign({}, ...s.allOf) as JsonSchema, name, real, depth);
  switch (typeOf(s) ?? (s.properties ? 'object' : undefined)) {
    case 'string':
      return stringValue(s, name, real);
    case 'integer':
      return numberValue(s, true);
    case 'number':
      return numberValue(s, false);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = s.items ? validValue(s.items, name, real, depth + 1) : fc.string();
      return fc.array(items, { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 4, 4)) });
    }
    case 'object': {
      if (depth > 6 || !s.properties) return fc.constant({});
      // Every optional field is present nine times in ten: a form filled in, not a sparse one.
      const props = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, validValue(v, k, real, depth + 1)]));
      const required = new Set(s.required ?? []);
      const optional = Object.keys(props).filter((k) => !required.has(k));
      return fc.tuple(fc.record(props), fc.array(fc.nat(9), { minLength: optional.length, maxLength: optional.length })).map(([value, dice]) => {
        const out: Record<string, unknown> = { ...value };
        optional.forEach((k, i) => dice[i] === 0 && delete out[k]);
        return out;
      });
    }
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
  }
}

/** A value of some JSON type, for "wrong type" mutations. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, -(2 ** 31)),
  nastyString,
  fc.constant([]),
  fc.constant({}),
  fc.constant([{ $gt: '' }]),
  fc.constant(JSON.parse('{"__proto__": {"isAdmin": true}}') as unknown),
);

type Path = (string | number)[];

function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
}

function setAt(value: unknown, path: Path, f: (old: unknown) => unknown): unknown {
  if (path.length === 0) return f(value);
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head!] = setAt(copy[head!], rest, f);
  return copy;
}

const DELETE = Symbol('delete');
function stripDeleted(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== DELETE).map(stripDeleted);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== DELETE).map(([k, v]) => [k, stripDeleted(v)]));
  return value;
}

/** The ways a well-formed value is broken: each takes the old value at a path and returns the new one. */
const MUTATIONS: fc.Arbitrary<(old: unknown) => unknown> = fc.oneof(
  anyJson.map((v) => () => v),
  fc.constant(() => DELETE),
  fc.constant(() => null),
  fc.constant((old: unknown) => [old]),
  fc.constant((old: unknown) => ({ value: old })),
  fc.constantFrom(-1, 0, 1e9, -1e9, 1e21, 0.5, 2 ** 63).map((n) => () => n),
  nastyString.map((s) => () => s),
  hugeString.map((s) => () => s),
  fc.tuple(nastyString, anyJson).map(([k, v]) => (old: unknown) => (old && typeof old === 'object' && !Array.isArray(old) ? { ...old, [k || 'extra']: v } : old)),
  // JSON.parse makes "__proto__" an own key, so it reaches the server as sent (prototype pollution).
  fc.constant((old: unknown) => (old && typeof old === 'object' && !Array.isArray(old) ? Object.assign(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as object, old) : old)),
);

/** A valid-shaped value with one to three parts broken (wrong types, missing or extra fields, nulls, huge or hostile strings). */
export function mutatedValue(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return valid.chain((v) => {
    const paths = pathsOf(v);
    return fc.array(fc.tuple(fc.constantFrom(...paths), MUTATIONS), { minLength: 1, maxLength: 3 }).map((edits) => stripDeleted(edits.reduce((acc, [p, f]) => setAt(acc, p, f), v)));
  });
}
