import { createHash } from 'node:crypto';

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

/** JSON with object keys sorted at every level, so jsonb's key reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function auditHash(prevHash: string, record: AuditRecord): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(record)).digest('hex');
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
