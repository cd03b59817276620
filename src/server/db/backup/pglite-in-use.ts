import fs from 'node:fs';
import path from 'node:path';
import { BackupError } from './backup-file.ts';

/**
 * Processes other than this one holding a file under `dir` open (Linux /proc; a process of
 * another user is not visible without root). PGlite keeps its relation and WAL files open.
 */
function processesHolding(dir: string): number[] {
  const prefix = `${fs.realpathSync(dir)}/`;
  const holders: number[] = [];
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return holders;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (target.startsWith(prefix)) {
        holders.push(Number(pid));
        break;
      }
    }
  }
  return holders;
}

/**
 * PGlite is PostgreSQL inside one process, with no lock against a second one: copying or loading
 * its data directory while `congvu serve` has it open would read half-written files. PGlite writes
 * postmaster.pid on opening and removes it on a clean close, so its presence means a process has
 * the directory open — or one stopped abruptly.
 */
export function assertPgliteNotInUse(pgdata: string): void {
  if (!fs.existsSync(path.join(pgdata, 'postmaster.pid'))) return;
  const holders = processesHolding(pgdata);
  if (holders.length) {
    throw new BackupError(`Cơ sở dữ liệu PGlite tại ${pgdata} đang được tiến trình ${holders.join(', ')} mở (máy chủ congvu đang chạy?). PGlite chỉ cho một tiến trình: dừng máy chủ trước rồi chạy lại lệnh.`);
  }
  throw new BackupError(
    `Cơ sở dữ liệu PGlite tại ${pgdata} chưa được đóng sạch (có tệp postmaster.pid): máy chủ congvu đang chạy hoặc đã dừng đột ngột. ` +
      'Dừng máy chủ trước; nếu nó đã dừng hẳn, chạy "congvu migrate" một lần để mở và đóng sạch cơ sở dữ liệu, rồi chạy lại lệnh.',
  );
}
