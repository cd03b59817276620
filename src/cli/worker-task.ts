import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

// A worker thread starts from the `congvu` command itself (the bundle or tsx, whichever this
// process runs), which hands over to the task named in its workerData instead of parsing argv.
const CLI = fileURLToPath(new URL('../../bin/congvu.mjs', import.meta.url));

interface TaskMessage {
  congvuTask: string;
  args: unknown[];
}

export type WorkerTask = (...args: never[]) => Promise<number>;

/**
 * Runs `task(...args)` in a worker thread of this process and resolves with its exit code.
 * Why a thread: V8's young generation can only be sized when a heap is made, and a bulk import
 * spends a fifth of its time collecting short-lived rows in the default 16 MB semi-spaces; a
 * thread gets a larger one and still dies with the process (a SIGKILL stops both at once, unlike
 * a child process that would be left running).
 */
export function runInWorker(task: string, args: unknown[], resourceLimits: { maxYoungGenerationSizeMb: number }): Promise<number> {
  const message: TaskMessage = { congvuTask: task, args };
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLI, { workerData: message, resourceLimits });
    let code: number | null = null;
    worker.on('message', (value: number) => (code = value));
    worker.on('error', reject);
    worker.on('exit', (exit) => (code === null ? reject(new Error(`luồng xử lý dừng bất thường (mã ${exit})`)) : resolve(code)));
  });
}

/** In a worker started by runInWorker: runs its task and reports the exit code; false elsewhere. */
export async function runWorkerTask(tasks: Record<string, WorkerTask>): Promise<boolean> {
  const message = isMainThread ? null : (workerData as Partial<TaskMessage> | null);
  if (!message?.congvuTask) return false;
  const task = tasks[message.congvuTask];
  if (!task) throw new Error(`không có tác vụ ${message.congvuTask}`);
  const code = await task(...((message.args ?? []) as never[]));
  parentPort!.postMessage(code);
  return true;
}
