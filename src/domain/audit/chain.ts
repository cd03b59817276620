import { createHash } from 'node:crypto';
import { toIsoUtc } from '../calendar/format.ts';

/** One audit row as it is hashed. `at` is the ISO instant with milliseconds. */
export interface AuditRecord {
  seq: number;
  at: string;
  actorAccountId: string | null;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level, so jsonb's key reordering cannot change a hash.
 * Written as loops: it runs for every audit row (a million in a large import).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  if (value instanceof Date) return `"${toIsoUtc(value)}"`;
  const object = value as Record<string, unknown>;
  // sort() without a comparator orders by UTF-16 code units, as `<` does.
  const keys = Object.keys(object).sort();
  let out = '{';
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

/**
 * A record's canonical JSON up to its seq, which is the last key in canonical order:
 * `${auditRecordHead(r)}${r.seq}}` is canonicalJson(r). Made before the chain's head is known, so
 * a batch's records can be rendered while the database is busy, and only hashed under the lock.
 */
export function auditRecordHead(record: Omit<AuditRecord, 'seq'>): string {
  return canonicalJson({ ...record, seq: 0 }).slice(0, -'0}'.length);
}

/** The hash of the record whose auditRecordHead is `head`, at `seq`, after `prevHash`. */
export function auditHashOfHead(prevHash: string, head: string, seq: number): string {
  return createHash('sha256').update(prevHash).update('\n').update(`${head}${seq}}`).digest('hex');
}

export function auditHash(prevHash: string, record: AuditRecord): string {
  return auditHashOfHead(prevHash, auditRecordHead(record), record.seq);
}

export type ChainBreak =
  | { seq: number; reason: 'gap'; expectedSeq: number }
  | { seq: number; reason: 'prev_hash' | 'hash' }
  | { seq: number; reason: 'head_mismatch' };

/**
 * Walks rows in seq order and returns the first break, or null when the chain is intact.
 * `head` is the last seq and hash the log's head row claims: a deleted tail shows up there.
 */
export function findChainBreak(
  rows: Iterable<AuditRecord & { prevHash: string; hash: string }>,
  start: { seq: number; hash: string },
): { next: { seq: number; hash: string }; problem: ChainBreak | null } {
  let prev = start;
  for (const row of rows) {
    if (row.seq !== prev.seq + 1) return { next: prev, problem: { seq: row.seq, reason: 'gap', expectedSeq: prev.seq + 1 } };
    if (row.prevHash !== prev.hash) return { next: prev, problem: { seq: row.seq, reason: 'prev_hash' } };
    const { prevHash, hash, ...record } = row;
    if (auditHash(prevHash, record) !== hash) return { next: prev, problem: { seq: row.seq, reason: 'hash' } };
    prev = { seq: row.seq, hash };
  }
  return { next: prev, problem: null };
}
