import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { type AuditRecord, GENESIS_HASH, auditHash, auditRecordHead, canonicalJson, findChainBreak } from './chain.ts';

function chain(n: number) {
  const rows: (AuditRecord & { prevHash: string; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const record: AuditRecord = {
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
      actorAccountId: null,
      actor: 'admin',
      action: 'unit.update',
      entityType: 'unit',
      entityId: String(seq),
      before: { name: 'Phòng A', n: seq },
      after: { n: seq + 1, name: 'Phòng B' },
      ip: null,
    };
    const hash = auditHash(prev, record);
    rows.push({ ...record, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('audit hash chain', () => {
  it('a record head plus its seq is its canonical JSON, and the hash is over that', () => {
    const record = chain(1)[0]!;
    const { prevHash, hash, ...plain } = record;
    for (const seq of [1, 42, 1_000_000]) expect(`${auditRecordHead(plain)}${seq}}`).toBe(canonicalJson({ ...plain, seq }));
    expect(hash).toBe(createHash('sha256').update(`${prevHash}\n${canonicalJson(plain)}`).digest('hex'));
  });

  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
  });

  it('an intact chain has no break', () => {
    const rows = chain(5);
    expect(findChainBreak(rows, { seq: 0, hash: GENESIS_HASH })).toEqual({
      next: { seq: 5, hash: rows[4]!.hash },
      problem: null,
    });
  });

  it('an edited row is named', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, after: { name: 'Phòng C', n: 4 } };
    expect(findChainBreak(rows, { seq: 0, hash: GENESIS_HASH }).problem).toEqual({ seq: 3, reason: 'hash' });
  });

  it('a deleted row is a gap', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(findChainBreak(rows, { seq: 0, hash: GENESIS_HASH }).problem).toEqual({
      seq: 3,
      reason: 'gap',
      expectedSeq: 2,
    });
  });

  it('a rewritten hash breaks the next link', () => {
    const rows = chain(4);
    const forged = { ...rows[1]!, before: null };
    forged.hash = auditHash(forged.prevHash, { ...forged, prevHash: undefined, hash: undefined } as unknown as AuditRecord);
    rows[1] = forged;
    expect(findChainBreak(rows, { seq: 0, hash: GENESIS_HASH }).problem?.seq).toBeGreaterThanOrEqual(2);
  });
});
