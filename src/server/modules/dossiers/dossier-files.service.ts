import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { audit, inTransaction } from '../../db/transaction.ts';
import { notFound } from '../../http/problem.ts';
import { type FileStorage, MAX_UPLOAD_BYTES, checkUpload } from '../../storage/file-storage.ts';
import type { RequestContext } from '../access/actor.ts';
import { pathInScope, requirePermission } from '../access/policy.ts';
import * as store from './dossier.store.ts';

export const MAX_DOCUMENT_BYTES = MAX_UPLOAD_BYTES;

export interface AttachInput {
  kind: 'component' | 'result';
  name: string;
  digitized: boolean;
  reused: boolean;
  data: Buffer;
}

/**
 * Stores a scan of a dossier component or the electronic result, recording whether it was
 * digitised here or reused from data already held (the 766 index counts both). The bytes are
 * written before the row: a failed transaction leaves an orphan file, never a row without one.
 */
export async function attachDossierFile(db: Database, storage: FileStorage, ctx: RequestContext, dossierId: string, input: AttachInput) {
  const prefix = requirePermission(ctx.actor, 'dossiers.work');
  const { mime, size, sha256 } = checkUpload(input.data);
  const id = randomUUID();
  const key = `dossiers/${dossierId.slice(0, 2)}/${dossierId}/${id}`;
  const row = await store.findDossierById(db, dossierId);
  if (!row || !pathInScope(row.unit_path, prefix)) throw notFound('Không tìm thấy hồ sơ.');
  await storage.put(key, input.data);
  return inTransaction(db, async (trx) => {
    const locked = await store.lockDossier(trx, dossierId);
    if (!locked) throw notFound('Không tìm thấy hồ sơ.');
    const file = {
      id,
      dossier_id: dossierId,
      kind: input.kind,
      name: input.name,
      storage_key: key,
      mime,
      size,
      sha256,
      digitized: input.digitized,
      reused: input.reused,
      created_at: ctx.now,
      created_by: ctx.actor.username,
    };
    await store.insertFile(trx, file);
    await store.appendEvent(trx, {
      dossier_id: dossierId,
      at: ctx.now,
      actor_account_id: ctx.actor.accountId,
      actor: ctx.actor.username,
      type: 'file_attached',
      status: locked.status,
      data: JSON.stringify({ fileId: id, kind: input.kind, name: input.name, digitized: input.digitized, reused: input.reused }),
    });
    await audit(trx, ctx, { action: 'dossier.attach_file', entityType: 'dossier', entityId: dossierId, after: { fileId: id, kind: input.kind, name: input.name, size, sha256 } });
    return { id, kind: input.kind, name: input.name, mime, size, digitized: input.digitized, reused: input.reused, createdAt: ctx.now.toISOString() };
  });
}

export async function readDossierFile(db: Database, storage: FileStorage, ctx: RequestContext, dossierId: string, fileId: string) {
  const prefix = requirePermission(ctx.actor, 'dossiers.read');
  const row = await store.findDossierById(db, dossierId);
  if (!row || !pathInScope(row.unit_path, prefix)) throw notFound('Không tìm thấy hồ sơ.');
  const file = await store.findFile(db, dossierId, fileId);
  if (!file) throw notFound('Không tìm thấy tệp.');
  return { file, data: await storage.get(file.storage_key) };
}
