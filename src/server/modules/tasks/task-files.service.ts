import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { audit, inTransaction } from '../../db/transaction.ts';
import { AppError, forbidden, notFound } from '../../http/problem.ts';
import { type FileStorage, sha256Hex, sniffDocumentType } from '../../storage/file-storage.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission } from '../access/policy.ts';
import * as store from './task.store.ts';

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

/** Evidence of progress or of the result (PDF or photo), added by the owner or a collaborator. */
export async function attachTaskFile(db: Database, storage: FileStorage, ctx: RequestContext, taskId: string, name: string, data: Buffer) {
  const prefix = requirePermission(ctx.actor, 'tasks.read');
  const mime = sniffDocumentType(data);
  if (!mime) throw new AppError(415, 'UNSUPPORTED_FILE_TYPE', 'Chỉ nhận tệp PDF, JPEG hoặc PNG.');
  if (data.length > MAX_EVIDENCE_BYTES) throw new AppError(413, 'FILE_TOO_LARGE', 'Tệp vượt quá 20 MB.');
  const task = await store.findTaskById(db, taskId);
  if (!task || !(pathInScope(task.unit_path, prefix) || pathInScope(task.assigner_unit_path, prefix))) throw notFound('Không tìm thấy nhiệm vụ.');
  if (ctx.actor.officialId !== task.owner_id && !task.collaborator_ids.includes(ctx.actor.officialId ?? '')) {
    throw forbidden('Chỉ người thực hiện hoặc người phối hợp được nộp minh chứng.');
  }
  const id = randomUUID();
  const key = `tasks/${taskId.slice(0, 2)}/${taskId}/${id}`;
  await storage.put(key, data);
  return inTransaction(db, async (trx) => {
    const locked = await store.lockTask(trx, taskId);
    if (!locked) throw notFound('Không tìm thấy nhiệm vụ.');
    await store.insertTaskFile(trx, { id, task_id: taskId, name, storage_key: key, mime, size: data.length, sha256: sha256Hex(data), created_at: ctx.now, created_by: ctx.actor.username });
    await store.appendTaskEvent(trx, { task_id: taskId, at: ctx.now, actor_account_id: ctx.actor.accountId, actor: ctx.actor.username, type: 'file_attached', status: locked.status, data: JSON.stringify({ fileId: id, name }) });
    await audit(trx, ctx, { action: 'task.attach_file', entityType: 'task', entityId: taskId, after: { fileId: id, name, size: data.length } });
    return { id, name, mime, size: data.length, createdAt: ctx.now.toISOString() };
  });
}

export async function readTaskFile(db: Database, storage: FileStorage, ctx: RequestContext, taskId: string, fileId: string) {
  const prefix = requirePermission(ctx.actor, 'tasks.read');
  const task = await store.findTaskById(db, taskId);
  if (!task || !(pathInScope(task.unit_path, prefix) || pathInScope(task.assigner_unit_path, prefix))) throw notFound('Không tìm thấy nhiệm vụ.');
  const file = await store.findTaskFile(db, taskId, fileId);
  if (!file) throw notFound('Không tìm thấy tệp.');
  return { file, data: await storage.get(file.storage_key) };
}
