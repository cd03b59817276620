import fc from 'fast-check';
import { FORMULA_PAYLOADS, HTML_PAYLOADS, encodeLoose, hugeString, nastyString, textLike } from './nasty-strings.ts';

/** A request body as bytes on the wire, with the Content-Type it claims (none when undefined). */
export interface RawBody {
  payload: string | Buffer;
  contentType?: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Bytes that are not UTF-8: a stray continuation, an overlong "/", a lone surrogate, 0xFF. */
const INVALID_UTF8 = Buffer.from([0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff, 0xfe]);

/** Text that is not quite JSON, or JSON of a shape no route takes. */
const malformedJson: fc.Arbitrary<string> = fc.constantFrom(
  '',
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '[1,2',
  'undefined',
  'NaN',
  '{"a":NaN}',
  '{"n":1e400,"m":-1e400}',
  '\uFEFF{}',
  '{"a":"\u0000"}',
  '{"a":"\\u0000"}',
  '{"a":"\\ud800"}',
  '{"a":1,"a":{"b":2}}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  'null',
  '"chuỗi"',
  '12345',
  '[]',
  'true',
  '{"a":"x"}garbage',
  '/* comment */ {}',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
);

/** Breaks a well-formed JSON text: truncation, raw invalid UTF-8 inside a string, trailing junk. */
export function brokenJson(json: string): fc.Arbitrary<string | Buffer> {
  return fc.oneof(
    fc.integer({ min: 0, max: Math.max(0, json.length - 1) }).map((n) => json.slice(0, n)),
    fc.constant(json.includes('":"') ? Buffer.concat([Buffer.from(json.slice(0, json.indexOf('":"') + 3)), INVALID_UTF8, Buffer.from(json.slice(json.indexOf('":"') + 3))]) : Buffer.concat([INVALID_UTF8, Buffer.from(json)])),
    fc.constant(`${json},`),
    fc.constant(json.replace(/"/g, "'")),
    fc.constant(json.replace(/:/, '::')),
  );
}

/** Content types a JSON route does not take, or takes in odd spellings. */
const oddContentType = fc.constantFrom(
  undefined,
  'text/plain',
  'text/html',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----congvu',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json;;;',
  'application/vnd.api+json',
  'application/pdf',
  'text/csv',
  'image/png',
  '*/*',
  'application/json, text/html',
);

/** A body for a JSON route that is not valid JSON, or is sent under another content type. */
export function rawJsonBody(validJson: fc.Arbitrary<string>): fc.Arbitrary<RawBody> {
  return fc.oneof(
    { weight: 3, arbitrary: malformedJson.map((payload) => ({ payload, contentType: 'application/json' })) },
    { weight: 3, arbitrary: validJson.chain(brokenJson).map((payload) => ({ payload, contentType: 'application/json' })) },
    { weight: 2, arbitrary: fc.tuple(validJson, oddContentType).map(([payload, contentType]) => ({ payload, contentType })) },
    { weight: 1, arbitrary: fc.tuple(fc.uint8Array({ maxLength: 200 }), oddContentType).map(([b, contentType]) => ({ payload: Buffer.from(b), contentType })) },
  );
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);

/** Upload bodies: real magic bytes, markup dressed as a PDF, empty, random bytes, under all sorts of types. */
export const fileBody: fc.Arbitrary<RawBody> = fc.record({
  payload: fc.oneof(
    fc.constantFrom(PDF, PNG, JPEG),
    fc.constantFrom(...HTML_PAYLOADS).map((h) => Buffer.from(`<html><body>${h}</body></html>`)),
    fc.constant(Buffer.alloc(0)),
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    fc.constant(Buffer.concat([PDF, Buffer.from(HTML_PAYLOADS[0]!)])),
  ),
  contentType: fc.constantFrom<string | undefined>('application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream', 'text/html', 'image/svg+xml', 'application/json', undefined),
});

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Import files: CSV with the template's header (given) and rows of hostile or odd cells, CSV with
 * broken quoting, bytes that only pretend to be an XLSX (a zip) — under the right and wrong types.
 */
export function sheetBody(header: string, xlsxSamples: Buffer[]): fc.Arbitrary<RawBody> {
  const columns = header.split(',').length;
  const cell = fc.oneof(textLike, fc.constantFrom(...FORMULA_PAYLOADS), fc.constantFrom('', '001090012345', '31/12/2024', '2024-12-31', '-5', '1e9'));
  const csv = fc.array(fc.array(cell, { minLength: 0, maxLength: columns + 2 }), { minLength: 0, maxLength: 5 }).map((rows) => [header, ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n'));
  return fc.oneof(
    { weight: 4, arbitrary: csv.map((payload) => ({ payload, contentType: 'text/csv' })) },
    { weight: 1, arbitrary: fc.constantFrom('"unterminated,quote\r\nx', '\uFEFF', '', 'a,b\r\n"c""d,e', '\u0000\u0001,\u0002', `${header}\r\n${'x,'.repeat(5_000)}`).map((payload) => ({ payload, contentType: 'text/csv; charset=utf-8' })) },
    { weight: 2, arbitrary: fc.constantFrom(...xlsxSamples).map((payload) => ({ payload, contentType: XLSX })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((b) => ({ payload: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(b)]), contentType: XLSX })) },
    { weight: 1, arbitrary: csv.map((payload) => ({ payload, contentType: 'application/json' })) },
    { weight: 1, arbitrary: csv.map((payload) => ({ payload, contentType: undefined })) },
  );
}

const FORM_FIELDS = ['api_key', 'service_code', 'description', 'lat', 'long', 'email', 'phone', 'first_name', 'last_name', 'address_string', 'attribute[unit_id]', 'attribute[dossier_code]', 'attribute[official_name]', 'jurisdiction_id'];

/** Open311 form posts: the spec's fields with hostile values, repeated keys, a valid api_key sometimes. */
export function formBody(apiKey: string, unitIds: string[]): fc.Arbitrary<RawBody> {
  const value = (field: string): fc.Arbitrary<string> => {
    if (field === 'api_key') return fc.oneof(fc.constant(apiKey), nastyString);
    if (field === 'service_code') return fc.oneof(fc.constantFrom('harassment', 'delay', 'attitude', 'praise', 'other'), nastyString);
    if (field === 'lat' || field === 'long') return fc.oneof(fc.double({ min: -200, max: 200, noNaN: true }).map(String), fc.constantFrom('NaN', 'Infinity', '1e400', ''));
    if (field === 'attribute[unit_id]' && unitIds.length) return fc.oneof(fc.constantFrom(...unitIds), nastyString);
    return fc.oneof({ weight: 4, arbitrary: textLike }, { weight: 1, arbitrary: hugeString.map((s) => s.slice(0, 20_000)) });
  };
  const pairs = fc.uniqueArray(fc.constantFrom(...FORM_FIELDS), { minLength: 0, maxLength: FORM_FIELDS.length }).chain((fields) => fc.tuple(...fields.map((f) => value(f).map((v) => [f, v] as const))));
  // A complete, valid request a third of the time (with hostile but well-formed text), so filing is reached.
  const complete = fc
    .tuple(fc.constantFrom('harassment', 'delay', 'attitude', 'praise', 'other'), textLike, textLike, fc.constantFrom(...(unitIds.length ? unitIds : [''])))
    .map(([code, description, name, unit]): (readonly [string, string])[] => [['api_key', apiKey], ['service_code', code], ['description', `Phản ánh: ${description}`], ['first_name', name], ['email', 'dan@example.vn'], ['attribute[unit_id]', unit]]);
  return fc.record({
    pairs: fc.oneof({ weight: 2, arbitrary: pairs as fc.Arbitrary<(readonly [string, string])[]> }, { weight: 1, arbitrary: complete }),
    repeat: fc.boolean(),
    contentType: fc.constantFrom<string | undefined>('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', 'application/json', 'text/plain', undefined),
  }).map(({ pairs, repeat, contentType }) => {
    const all = repeat && pairs.length ? [...pairs, pairs[0]!] : pairs;
    const payload = contentType === 'application/json' ? JSON.stringify(Object.fromEntries(all)) : all.map(([k, v]) => `${encodeURIComponent(k)}=${encodeLoose(v)}`).join('&');
    return { payload, contentType };
  });
}

