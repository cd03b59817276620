/**
 * Shared ground for the module access matrix (access-matrix-modules / -leaks): the demo roles, the
 * three target units seen from the Sở Tư pháp staff, and one object of every kind in each target —
 * a procedure, a dossier with a scan, a "5 rõ" task with evidence, a commitment, a citizen's
 * complaint, a concluded inspection with a photo, its violation and remediation, and a scorecard —
 * all made through the API as the people who make them in real life.
 */
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { lastCompleteMonth } from '../../src/domain/evaluation/month-steps.ts';
import { type Session, type TestApp, login } from '../support/app.ts';
import { type Unit, freshIdNumber, subtreeIds, unitsByCode } from './org-helpers.ts';

export const USERS = ['admin', 'lanhdao', 'thanhtra', 'truongphong', 'chuyenvien', 'motcua', 'xa.truongphong', 'anonymous'] as const;
export type User = (typeof USERS)[number];

/** From the Sở Tư pháp staff's point of view; for xa.truongphong "other" is the own ward. */
export const TARGETS = { own: 'STP', other: 'P.VINHYEN', parent: 'PT' } as const;
export type Target = keyof typeof TARGETS;
export const TARGET_ORDER: Target[] = ['own', 'other', 'parent'];

/** The head of each target unit, who owns its fixture task and uploads the task's evidence. */
const HEAD_ACCOUNT: Record<Target, User> = { own: 'truongphong', other: 'xa.truongphong', parent: 'lanhdao' };

/** The month being scored in the demo data (the last complete one). */
export const MONTH = lastCompleteMonth(new Date());
export const YEAR = Number(MONTH.slice(0, 4));

/** Same words in every target, so a search that ignores the scope finds all three. */
export const APPLICANT_NAME = 'Đặng Thị Ma Trận';
export const PROCEDURE_NAME = 'Thủ tục kiểm thử ma trận phân quyền';
export const TASK_TITLE = 'Nhiệm vụ kiểm thử ma trận phân quyền';

export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const JPEG_BYTES = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);

export interface Person {
  id: string;
  fullName: string;
}

export interface ModuleFixture {
  unit: { id: string; code: string; name: string };
  /** Ids of the unit and its descendants. */
  subtree: Set<string>;
  head: Person;
  /** An official of the unit itself with no demo account: the scorecard's owner and the remediation's. */
  member: Person;
  procedure: { id: string; name: string };
  dossier: { id: string; code: string; idNumber: string; phone: string; email: string; address: string };
  dossierFileId: string;
  taskId: string;
  taskFileId: string;
  commitmentId: string;
  complaint: { id: string; trackingCode: string; token: string; phone: string; description: string };
  inspectionId: string;
  photoId: string;
  violationId: string;
  remediationId: string;
  scorecardId: string;
}

/** Every session of the matrix, the anonymous one included (no cookie, no CSRF token). */
export async function openSessions(t: TestApp): Promise<Record<User, Session>> {
  const s = {} as Record<User, Session>;
  for (const u of USERS) {
    if (u === 'anonymous') continue;
    s[u] = await login(t.app, u);
  }
  s.anonymous = {
    username: 'anonymous',
    cookie: '',
    csrfToken: '',
    request: (method, url, payload, headers = {}) =>
      t.app.inject({ method, url, headers, ...(payload === undefined ? {} : typeof payload === 'string' || Buffer.isBuffer(payload) ? { payload } : { payload: payload as object }) }),
  };
  return s;
}

let citizenIp = 10;
/** A citizen's request from an address of its own, so the public rate limits never decide a case. */
export function asCitizen(t: TestApp, method: 'GET' | 'POST', url: string, payload?: object): Promise<LightMyRequestResponse> {
  citizenIp += 1;
  return t.app.inject({ method, url, remoteAddress: `198.51.100.${citizenIp % 250}`, ...(payload ? { payload } : {}) });
}

function created(res: LightMyRequestResponse, what: string) {
  expect(res.statusCode, `${what}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

let phoneSerial = 1000;
const freshPhone = () => `0912${String(++phoneSerial).padStart(6, '0')}`;

export interface FixtureContext {
  t: TestApp;
  s: Record<User, Session>;
  units: Map<string, Unit>;
  ruleIds: string[];
  inspectorOfficialId: string;
}

export async function fixtureContext(t: TestApp, s: Record<User, Session>): Promise<FixtureContext> {
  const units = await unitsByCode(s.admin);
  const rules = created(await s.admin.request('GET', '/api/v1/rules'), 'rules').items as { id: string }[];
  const me = created(await s.thanhtra.request('GET', '/api/v1/me'), 'me');
  return { t, s, units, ruleIds: rules.slice(0, 1).map((r) => r.id), inspectorOfficialId: me.officialId };
}

/** A fresh "5 rõ" task owned by `ownerId`, assigned by the administrator. */
export async function createTask(ctx: FixtureContext, ownerId: string, title = TASK_TITLE): Promise<string> {
  const res = await ctx.s.admin.request('POST', '/api/v1/tasks', {
    title,
    description: `${title}: rà soát quy trình tiếp nhận hồ sơ`,
    ownerId,
    accountableId: ownerId,
    dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    expectedResult: 'Báo cáo rà soát',
    authority: 'Quyết định giao việc của Chủ tịch UBND tỉnh',
  });
  return created(res, 'task').id;
}

/** A concluded inspection of the target units: each answered and found at fault, a photo, a violation by each unit's named official. */
export async function createConcludedInspection(ctx: FixtureContext, targets: { unitId: string; official: Person }[], title: string) {
  const inspector = ctx.s.thanhtra;
  const unitIds = targets.map((x) => x.unitId);
  const inspection = created(
    await inspector.request('POST', '/api/v1/inspections', {
      title,
      surprise: false,
      leadId: ctx.inspectorOfficialId,
      targetUnitIds: unitIds,
      targetOfficialIds: targets.map((x) => x.official.id),
      ruleIds: ctx.ruleIds,
      scheduledAt: new Date().toISOString(),
    }),
    'inspection',
  );
  const id = inspection.id as string;
  created(await inspector.request('POST', `/api/v1/inspections/${id}/transition`, { action: 'start' }), 'start');
  for (const unitId of unitIds) {
    created(await inspector.request('POST', `/api/v1/inspections/${id}/answers`, { targetUnitId: unitId, itemIndex: 0, result: 'fail', note: `Ghi nhận tại đơn vị ${unitId}` }), 'answer');
    created(await inspector.request('POST', `/api/v1/inspections/${id}/findings`, { text: `Phát hiện riêng của đơn vị ${unitId}`, targetUnitId: unitId }), 'finding');
  }
  const photo = created(await inspector.request('POST', `/api/v1/inspections/${id}/photos?name=hien-truong.jpg`, JPEG_BYTES, { 'content-type': 'image/jpeg' }), 'photo');
  created(await inspector.request('POST', `/api/v1/inspections/${id}/transition`, { action: 'sign_off' }), 'sign off');
  const violations = targets.map(({ unitId, official }) => ({ unitId, officialId: official.id, ruleId: ctx.ruleIds[0], severity: 'minor', description: `Vi phạm ghi nhận tại đơn vị ${unitId}` }));
  created(await inspector.request('POST', `/api/v1/inspections/${id}/transition`, { action: 'conclude', conclusion: 'Yêu cầu chấn chỉnh.', violations }), 'conclude');
  return { id, photoId: photo.id as string };
}

/** The objects of one target unit. */
export async function buildFixture(ctx: FixtureContext, target: Target): Promise<ModuleFixture> {
  const { t, s } = ctx;
  const db = t.database.db;
  const unit = ctx.units.get(TARGETS[target])!;
  const unitPath = (await db.selectFrom('units').select('path').where('id', '=', unit.id).executeTakeFirstOrThrow()).path;
  const head = await db.selectFrom('officials').select(['id', 'full_name as fullName']).where('unit_id', '=', unit.id).where('is_head', '=', true).executeTakeFirstOrThrow();
  const headAccount = created(await s[HEAD_ACCOUNT[target]].request('GET', '/api/v1/me'), 'me');
  expect(headAccount.officialId, `${HEAD_ACCOUNT[target]} heads ${unit.code}`).toBe(head.id);

  // A scorecard of the month whose owner has no demo account and none of whose peers has one, made
  // ready for the head's score (its owner cannot log in to self-assess).
  const card = await db
    .selectFrom('scorecards as s')
    .innerJoin('officials as o', 'o.id', 's.official_id')
    .select(['s.id', 'o.id as officialId', 'o.full_name as fullName'])
    .innerJoin('units as u', 'u.id', 's.unit_id')
    // The unit's own officials first; Sở Tư pháp's few all have demo accounts, so its divisions too.
    .where((eb) => (target === 'parent' ? eb('s.unit_id', '=', unit.id) : eb('u.path', 'like', `${unitPath}%`)))
    .where('s.month', '=', MONTH)
    .where('o.is_head', '=', false)
    .where(sql<boolean>`not exists (select 1 from accounts a where a.official_id = o.id)`)
    .where(sql<boolean>`not exists (select 1 from peer_reviews p join accounts a on a.official_id = p.reviewer_id where p.scorecard_id = s.id)`)
    .orderBy(sql`s.unit_id = ${unit.id}`, 'desc')
    .orderBy('o.sort_key')
    .executeTakeFirstOrThrow();
  await db.updateTable('scorecards').set({ status: 'peer', self_general: 27, self_task: 60 }).where('id', '=', card.id).execute();
  const member = { id: card.officialId, fullName: card.fullName };

  const procedure = created(
    await s.admin.request('POST', '/api/v1/procedures', { code: 'MA-TRAN.01', name: PROCEDURE_NAME, field: 'Kiểm thử', unitId: unit.id, processingDays: 5, requiredDocuments: [{ name: 'Tờ khai', originals: 1, copies: 0 }] }),
    'procedure',
  );
  const applicant = { fullName: APPLICANT_NAME, idNumber: freshIdNumber('female', 1986), phone: freshPhone(), email: `ma.tran.${target}@example.vn`, address: `Số ${phoneSerial} đường Ma Trận` };
  const dossier = created(await s.admin.request('POST', '/api/v1/dossiers', { procedureId: procedure.id, channel: 'counter', applicant }), 'dossier');
  const file = created(await s.admin.request('POST', `/api/v1/dossiers/${dossier.id}/files?kind=component&name=to-khai.pdf`, PDF_BYTES, { 'content-type': 'application/pdf' }), 'dossier file');

  const taskId = await createTask(ctx, head.id);
  const taskFile = created(await s[HEAD_ACCOUNT[target]].request('POST', `/api/v1/tasks/${taskId}/files?name=minh-chung.pdf`, PDF_BYTES, { 'content-type': 'application/pdf' }), 'task file');
  const commitment = created(await s.admin.request('POST', '/api/v1/commitments', { year: YEAR, kind: 'follow_uncle_ho', unitId: unit.id, title: `Cam kết kiểm thử của ${unit.name}` }), 'commitment');

  const complaintPhone = freshPhone();
  const description = `Phản ánh kiểm thử ma trận về ${unit.name}: cán bộ hẹn lại nhiều lần`;
  const complaint = created(
    await asCitizen(t, 'POST', '/api/v1/public/complaints', { kind: 'attitude', description, unitId: unit.id, officialName: head.fullName, anonymous: false, contact: { name: 'Lê Văn Khiếu', phone: complaintPhone, email: `khieu.${target}@example.vn` } }),
    'complaint',
  );
  const complaintRow = await db.selectFrom('complaints').select(['id', 'token']).where('tracking_code', '=', complaint.trackingCode).executeTakeFirstOrThrow();

  const inspection = await createConcludedInspection(ctx, [{ unitId: unit.id, official: member }], `Kiểm tra ma trận tại ${unit.name}`);
  const violation = await db.selectFrom('violations').select('id').where('inspection_id', '=', inspection.id).executeTakeFirstOrThrow();
  const remediation = created(
    await s.thanhtra.request('POST', `/api/v1/violations/${violation.id}/remediations`, { action: 'Chấn chỉnh', ownerId: member.id, dueAt: new Date(Date.now() + 14 * 86_400_000).toISOString() }),
    'remediation',
  );

  return {
    unit: { id: unit.id, code: unit.code, name: unit.name },
    subtree: subtreeIds(ctx.units.values(), unit.id),
    head,
    member,
    procedure: { id: procedure.id, name: PROCEDURE_NAME },
    dossier: { id: dossier.id, code: dossier.code, idNumber: applicant.idNumber, phone: applicant.phone, email: applicant.email, address: applicant.address },
    dossierFileId: file.id,
    taskId,
    taskFileId: taskFile.id,
    commitmentId: commitment.id,
    complaint: { id: complaintRow.id, trackingCode: complaint.trackingCode, token: complaintRow.token, phone: complaintPhone, description },
    inspectionId: inspection.id,
    photoId: inspection.photoId,
    violationId: violation.id,
    remediationId: remediation.id,
    scorecardId: card.id,
  };
}

/** The same shape, every id fresh and every code unused: what "does not exist" answers. */
export function ghostFixture(like: ModuleFixture): ModuleFixture {
  const id = () => randomUUID();
  return {
    ...like,
    unit: { ...like.unit, id: id() },
    head: { ...like.head, id: id() },
    member: { ...like.member, id: id() },
    procedure: { ...like.procedure, id: id() },
    dossier: { ...like.dossier, id: id(), code: `${like.dossier.code.slice(0, -4)}9999` },
    dossierFileId: id(),
    taskId: id(),
    taskFileId: id(),
    commitmentId: id(),
    complaint: { ...like.complaint, id: id(), trackingCode: 'PA-000101-ZZZZZ', token: id() },
    inspectionId: id(),
    photoId: id(),
    violationId: id(),
    remediationId: id(),
    scorecardId: id(),
  };
}

/** The seq of the newest audit row: every mutation appends one, so an unchanged seq means nothing was written. */
export async function auditSeq(t: TestApp): Promise<number> {
  const r = await t.database.db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(r.seq);
}

/** Text of a PDF, through poppler's pdftotext (installed by .ci/run). */
export function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matrix-'));
  const file = path.join(dir, 'f.pdf');
  fs.writeFileSync(file, pdf);
  const out = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  if (out.error || out.status !== 0) throw new Error(`pdftotext failed: ${out.error?.message ?? out.stderr}`);
  return out.stdout;
}

/** Every cell of every sheet of an XLSX, as text. */
export async function xlsxCells(data: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? '')))));
  return cells;
}
