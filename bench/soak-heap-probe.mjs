// Preloaded into the soaked server by the soak harness only (NODE_OPTIONS=--import, never in
// production): every SOAK_HEAP_EVERY_MS it runs a full garbage collection and appends the heap
// still in use to SOAK_HEAP_FILE, so the harness can tell memory that is kept from garbage not yet
// collected. The application's code is unchanged; the timer does not keep the process alive.
import fs from 'node:fs';
import v8 from 'node:v8';
import { setInterval } from 'node:timers';
import vm from 'node:vm';

const file = process.env.SOAK_HEAP_FILE;
const everyMs = Number(process.env.SOAK_HEAP_EVERY_MS) || 10_000;

if (file) {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  setInterval(() => {
    gc();
    fs.appendFileSync(file, `${Date.now()} ${process.memoryUsage().heapUsed}\n`);
  }, everyMs).unref();
}
