/**
 * Small helpers shared by the organisation / access / audit integration tests: response shapes,
 * paging, the audit tail, and fresh identity numbers that can never collide with the demo seed.
 */
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../src/server/db/database.ts';
import type { Session } from '../support/app.ts';

export interface Unit {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: string;
  depth: number;
  active: boolean;
  officialCount?: number;
}

export interface OfficialSummary {
  id: string;
  fullName: string;
  unitId: string;
  unitName: string;
  isHead: boolean;
  active: boolean;
  rank: string | null;
}

export interface Official extends OfficialSummary {
  positionId: string | null;
  idNumber: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  phone: string | null;
  email: string | null;
}

export interface Position {
  id: string;
  unitId: string;
  code: string | null;
  title: string;
  jobDescription: string;
  competencies: { name: string; level: number }[];
  active: boolean;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; message: string }[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ImportReport {
  dryRun: boolean;
  total: number;
  created: number;
  updated: number;
  errors: { line: number; field: string | null; message: string }[];
}

/** Field paths of a problem response. */
export function problemFields(res: LightMyRequestResponse): string[] {
  return (res.json<Problem>().errors ?? []).map((e) => e.field);
}

/** Asserts an RFC 9457 problem with the given status and code. */
export function expectProblem(res: LightMyRequestResponse, status: number, code?: string): Problem {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<Problem>();
  expect(body.status).toBe(status);
  if (code) expect(body.code).toBe(code);
  return body;
}

/** Every unit the session can see (includeInactive so that nothing is filtered but the scope). */
export async function unitsByCode(session: Session, includeInactive = true): Promise<Map<string, Unit>> {
  const res = await session.request('GET', `/api/v1/units${includeInactive ? '?includeInactive=true' : ''}`);
  expect(res.statusCode).toBe(200);
  return new Map(res.json<{ items: Unit[] }>().items.map((u) => [u.code, u]));
}

/** Ids of a unit and all its descendants, computed from parentId links of a full unit list. */
export function subtreeIds(units: Iterable<Unit>, rootId: string): Set<string> {
  const all = [...units];
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of all) {
      if (u.parentId && ids.has(u.parentId) && !ids.has(u.id)) {
        ids.add(u.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** Follows nextCursor to the end of an officials list; fails on a loop or a repeated id. */
export async function allOfficials(session: Session, query: string, limit = 200): Promise<OfficialSummary[]> {
  const out: OfficialSummary[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const sep = query ? '&' : '';
    const url: string = `/api/v1/officials?${query}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await session.request('GET', url);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Page<OfficialSummary>>();
    for (const o of body.items) {
      expect(seen.has(o.id), `official ${o.id} repeated across pages`).toBe(false);
      seen.add(o.id);
      out.push(o);
    }
    if (!body.nextCursor) return out;
    cursor = body.nextCursor;
  }
  throw new Error('paging did not end');
}

/** The seq of the newest audit row (0 for an empty log), read straight from the head row. */
export async function auditHeadSeq(db: Database): Promise<number> {
  const r = await db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(r.seq);
}

export async function auditRowCount(db: Database): Promise<number> {
  const r = await db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

/** Audit rows newer than `afterSeq`, oldest first, as the admin API shows them. */
export async function auditSince(admin: Session, afterSeq: number): Promise<AuditEntry[]> {
  const res = await admin.request('GET', '/api/v1/audit?limit=200');
  expect(res.statusCode, res.body).toBe(200);
  const items = res.json<Page<AuditEntry>>().items.filter((e) => e.seq > afterSeq);
  return items.sort((a, b) => a.seq - b.seq);
}

/**
 * A fresh, valid 12-digit identity number for a person of the given sex and birth year. Province
 * code 079 (Hồ Chí Minh City) is never used by the demo seed, so these never collide with it.
 */
let serial = 100_000;
export function freshIdNumber(gender: 'male' | 'female', birthYear: number, province = '079'): string {
  serial += 1;
  const century = (birthYear >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0);
  return `${province}${century}${String(birthYear % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
}

/** The value as the API masks it: first 4 and last 2 digits kept. */
export function masked(idNumber: string): string {
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 6)}${idNumber.slice(-2)}`;
}
