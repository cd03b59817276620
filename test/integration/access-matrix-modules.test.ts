/**
 * The access matrix beyond the organisation module: every role × own / other / parent unit × every
 * endpoint of dossiers, procedures, calendar, tasks, commitments, complaints, inspections,
 * violations, evaluation and metrics, written out as data (not derived from policy.ts). Each case
 * also checks that a refusal wrote nothing (the audit log's head did not move and the rows the call
 * would write are as before), that a success was audited, and that a refused id answers exactly
 * like an id that does not exist. Lists, search, exports and public pages: access-matrix-leaks.
 */
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedureTemplateCsv } from '../../src/server/modules/procedures/procedure-import.service.ts';
import { type Session, type TestApp, startTestApp } from '../support/app.ts';
import { BACKENDS } from '../support/databases.ts';
import {
  type FixtureContext,
  JPEG_BYTES,
  MONTH,
  type ModuleFixture,
  PDF_BYTES,
  PROCEDURE_NAME,
  asCitizen,
  type Target,
  TARGET_ORDER,
  USERS,
  type User,
  YEAR,
  auditSeq,
  buildFixture,
  createTask,
  fixtureContext,
  ghostFixture,
  openSessions,
  pdfText,
  xlsxCells,
} from './access-matrix-fixtures.ts';
import { type Problem, freshIdNumber } from './org-helpers.ts';

type Row = readonly [own: number, other: number, parent: number];
//                     own  other parent
const ALL: Row = /* */ [200, 200, 200];
const STP: Row = /* */ [200, 404, 404];
const WARD: Row = /**/ [404, 200, 404];
const NO: Row = /*  */ [403, 403, 403];
const OUT: Row = /* */ [401, 401, 401];
const NONE: Row = /**/ [404, 404, 404];
/** A case left out of the run (see the endpoint's comment). */
const SKIP = 0;
/**
 * For the costly endpoints (a PDF or XLSX rendered, the whole province read): a province-wide role's
 * scope has no edge to test, so its own-unit case stands for the three.
 */
const ONCE: Row = [200, SKIP, SKIP];
const costly = (expect: Record<User, Row>): Record<User, Row> => ({ ...expect, admin: ONCE, lanhdao: expect.lanhdao[0] === 200 ? ONCE : expect.lanhdao, thanhtra: expect.thanhtra[0] === 200 ? ONCE : expect.thanhtra });
const ok201 = (r: Row): Row => r.map((x) => (x === 200 ? 201 : x)) as unknown as Row;

/** Reads scoped like dossiers and tasks: the province-wide roles everywhere, unit staff in their subtree. */
const READ_ALL_STAFF: Record<User, Row> = { admin: ALL, lanhdao: ALL, thanhtra: ALL, truongphong: STP, chuyenvien: STP, motcua: STP, 'xa.truongphong': WARD, anonymous: OUT };
/** Complaints, inspections, violations, metrics: not for specialists and counter officers. */
const READ_HEADS: Record<User, Row> = { admin: ALL, lanhdao: ALL, thanhtra: ALL, truongphong: STP, chuyenvien: NO, motcua: NO, 'xa.truongphong': WARD, anonymous: OUT };
/** Evaluation: leaders and heads, not the inspector. */
const EVALUATE: Record<User, Row> = { admin: ALL, lanhdao: ALL, thanhtra: NO, truongphong: STP, chuyenvien: NO, motcua: NO, 'xa.truongphong': WARD, anonymous: OUT };
/** Work on a dossier: the unit's staff and the administrator; leaders and inspectors only read. */
const WORK_DOSSIER: Record<User, Row> = { admin: ALL, lanhdao: NO, thanhtra: NO, truongphong: STP, chuyenvien: STP, motcua: STP, 'xa.truongphong': WARD, anonymous: OUT };
const ADMIN_ONLY: Record<User, Row> = { admin: ALL, lanhdao: NO, thanhtra: NO, truongphong: NO, chuyenvien: NO, motcua: NO, 'xa.truongphong': NO, anonymous: OUT };
const INSPECTORS: Record<User, Row> = { admin: ok201(ALL), lanhdao: NO, thanhtra: ok201(ALL), truongphong: NO, chuyenvien: NO, motcua: NO, 'xa.truongphong': NO, anonymous: OUT };

interface Case {
  f: ModuleFixture;
  tag: string;
  succeed: boolean;
  /** The caller's own unit's objects (Phường Vĩnh Yên's for xa.truongphong, else Sở Tư pháp's). */
  home: ModuleFixture;
}

interface Endpoint {
  expect: Record<User, Row>;
  call(s: Session, c: Case): Promise<LightMyRequestResponse>;
  /** What a success must hold. */
  ok?(res: LightMyRequestResponse, c: Case): void | Promise<void>;
  /** The rows this call would write: a refusal leaves them equal. */
  state?(c: Case): Promise<unknown>;
}

const ids = (res: LightMyRequestResponse) => (res.json<{ items: { id: string }[] }>().items ?? []).map((x) => x.id);

describe.each(BACKENDS)('module access matrix on %s', (backend) => {
  let t: TestApp;
  let s: Record<User, Session>;
  let ctx: FixtureContext;
  const fx = {} as Record<Target, ModuleFixture>;
  const ghost = {} as Record<Target, ModuleFixture>;
  let caseNo = 0;
  const L = backend === 'pglite' ? 'L' : 'P';

  beforeAll(async () => {
    t = await startTestApp(backend);
    s = await openSessions(t);
    ctx = await fixtureContext(t, s);
    for (const target of TARGET_ORDER) {
      fx[target] = await buildFixture(ctx, target);
      ghost[target] = ghostFixture(fx[target]);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const db = () => t.database.db;
  const count = async (table: 'dossiers' | 'dossier_files' | 'tasks' | 'task_files' | 'commitments' | 'inspections' | 'inspection_files' | 'violations' | 'remediations' | 'discipline_records', column: string, value: string) =>
    (await db().selectFrom(table).select(sql<number>`count(*)::int`.as('n')).where(sql.ref(column), '=', value).executeTakeFirstOrThrow()).n;
  const period = `from=${YEAR}-01-01&to=${new Date().toISOString().slice(0, 10)}`;
  const inSubtree = (c: Case, unitIds: string[]) => {
    for (const id of unitIds) expect.soft(c.f.subtree.has(id), `unit ${id} outside ${c.f.unit.code}`).toBe(true);
  };

  const ENDPOINTS: Record<string, Endpoint> = {
    // ------------------------------------------------------------ dossiers
    'GET /dossiers?unitId': {
      expect: READ_ALL_STAFF,
      call: (x, { f }) => x.request('GET', `/api/v1/dossiers?unitId=${f.unit.id}&limit=200`),
      ok: (res, c) => {
        expect.soft(ids(res)).toContain(c.f.dossier.id);
        inSubtree(c, res.json<{ items: { unitId: string }[] }>().items.map((d) => d.unitId));
      },
    },
    'GET /dossiers/{id}': { expect: READ_ALL_STAFF, call: (x, { f }) => x.request('GET', `/api/v1/dossiers/${f.dossier.id}`), ok: (res, { f }) => expect.soft(res.json().code).toBe(f.dossier.code) },
    'GET /dossiers/figures?unitId': { expect: READ_ALL_STAFF, call: (x, { f }) => x.request('GET', `/api/v1/dossiers/figures?unitId=${f.unit.id}&${period}`), ok: (res) => expect.soft(res.json().received).toBeGreaterThan(0) },
    'GET /dossiers/{id}/files/{fileId}': {
      expect: READ_ALL_STAFF,
      call: (x, { f }) => x.request('GET', `/api/v1/dossiers/${f.dossier.id}/files/${f.dossierFileId}`),
      ok: (res) => expect.soft(res.rawPayload.equals(PDF_BYTES)).toBe(true),
    },
    'GET /dossiers/{id}/forms/receipt': {
      expect: costly(READ_ALL_STAFF),
      call: (x, { f }) => x.request('GET', `/api/v1/dossiers/${f.dossier.id}/forms/receipt`),
      ok: (res) => expect.soft(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-'),
    },
    'POST /dossiers/{id}/actions': {
      expect: WORK_DOSSIER,
      call: (x, { f, tag }) => x.request('POST', `/api/v1/dossiers/${f.dossier.id}/actions`, { type: 'record_visit', purpose: `Hỏi tiến độ ${tag}` }),
      state: async ({ f }) => db().selectFrom('dossiers').select(['visits', 'updated_at']).where('id', '=', f.dossier.id).executeTakeFirstOrThrow(),
    },
    'POST /dossiers/{id}/files': {
      expect: { ...WORK_DOSSIER, admin: ok201(ALL), truongphong: ok201(STP), chuyenvien: ok201(STP), motcua: ok201(STP), 'xa.truongphong': ok201(WARD) },
      call: (x, { f, tag }) => x.request('POST', `/api/v1/dossiers/${f.dossier.id}/files?kind=component&name=${tag}.pdf`, PDF_BYTES, { 'content-type': 'application/pdf' }),
      state: ({ tag }) => count('dossier_files', 'name', `${tag}.pdf`),
    },
    'POST /dossiers': {
      // Receiving is for counter officers and heads; another unit's procedure is not theirs (422 procedureId).
      expect: { admin: [201, 201, 201], lanhdao: NO, thanhtra: NO, truongphong: [201, 422, 422], chuyenvien: NO, motcua: [201, 422, 422], 'xa.truongphong': [422, 201, 422], anonymous: OUT },
      call: (x, { f, tag }) =>
        x.request('POST', '/api/v1/dossiers', { procedureId: f.procedure.id, channel: 'counter', applicant: { fullName: `Người nộp ${tag}`, idNumber: freshIdNumber('male', 1979), phone: '0987000111' } }),
      state: ({ tag }) => count('dossiers', 'applicant_name', `Người nộp ${tag}`),
    },
    // ------------------------------------------------------------ procedures
    'GET /procedures?unitId': {
      expect: READ_ALL_STAFF,
      call: (x, { f }) => x.request('GET', `/api/v1/procedures?unitId=${f.unit.id}`),
      ok: (res, c) => {
        expect.soft(ids(res)).toContain(c.f.procedure.id);
        inSubtree(c, res.json<{ items: { unitId: string }[] }>().items.map((p) => p.unitId));
      },
    },
    'GET /procedures/{id}': { expect: READ_ALL_STAFF, call: (x, { f }) => x.request('GET', `/api/v1/procedures/${f.procedure.id}`), ok: (res, { f }) => expect.soft(res.json().id).toBe(f.procedure.id) },
    'PATCH /procedures/{id}': {
      expect: ADMIN_ONLY,
      call: (x, { f, tag, succeed }) => x.request('PATCH', `/api/v1/procedures/${f.procedure.id}`, { name: succeed ? PROCEDURE_NAME : `Đổi tên trái phép ${tag}` }),
      state: async ({ f }) => db().selectFrom('procedures').select(['name', 'updated_at']).where('id', '=', f.procedure.id).executeTakeFirstOrThrow(),
    },
    // ------------------------------------------------------------ tasks and commitments
    'GET /tasks?view=all&unitId': {
      expect: READ_ALL_STAFF,
      call: (x, { f }) => x.request('GET', `/api/v1/tasks?view=all&unitId=${f.unit.id}&limit=200`),
      ok: (res, c) => {
        if (!res.json().nextCursor) expect.soft(ids(res)).toContain(c.f.taskId);
        inSubtree(c, res.json<{ items: { unitId: string }[] }>().items.map((x) => x.unitId));
      },
    },
    'GET /tasks/{id}': { expect: READ_ALL_STAFF, call: (x, { f }) => x.request('GET', `/api/v1/tasks/${f.taskId}`), ok: (res, { f }) => expect.soft(res.json().id).toBe(f.taskId) },
    'GET /tasks/figures?unitId': { expect: READ_ALL_STAFF, call: (x, { f }) => x.request('GET', `/api/v1/tasks/figures?unitId=${f.unit.id}&${period}`) },
    'GET /tasks/{id}/files/{fileId}': {
      expect: READ_ALL_STAFF,
      call: (x, { f }) => x.request('GET', `/api/v1/tasks/${f.taskId}/files/${f.taskFileId}`),
      ok: (res) => expect.soft(res.rawPayload.equals(PDF_BYTES)).toBe(true),
    },
    'POST /tasks/{id}/actions': {
      // Judging a task (here: cancelling it) is for whoever assigns in the unit; readers get 403, outsiders 404.
      expect: { admin: ALL, lanhdao: ALL, thanhtra: NO, truongphong: STP, chuyenvien: [403, 404, 404], motcua: [403, 404, 404], 'xa.truongphong': WARD, anonymous: OUT },
      call: async (x, { f, tag, succeed }) => x.request('POST', `/api/v1/tasks/${succeed ? await createTask(ctx, f.head.id) : f.taskId}/actions`, { type: 'cancel', reason: `Hủy ${tag}` }),
      ok: (res) => expect.soft(res.json().status).toBe('cancelled'),
      state: async ({ f }) => db().selectFrom('tasks').select(['status', 'updated_at']).where('id', '=', f.taskId).executeTakeFirstOrThrow(),
    },
    'POST /tasks/{id}/files': {
      // Evidence comes from the task's owner (each fixture task is owned by its unit's head).
      expect: { admin: NO, lanhdao: [403, 403, 201], thanhtra: NO, truongphong: [201, 404, 404], chuyenvien: [403, 404, 404], motcua: [403, 404, 404], 'xa.truongphong': [404, 201, 404], anonymous: OUT },
      call: (x, { f, tag }) => x.request('POST', `/api/v1/tasks/${f.taskId}/files?name=${tag}.pdf`, PDF_BYTES, { 'content-type': 'application/pdf' }),
      state: ({ tag }) => count('task_files', 'name', `${tag}.pdf`),
    },
    'POST /tasks': {
      expect: { admin: ok201(ALL), lanhdao: ok201(ALL), thanhtra: NO, truongphong: [201, 422, 422], chuyenvien: NO, motcua: NO, 'xa.truongphong': [422, 201, 422], anonymous: OUT },
      call: (x, { f, tag }) =>
        x.request('POST', '/api/v1/tasks', {
          title: `Nhiệm vụ ${tag}`,
          description: 'Rà soát',
          ownerId: f.head.id,
          accountableId: f.head.id,
          dueAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
          expectedResult: 'Báo cáo',
          authority: 'Quyết định giao việc',
        }),
      state: ({ tag }) => count('tasks', 'title', `Nhiệm vụ ${tag}`),
    },
    'GET /commitments?unitId': {
      expect: READ_ALL_STAFF,
      call: (x, { f }) => x.request('GET', `/api/v1/commitments?year=${YEAR}&unitId=${f.unit.id}`),
      ok: (res, c) => {
        expect.soft(ids(res)).toContain(c.f.commitmentId);
        inSubtree(c, res.json<{ items: { unitId: string }[] }>().items.map((x) => x.unitId));
      },
    },
    'GET /commitments/hard-task-quotas?unitId': { expect: READ_ALL_STAFF, call: (x, { f }) => x.request('GET', `/api/v1/commitments/hard-task-quotas?year=${YEAR}&unitId=${f.unit.id}`) },
    'POST /commitments': {
      // A collective commitment of the target unit: only who manages commitments there.
      expect: { admin: ok201(ALL), lanhdao: ok201(ALL), thanhtra: NO, truongphong: [201, 403, 403], chuyenvien: NO, motcua: NO, 'xa.truongphong': [403, 201, 403], anonymous: OUT },
      call: (x, { f, tag }) => x.request('POST', '/api/v1/commitments', { year: YEAR, kind: 'follow_uncle_ho', unitId: f.unit.id, title: `Cam kết ${tag}` }),
      state: ({ tag }) => count('commitments', 'title', `Cam kết ${tag}`),
    },
    'POST /commitments/{id}/evaluation': {
      expect: EVALUATE,
      call: (x, { f, tag }) => x.request('POST', `/api/v1/commitments/${f.commitmentId}/evaluation`, { evaluation: 'done', note: `Đánh giá ${tag}` }),
      state: async ({ f }) => db().selectFrom('commitments').select(['evaluation_note', 'updated_at']).where('id', '=', f.commitmentId).executeTakeFirstOrThrow(),
    },
    // ------------------------------------------------------------ complaints
    'GET /complaints?unitId': {
      expect: READ_HEADS,
      call: (x, { f }) => x.request('GET', `/api/v1/complaints?unitId=${f.unit.id}&limit=200`),
      ok: (res, c) => {
        expect.soft(ids(res)).toContain(c.f.complaint.id);
        inSubtree(c, res.json<{ items: { unitId: string }[] }>().items.map((x) => x.unitId));
      },
    },
    'GET /complaints/{id}': { expect: READ_HEADS, call: (x, { f }) => x.request('GET', `/api/v1/complaints/${f.complaint.id}`), ok: (res, { f }) => expect.soft(res.json().contact.phone).toBe(f.complaint.phone) },
    'POST /complaints/{id}/assign': {
      expect: READ_HEADS,
      call: (x, { f }) => x.request('POST', `/api/v1/complaints/${f.complaint.id}/assign`, { officialId: f.head.id }),
      state: async ({ f }) => db().selectFrom('complaints').select(['status', 'assigned_official_id', 'updated_at']).where('id', '=', f.complaint.id).executeTakeFirstOrThrow(),
    },
    // The caller's own complaint, handed to the target unit's head or upheld against its official:
    // nobody is named out of the caller's scope, and such a name answers as one that does not exist.
    'POST /complaints/{mine}/assign → target official': {
      expect: { ...READ_HEADS, truongphong: [200, 422, 422], 'xa.truongphong': [422, 200, 422] },
      call: (x, { f, home }) => x.request('POST', `/api/v1/complaints/${home.complaint.id}/assign`, { officialId: f.head.id }),
      state: async ({ home }) => db().selectFrom('complaints').select(['status', 'assigned_official_id', 'updated_at']).where('id', '=', home.complaint.id).executeTakeFirstOrThrow(),
    },
    'POST /complaints/{mine}/answer → violation of a target official': {
      expect: { ...READ_HEADS, truongphong: [200, 422, 422], 'xa.truongphong': [422, 200, 422] },
      call: async (x, { f, home, tag, succeed }) => {
        // Answered once only: a success answers a complaint filed for the case.
        let id = home.complaint.id;
        if (succeed) {
          const filed = await asCitizen(t, 'POST', '/api/v1/public/complaints', { kind: 'attitude', description: `Phản ánh kiểm thử ${tag} về thái độ phục vụ`, unitId: home.unit.id, anonymous: true });
          id = (await db().selectFrom('complaints').select('id').where('tracking_code', '=', filed.json().trackingCode).executeTakeFirstOrThrow()).id;
        }
        return x.request('POST', `/api/v1/complaints/${id}/answer`, { answer: `Trả lời ${tag}`, outcome: 'upheld', violation: { ruleId: ctx.ruleIds[0], severity: 'minor', officialId: f.member.id } });
      },
      ok: async (res, { f }) => {
        const violation = await db().selectFrom('violations').select('official_id').where('id', '=', res.json().violationId).executeTakeFirstOrThrow();
        expect.soft(violation.official_id).toBe(f.member.id);
      },
      state: async ({ home }) => db().selectFrom('complaints').select(['status', 'answer', 'violation_id']).where('id', '=', home.complaint.id).executeTakeFirstOrThrow(),
    },
    // ------------------------------------------------------------ inspections and violations
    'GET /inspections?unitId': { expect: READ_HEADS, call: (x, { f }) => x.request('GET', `/api/v1/inspections?unitId=${f.unit.id}`), ok: (res, { f }) => expect.soft(ids(res)).toContain(f.inspectionId) },
    'GET /inspections/{id}': { expect: READ_HEADS, call: (x, { f }) => x.request('GET', `/api/v1/inspections/${f.inspectionId}`), ok: (res, { f }) => expect.soft(res.json().id).toBe(f.inspectionId) },
    'GET /inspections/{id}/photos/{fileId}': {
      expect: READ_HEADS,
      call: (x, { f }) => x.request('GET', `/api/v1/inspections/${f.inspectionId}/photos/${f.photoId}`),
      ok: (res) => expect.soft(res.rawPayload.equals(JPEG_BYTES)).toBe(true),
    },
    'GET /inspections/{id}/conclusion.pdf': {
      expect: costly(READ_HEADS),
      call: (x, { f }) => x.request('GET', `/api/v1/inspections/${f.inspectionId}/conclusion.pdf`),
      ok: (res, { f }) => expect.soft(pdfText(res.rawPayload)).toContain(f.member.fullName),
    },
    'POST /inspections': {
      expect: INSPECTORS,
      call: (x, { f, tag }) =>
        x.request('POST', '/api/v1/inspections', { title: `Kiểm tra ${tag}`, surprise: false, leadId: ctx.inspectorOfficialId, targetUnitIds: [f.unit.id], ruleIds: ctx.ruleIds, scheduledAt: new Date().toISOString() }),
      state: ({ tag }) => count('inspections', 'title', `Kiểm tra ${tag}`),
    },
    'POST /inspections/{id}/photos': {
      // Only the inspection team adds evidence; the administrator is not on the team.
      expect: { ...INSPECTORS, admin: NO },
      call: (x, { f, tag }) => x.request('POST', `/api/v1/inspections/${f.inspectionId}/photos?name=${tag}.jpg`, JPEG_BYTES, { 'content-type': 'image/jpeg' }),
      state: ({ tag }) => count('inspection_files', 'name', `${tag}.jpg`),
    },
    'GET /violations?unitId': { expect: READ_HEADS, call: (x, { f }) => x.request('GET', `/api/v1/violations?unitId=${f.unit.id}`), ok: (res, { f }) => expect.soft(ids(res)).toContain(f.violationId) },
    'POST /violations': {
      expect: INSPECTORS,
      call: (x, { f, tag }) => x.request('POST', '/api/v1/violations', { unitId: f.unit.id, ruleId: ctx.ruleIds[0], severity: 'minor', description: `Vi phạm ${tag}` }),
      state: ({ tag }) => count('violations', 'description', `Vi phạm ${tag}`),
    },
    'POST /violations/{id}/remediations': {
      expect: INSPECTORS,
      call: (x, { f, tag }) => x.request('POST', `/api/v1/violations/${f.violationId}/remediations`, { action: `Khắc phục ${tag}`, ownerId: f.member.id, dueAt: new Date(Date.now() + 9 * 86_400_000).toISOString() }),
      state: ({ tag }) => count('remediations', 'action', `Khắc phục ${tag}`),
    },
    'POST /remediations/{id}/progress (not the owner)': {
      // Only the remediation's owner reports it done: who can see it gets 403, anyone else 404.
      expect: { admin: NO, lanhdao: NO, thanhtra: NO, truongphong: [403, 404, 404], chuyenvien: NONE, motcua: NONE, 'xa.truongphong': [404, 403, 404], anonymous: OUT },
      call: (x, { f, tag }) => x.request('POST', `/api/v1/remediations/${f.remediationId}/progress`, { step: 'done', note: `Đã xong ${tag}` }),
      state: async ({ f }) => db().selectFrom('remediations').select(['status', 'done_at']).where('id', '=', f.remediationId).executeTakeFirstOrThrow(),
    },
    'POST /remediations/{id}/progress (verify)': {
      // Verifying is the inspectors' (here too early: 409); everyone else is refused before the id is looked up.
      expect: { admin: [409, 409, 409], lanhdao: NO, thanhtra: [409, 409, 409], truongphong: NO, chuyenvien: NO, motcua: NO, 'xa.truongphong': NO, anonymous: OUT },
      call: (x, { f, tag }) => x.request('POST', `/api/v1/remediations/${f.remediationId}/progress`, { step: 'verify', note: `Xác minh ${tag}` }),
      state: async ({ f }) => db().selectFrom('remediations').select(['status', 'verified_at']).where('id', '=', f.remediationId).executeTakeFirstOrThrow(),
    },
    // ------------------------------------------------------------ evaluation
    'GET /evaluation/unit-month?unitId': {
      expect: costly(EVALUATE),
      call: (x, { f }) => x.request('GET', `/api/v1/evaluation/unit-month?month=${MONTH}&unitId=${f.unit.id}`),
      ok: (res, { f }) => {
        const items = res.json<{ items: { scorecardId: string }[] }>().items;
        expect.soft(items.length).toBeGreaterThan(0);
        if (items.length < 2000) expect.soft(items.map((i) => i.scorecardId)).toContain(f.scorecardId);
      },
    },
    'GET /evaluation/classifications?unitId': { expect: costly(EVALUATE), call: (x, { f }) => x.request('GET', `/api/v1/evaluation/classifications?year=${YEAR}&unitId=${f.unit.id}`) },
    'GET /evaluation/scorecards/{id}': {
      // Not one's own card: readable by evaluators in scope only; for everyone else it does not exist.
      expect: { ...EVALUATE, thanhtra: NONE, chuyenvien: NONE, motcua: NONE },
      call: (x, { f }) => x.request('GET', `/api/v1/evaluation/scorecards/${f.scorecardId}`),
      ok: (res, { f }) => expect.soft(res.json().officialName).toBe(f.member.fullName),
    },
    'POST /evaluation/scorecards/{id}/head': {
      expect: EVALUATE,
      call: (x, { f, tag }) => x.request('POST', `/api/v1/evaluation/scorecards/${f.scorecardId}/head`, { general: 27, task: 61, reason: `Chấm ${tag}` }),
      state: async ({ f }) => db().selectFrom('scorecards').select(['status', 'head_general', 'head_task', 'head_reason']).where('id', '=', f.scorecardId).executeTakeFirstOrThrow(),
    },
    'POST /evaluation/scorecards/{id}/self (not the owner)': {
      // Someone else's card: 403 to who may read it, to anyone else the 404 of a card that does not exist.
      expect: { admin: NO, lanhdao: NO, thanhtra: NONE, truongphong: [403, 404, 404], chuyenvien: NONE, motcua: NONE, 'xa.truongphong': [404, 403, 404], anonymous: OUT },
      call: (x, { f }) => x.request('POST', `/api/v1/evaluation/scorecards/${f.scorecardId}/self`, { general: 30, task: 70 }),
      state: async ({ f }) => db().selectFrom('scorecards').select(['self_general', 'self_task', 'updated_at']).where('id', '=', f.scorecardId).executeTakeFirstOrThrow(),
    },
    'POST /evaluation/scorecards/{id}/peer (not a reviewer)': {
      expect: { admin: NO, lanhdao: NO, thanhtra: NONE, truongphong: [403, 404, 404], chuyenvien: NONE, motcua: NONE, 'xa.truongphong': [404, 403, 404], anonymous: OUT },
      call: (x, { f }) => x.request('POST', `/api/v1/evaluation/scorecards/${f.scorecardId}/peer`, { score: 100 }),
      state: async ({ f }) => db().selectFrom('scorecards').select(['peer_mean', 'updated_at']).where('id', '=', f.scorecardId).executeTakeFirstOrThrow(),
    },
    'POST /evaluation/months/close': { expect: EVALUATE, call: (x, { f }) => x.request('POST', '/api/v1/evaluation/months/close', { month: '2030-01', unitId: f.unit.id }) },
    'POST /evaluation/classifications/propose': {
      // Proposing writes a row per official in the unit's subtree.
      expect: costly(EVALUATE),
      call: (x, { f }) => x.request('POST', '/api/v1/evaluation/classifications/propose', { year: 2021, unitId: f.unit.id }),
    },
    'POST /evaluation/discipline': {
      expect: { admin: ok201(ALL), lanhdao: ok201(ALL), thanhtra: NO, truongphong: [201, 422, 422], chuyenvien: NO, motcua: NO, 'xa.truongphong': [422, 201, 422], anonymous: OUT },
      call: (x, { f, tag }) =>
        x.request('POST', '/api/v1/evaluation/discipline', { officialId: f.member.id, form: 'reprimand', dutyRelated: true, decisionNo: `QĐ-${tag}`, decidedAt: `${YEAR}-01-15`, reason: 'Vi phạm giờ giấc' }),
      state: ({ tag }) => count('discipline_records', 'decision_no', `QĐ-${tag}`),
    },
    // ------------------------------------------------------------ metrics and reports
    'GET /metrics/overview?unitId': {
      expect: READ_HEADS,
      call: (x, { f }) => x.request('GET', `/api/v1/metrics/overview?unitId=${f.unit.id}&period=month&at=${MONTH}`),
      ok: (res, c) => {
        expect.soft(res.json().unit.id).toBe(c.f.unit.id);
        inSubtree(c, res.json<{ children: { unitId: string }[] }>().children.map((x) => x.unitId));
      },
    },
    'GET /metrics/trend?unitId': { expect: READ_HEADS, call: (x, { f }) => x.request('GET', `/api/v1/metrics/trend?unitId=${f.unit.id}`), ok: (res) => expect.soft(res.json().points).toHaveLength(12) },
    'GET /metrics/reports/file?format=xlsx': {
      expect: costly(READ_HEADS),
      call: (x, { f }) => x.request('GET', `/api/v1/metrics/reports/file?unitId=${f.unit.id}&period=month&at=${MONTH}&format=xlsx`),
      ok: async (res, { f }) => expect.soft((await xlsxCells(res.rawPayload)).join('\n')).toContain(f.unit.name),
    },
  };

  /** Endpoints without a target unit: user → status. */
  const everyone = (ok: number): Record<User, number> => ({ admin: ok, lanhdao: ok, thanhtra: ok, truongphong: ok, chuyenvien: ok, motcua: ok, 'xa.truongphong': ok, anonymous: 401 });
  const only = (ok: number, users: User[]): Record<User, number> => Object.fromEntries(USERS.map((u) => [u, u === 'anonymous' ? 401 : users.includes(u) ? ok : 403])) as Record<User, number>;
  const GLOBAL: Record<string, { expect: Record<User, number>; call(s: Session, tag: string): Promise<LightMyRequestResponse>; state?(tag: string): Promise<unknown>; audited?: false }> = {
    'GET /calendar/2026': { expect: everyone(200), call: (x) => x.request('GET', '/api/v1/calendar/2026') },
    'GET /calendar/due': { expect: everyone(200), call: (x) => x.request('GET', '/api/v1/calendar/due?received=2026-11-20T10:00:00%2B07:00&days=3') },
    'PUT /calendar/2099': {
      expect: only(200, ['admin']),
      call: (x, tag) => x.request('PUT', '/api/v1/calendar/2099', { year: 2099, sources: [`Thông báo ${tag}`], extraDaysOff: [], swaps: [] }),
      state: async () => (await db().selectFrom('calendar_announcements').selectAll().where('year', '=', 2099).executeTakeFirst()) ?? null,
    },
    'GET /procedures/import-template.csv': { expect: everyone(200), call: (x) => x.request('GET', '/api/v1/procedures/import-template.csv') },
    'POST /procedures': {
      expect: only(201, ['admin']),
      call: (x, tag) => x.request('POST', '/api/v1/procedures', { code: `MX.${tag}`, name: `Thủ tục ${tag}`, field: 'Kiểm thử', unitId: fx.own.unit.id, processingDays: 3 }),
      state: async (tag) => (await db().selectFrom('procedures').select('id').where('code', '=', `MX.${tag}`).execute()).length,
    },
    'POST /procedures/import?dryRun=true': {
      expect: only(200, ['admin']),
      call: (x) => x.request('POST', '/api/v1/procedures/import?dryRun=true', procedureTemplateCsv(), { 'content-type': 'text/csv' }),
      audited: false,
    },
    'GET /rules': { expect: everyone(200), call: (x) => x.request('GET', '/api/v1/rules') },
    'POST /rules': {
      expect: only(201, ['admin']),
      call: (x, tag) => x.request('POST', '/api/v1/rules', { code: `MX.${tag}`, category: 'other', title: `Quy tắc ${tag}`, body: 'Nội dung', effectiveFrom: '2026-01-01' }),
      state: async (tag) => (await db().selectFrom('rules').select('id').where('code', '=', `MX.${tag}`).execute()).length,
    },
    'GET /inspection-plans': { expect: only(200, ['admin', 'lanhdao', 'thanhtra', 'truongphong', 'xa.truongphong']), call: (x) => x.request('GET', `/api/v1/inspection-plans?year=${YEAR}`) },
    'POST /inspection-plans': {
      expect: only(201, ['admin', 'thanhtra']),
      call: (x, tag) => x.request('POST', '/api/v1/inspection-plans', { year: YEAR, kind: 'ad_hoc', title: `Kế hoạch ${tag}` }),
      state: async (tag) => (await db().selectFrom('inspection_plans').select('id').where('title', '=', `Kế hoạch ${tag}`).execute()).length,
    },
    'GET /inspections/suggestions': { expect: only(200, ['admin', 'thanhtra']), call: (x) => x.request('GET', '/api/v1/inspections/suggestions') },
    'GET /evaluation/me': { expect: everyone(200), call: (x) => x.request('GET', '/api/v1/evaluation/me') },
    'GET /evaluation/peer-inbox': { expect: everyone(200), call: (x) => x.request('GET', '/api/v1/evaluation/peer-inbox') },
    'GET /evaluation/templates': { expect: only(200, ['admin', 'lanhdao', 'truongphong', 'xa.truongphong']), call: (x) => x.request('GET', '/api/v1/evaluation/templates') },
    'POST /evaluation/templates': {
      // Templates are issued by the province: a unit head's scope is not enough.
      expect: only(201, ['admin', 'lanhdao']),
      call: (x, tag) =>
        x.request('POST', '/api/v1/evaluation/templates', {
          unitKind: 'division',
          name: `Mẫu ${tag}`,
          criteria: [
            { code: 'C1', name: 'Tiêu chí chung', group: 'general', max: 30 },
            { code: 'C2', name: 'Kết quả nhiệm vụ', group: 'task', max: 70 },
          ],
          deductions: { violation: 5, upheldComplaint: 3 },
          headReasonMargin: 10,
        }),
      state: async (tag) => (await db().selectFrom('score_templates').select('id').where('name', '=', `Mẫu ${tag}`).execute()).length,
    },
    'GET /evaluation/discipline': { expect: only(200, ['admin', 'lanhdao', 'truongphong', 'xa.truongphong']), call: (x) => x.request('GET', `/api/v1/evaluation/discipline?year=${YEAR}`) },
    'GET /evaluation/commendations': { expect: only(200, ['admin', 'lanhdao', 'truongphong', 'xa.truongphong']), call: (x) => x.request('GET', `/api/v1/evaluation/commendations?year=${YEAR}`) },
    'GET /evaluation/flat-units': { expect: only(200, ['admin', 'lanhdao', 'truongphong', 'xa.truongphong']), call: (x) => x.request('GET', `/api/v1/evaluation/flat-units?month=${MONTH}`) },
    'POST /evaluation/commendations/propose': { expect: only(200, ['admin', 'lanhdao', 'truongphong', 'xa.truongphong']), call: (x) => x.request('POST', '/api/v1/evaluation/commendations/propose', { year: 2021 }) },
    // Decisions of the council (province level): a head is refused before the id is even looked up.
    'POST /evaluation/classifications/{missing}/decision': {
      expect: only(404, ['admin', 'lanhdao']),
      call: (x) => x.request('POST', `/api/v1/evaluation/classifications/${ghost.own.scorecardId}/decision`, { level: 'good', reason: 'x' }),
    },
    'POST /evaluation/unit-classifications/{missing}/decision': {
      expect: only(404, ['admin', 'lanhdao']),
      call: (x) => x.request('POST', `/api/v1/evaluation/unit-classifications/${ghost.own.scorecardId}/decision`, { level: 'good', reason: 'x' }),
    },
    'POST /evaluation/commendations/{missing}/decision': {
      expect: only(404, ['admin', 'lanhdao', 'truongphong', 'xa.truongphong']),
      call: (x) => x.request('POST', `/api/v1/evaluation/commendations/${ghost.own.scorecardId}/decision`, { approve: false }),
    },
    'GET /metrics/heads': { expect: only(200, ['admin', 'lanhdao', 'thanhtra', 'truongphong', 'xa.truongphong']), call: (x) => x.request('GET', `/api/v1/metrics/heads?period=month&at=${MONTH}`) },
    'GET /metrics/tree': { expect: only(200, ['admin', 'lanhdao', 'thanhtra', 'truongphong', 'xa.truongphong']), call: (x) => x.request('GET', `/api/v1/metrics/tree?period=month&at=${MONTH}`) },
    'GET /metrics/reports': { expect: only(200, ['admin', 'lanhdao', 'thanhtra', 'truongphong', 'xa.truongphong']), call: (x) => x.request('GET', '/api/v1/metrics/reports') },
    'GET /metrics/reports/archive/{missing}': {
      expect: only(404, ['admin', 'lanhdao', 'thanhtra', 'truongphong', 'xa.truongphong']),
      call: (x) => x.request('GET', `/api/v1/metrics/reports/archive/${ghost.own.scorecardId}`),
    },
    // Every logged-in official has own figures; the administrator's account is linked to none.
    'GET /metrics/me': { expect: { ...everyone(200), admin: 404 }, call: (x) => x.request('GET', `/api/v1/metrics/me?period=month&at=${MONTH}`) },
    'GET /audit': { expect: only(200, ['admin', 'thanhtra']), call: (x) => x.request('GET', `/api/v1/audit?entityType=dossier&entityId=${fx.own.dossier.id}`) },
    // Integrations take API tokens only: a browser session is refused whoever holds it.
    'POST /integrations/dossier-events (session)': {
      expect: { ...everyone(403) },
      call: (x, tag) => x.request('POST', '/api/v1/integrations/dossier-events', { source: 'ma-tran', events: [{ ma_ho_so: tag }] }, { 'idempotency-key': `key-${tag}` }),
    },
  };

  describe('role × endpoint without a target unit', () => {
    for (const [name, endpoint] of Object.entries(GLOBAL)) {
      const write = !name.startsWith('GET ');
      it(name, async () => {
        for (const user of USERS) {
          const status = endpoint.expect[user];
          const tag = `${L}${++caseNo}`;
          const label = `${user} · ${name}`;
          const before = await auditSeq(t);
          const state = await endpoint.state?.(tag);
          const res = await endpoint.call(s[user], tag);
          expect.soft(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBe(status);
          const after = await auditSeq(t);
          if (status < 300) {
            if (write && endpoint.audited !== false) expect.soft(after, `${label} is audited`).toBeGreaterThan(before);
            if (!write) expect.soft(after, `${label} reads only`).toBe(before);
            continue;
          }
          expect.soft(res.headers['content-type'], label).toMatch(/^application\/problem\+json/);
          expect.soft(after, `${label} wrote nothing`).toBe(before);
          if (endpoint.state) expect.soft(await endpoint.state(tag), `${label} left the rows as they were`).toEqual(state);
        }
      });
    }
  });

  /** A refusal is a problem+json that names nothing of the target, and answers like an id that does not exist. */
  async function checkRefusal(label: string, endpoint: Endpoint, session: Session, c: Case, target: Target, res: LightMyRequestResponse, outside: boolean) {
    expect.soft(res.headers['content-type'], label).toMatch(/^application\/problem\+json/);
    const body = res.json<Problem>();
    const code = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' }[res.statusCode];
    if (code) expect.soft(body.code, label).toBe(code);
    for (const secret of [c.f.head.fullName, c.f.member.fullName, c.f.dossier.code, c.f.dossier.idNumber, c.f.complaint.trackingCode, c.f.complaint.phone]) {
      expect.soft(res.body.includes(secret), `${label} names ${secret}`).toBe(false);
    }
    // Outside the caller's scope every refusal, inside it a 404 or 422, must not tell the object from nothing.
    if (!outside && res.statusCode !== 404 && res.statusCode !== 422) return;
    const twin = await endpoint.call(session, { ...c, f: ghost[target] });
    expect.soft(twin.statusCode, `${label}: an id that does not exist`).toBe(res.statusCode);
    const other = twin.json<Problem>();
    expect.soft(other.code, `${label}: same problem code as a missing id`).toBe(body.code);
    expect.soft((other.errors ?? []).map((e) => e.field), `${label}: same fields as a missing id`).toEqual((body.errors ?? []).map((e) => e.field));
    if (res.statusCode === 404) expect.soft(twin.body, `${label}: same body as a missing id`).toBe(res.body);
  }

  describe('role × target × endpoint', () => {
    for (const [name, endpoint] of Object.entries(ENDPOINTS)) {
      const write = !name.startsWith('GET ');
      it(name, async () => {
        for (const user of USERS) {
          for (const [i, target] of TARGET_ORDER.entries()) {
            const status = endpoint.expect[user][i]!;
            if (status === SKIP) continue;
            const c: Case = { f: fx[target], tag: `${L}${++caseNo}`, succeed: status < 300, home: user === 'xa.truongphong' ? fx.other : fx.own };
            const label = `${user} · ${name} · ${target} (${c.f.unit.code})`;
            const before = await auditSeq(t);
            const state = status >= 300 ? await endpoint.state?.(c) : undefined;
            const res = await endpoint.call(s[user], c);
            expect.soft(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBe(status);
            if (res.statusCode !== status) continue;
            const after = await auditSeq(t);
            if (status < 300) {
              await endpoint.ok?.(res, c);
              if (write) expect.soft(after, `${label} is audited`).toBeGreaterThan(before);
              else expect.soft(after, `${label} reads only`).toBe(before);
              continue;
            }
            expect.soft(after, `${label} wrote nothing`).toBe(before);
            if (endpoint.state) expect.soft(await endpoint.state(c), `${label} left the rows as they were`).toEqual(state);
            await checkRefusal(label, endpoint, s[user], c, target, res, READ_ALL_STAFF[user][i] !== 200);
          }
        }
      });
    }
  });
});
