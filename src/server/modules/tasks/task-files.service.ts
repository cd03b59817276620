import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { audit, inTransaction } from '../../db/transaction.ts';
import { forbidden, notFound } from '../../http/problem.ts';
import { type FileStorage, MAX_UPLOAD_BYTES, checkUpload } from '../../storage/file-storage.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission } from '../access/policy.ts';
import * as store from './task.store.ts';

export const MAX_EVIDENCE_BYTES = MAX_UPLOAD_BYTES;

/** Evidence of progress or of the result (PDF or photo), added by the owner or a collaborator. */
export async function attachTaskFile(db: Database, storage: FileStorage, ctx: RequestContext, taskId: string, name: string, data: Buffer) {
  const prefix = requirePermission(ctx.actor, 'tasks.read');
  const { mime, size, sha256 } = checkUpload(data);
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
    await store.insertTaskFile(trx, { id, task_id: taskId, name, storage_key: key, mime, size, sha256, created_at: ctx.now, created_by: ctx.actor.username });
    await store.appendTaskEvent(trx, { task_id: taskId, at: ctx.now, actor_account_id: ctx.actor.accountId, actor: ctx.actor.username, type: 'file_attached', status: locked.status, data: JSON.stringify({ fileId: id, name }) });
    await audit(trx, ctx, { action: 'task.attach_file', entityType: 'task', entityId: taskId, after: { fileId: id, name, size } });
    return { id, name, mime, size, createdAt: ctx.now.toISOString() };
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
