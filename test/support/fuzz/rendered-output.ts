import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type FuzzRunner, loginFrom } from './fuzz-runner.ts';
import { FORMULA_PAYLOADS, HTML_PAYLOADS, RAW_MARKUP } from './nasty-strings.ts';
import { responseProblems } from './response-checks.ts';

/** A unit name that is both a spreadsheet formula and a script tag. */
const PAYLOAD = `${FORMULA_PAYLOADS[0]} ${HTML_PAYLOADS[0]}`;
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);

function expectClean(url: string, res: LightMyRequestResponse) {
  expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
  expect(responseProblems(url, res), url).toEqual([]);
  const raw = res.rawPayload.toString('latin1').toLowerCase();
  expect(RAW_MARKUP.filter((m) => raw.includes(m)), `raw markup in the bytes of ${url}`).toEqual([]);
}

/** Every cell of every sheet: none is a formula, and the hostile name is a plain string cell. */
async function expectInertWorkbook(data: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const formulas: string[] = [];
  const payloadCells: ExcelJS.ValueType[] = [];
  wb.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formulas.push(`${sheet.name}!${cell.address}`);
        if (typeof cell.value === 'string' && cell.value.includes(FORMULA_PAYLOADS[0]!)) payloadCells.push(cell.type);
      }),
    ),
  );
  expect(formulas, 'formula cells in the report').toEqual([]);
  expect(payloadCells.length, 'the hostile unit name is in the report').toBeGreaterThan(0);
  expect(new Set(payloadCells)).toEqual(new Set([ExcelJS.ValueType.String]));
}

/**
 * Stores hostile text through the API (a unit name, a complaint, a dossier's applicant) and reads
 * it back through everything that renders it: JSON echoes it exactly; Open311 XML escapes it; the
 * XLSX report holds it as a text cell and holds no formula at all; PDFs carry no raw markup. Then
 * renders the forms of dossiers and inspections the fuzzer itself created.
 */
export async function checkRenderedOutput(app: FastifyInstance, runner: FuzzRunner) {
  // A fresh session: the fuzzer's own may have been logged out by a fuzzed logout.
  const admin = await loginFrom(app, 'admin', '127.2.0.1');
  const units = (await admin.request('GET', '/api/v1/units')).json<{ items: { id: string; kind: string }[] }>().items;
  const root = units.find((u) => u.kind === 'province')!;
  const created = await admin.request('POST', '/api/v1/units', { parentId: root.id, code: 'FUZZ.XSS', name: PAYLOAD, kind: 'department' });
  expect(created.statusCode, created.body).toBe(201);
  const unitId = created.json<{ id: string }>().id;
  const echoed = await admin.request('GET', `/api/v1/units/${unitId}`);
  expect(echoed.headers['content-type']).toMatch(/^application\/json/);
  expect(echoed.json<{ name: string }>().name).toBe(PAYLOAD);

  const complaint = await app.inject({
    method: 'POST',
    url: '/api/v1/public/complaints',
    headers: { 'x-forwarded-for': '127.9.9.9' },
    payload: { kind: 'delay', description: `Hồ sơ trễ hẹn ${HTML_PAYLOADS[1]}`, unitId, officialName: HTML_PAYLOADS[2], anonymous: true },
  });
  expect(complaint.statusCode, complaint.body).toBe(201);

  for (const url of ['/open311/v2/services/delay.xml', '/open311/v2/requests.xml']) {
    const res = await app.inject({ method: 'GET', url, headers: { 'x-forwarded-for': '127.9.9.10' } });
    expectClean(url, res);
    expect(res.body.includes(escapeXml(PAYLOAD)), `${url} shows the unit name, escaped`).toBe(true);
  }

  const month = new Date().toISOString().slice(0, 7);
  const xlsx = await admin.request('GET', `/api/v1/metrics/reports/file?period=month&at=${month}&format=xlsx`);
  expectClean('report.xlsx', xlsx);
  await expectInertWorkbook(xlsx.rawPayload);
  expectClean('report.pdf', await admin.request('GET', `/api/v1/metrics/reports/file?period=month&at=${month}&format=pdf`));

  // Forms of records the fuzzer created (their applicants, notes and findings are fuzzed text).
  const dossiers = runner.createdIds.filter((c) => c.path === '/api/v1/dossiers').slice(0, 3);
  for (const { id } of dossiers) for (const form of ['receipt', 'supplement']) expectClean(`form ${form} of ${id}`, await admin.request('GET', `/api/v1/dossiers/${id}/forms/${form}`));
  for (const { id } of runner.createdIds.filter((c) => c.path === '/api/v1/inspections').slice(0, 2)) {
    expectClean(`conclusion of ${id}`, await admin.request('GET', `/api/v1/inspections/${id}/conclusion.pdf`));
  }
}
