import { type ChainBreak, GENESIS_HASH, findChainBreak } from '../../../domain/audit/chain.ts';
import { type Executor, readAuditBatch, readAuditHead } from './audit.store.ts';

export interface AuditVerification {
  rows: number;
  problem: ChainBreak | null;
}

/** Recomputes the whole chain in batches; the head row must match the last row (no deleted tail). */
export async function verifyAuditChain(db: Executor, batchSize = 5000): Promise<AuditVerification> {
  const head = await readAuditHead(db);
  let cursor = { seq: 0, hash: GENESIS_HASH };
  let rows = 0;
  for (;;) {
    const batch = await readAuditBatch(db, cursor.seq, batchSize);
    if (batch.length === 0) break;
    const { next, problem } = findChainBreak(batch, cursor);
    if (problem) return { rows, problem };
    rows += batch.length;
    cursor = next;
  }
  if (cursor.seq !== head.seq || cursor.hash !== head.hash) {
    return { rows, problem: { seq: cursor.seq + 1, reason: 'head_mismatch' } };
  }
  return { rows, problem: null };
}

export function describeChainBreak(problem: ChainBreak): string {
  switch (problem.reason) {
    case 'gap':
      return `Dòng nhật ký ${problem.expectedSeq} bị xóa (dòng kế tiếp là ${problem.seq}).`;
    case 'prev_hash':
      return `Dòng nhật ký ${problem.seq} không nối với dòng trước (mã băm trước bị sửa).`;
    case 'hash':
      return `Dòng nhật ký ${problem.seq} bị sửa sau khi ghi (mã băm không khớp).`;
    case 'head_mismatch':
      return `Nhật ký bị cắt cụt: thiếu từ dòng ${problem.seq} trở đi.`;
  }
}
