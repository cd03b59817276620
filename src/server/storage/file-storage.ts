import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../http/problem.ts';

/**
 * Where scans, results and evidence photos live. One interface: a folder under the data directory
 * by default; an S3-compatible store can implement the same three methods when several processes
 * run on several machines.
 */
export interface FileStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

export class FolderStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!/^[a-z0-9][a-z0-9/_.-]*$/i.test(key) || key.includes('..')) throw new Error('invalid storage key');
    return path.join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write then rename: a crash never leaves half a file under the final name.
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  }

  async get(key: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(key));
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }
}

export const sha256Hex = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The file types accepted for dossier documents, recognised by their first bytes, not by their name. */
export function sniffDocumentType(data: Buffer): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

export function createStorage(dataDir: string): FileStorage {
  return new FolderStorage(path.join(dataDir, 'files'));
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * The one check every upload passes (dossier scans, task evidence, inspection photos): the type is
 * read from the content, the size is bounded. Returns what the row needs.
 */
export function checkUpload(data: Buffer): { mime: 'application/pdf' | 'image/jpeg' | 'image/png'; size: number; sha256: string } {
  const mime = sniffDocumentType(data);
  if (!mime) throw new AppError(415, 'UNSUPPORTED_FILE_TYPE', 'Chỉ nhận tệp PDF, JPEG hoặc PNG.');
  if (data.length > MAX_UPLOAD_BYTES) throw new AppError(413, 'FILE_TOO_LARGE', 'Tệp vượt quá 20 MB.');
  return { mime, size: data.length, sha256: sha256Hex(data) };
}
