#!/usr/bin/env node
// `npm test`: type check, lint, build the web app, then every vitest project (unit, integration on
// PGlite and — with TEST_DATABASE_URL — PostgreSQL, browser). Ends with one "N passed, N failed" line.
// Two lanes run side by side, because each keeps its test files one at a time and a lane alone
// leaves one of the two cores idle most of the time:
//   1. the integration project (it needs no web build);
//   2. typecheck, lint, web build, then the unit and browser projects.
// Their output is printed line by line with the lane's name in front.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const reportDir = path.join(root, 'test-results');

/** Runs one command, prefixing each output line with the lane's tag; resolves to success. */
function step(lane, title, command, args) {
  console.log(`[${lane}] ▶ ${title}`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => console.log(`[${lane}] ${line}`));
    }
    child.on('close', (code) => {
      console.log(`[${lane}]   ${title}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve(code === 0);
    });
    child.on('error', (error) => {
      console.log(`[${lane}] ${error.message}`);
      resolve(false);
    });
  });
}

const vitest = (lane, projects) => {
  const report = path.join(reportDir, `vitest-${lane}.json`);
  fs.rmSync(report, { force: true });
  const args = ['run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  return { report, run: () => step(lane, `vitest (${projects.join(', ')})`, bin('vitest'), args) };
};

async function ensureChromium() {
  if (fs.existsSync('/usr/bin/chromium')) return true;
  if (process.getuid?.() !== 0) {
    console.error('Browser tests need Debian chromium (/usr/bin/chromium): apt-get install -y chromium');
    return false;
  }
  return step('browser', 'cài chromium cho kiểm thử trình duyệt', 'bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null']);
}

fs.mkdirSync(reportDir, { recursive: true });
console.log(process.env.TEST_DATABASE_URL ? `PostgreSQL: ${process.env.TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//')}` : 'PostgreSQL: TEST_DATABASE_URL not set, integration tests run on PGlite only');
// One seeded demo province per backend for the whole run (test/support/databases.ts), dropped after.
process.env.CONGVU_TEST_RUN = `r${Date.now().toString(36)}${process.pid}`;
const started = Date.now();
const failures = [];

const integration = vitest('integration', ['integration']);
const browser = vitest('browser', ['unit', 'browser']);
await Promise.all([
  (async () => {
    if (!(await integration.run())) failures.push('integration tests');
  })(),
  (async () => {
    if (!(await step('browser', 'typecheck (tsc --noEmit)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']))) failures.push('typecheck');
    if (!(await step('browser', 'lint (eslint)', bin('eslint'), ['src', 'test', 'scripts', 'bin', 'bench']))) failures.push('lint');
    if (!(await step('browser', 'build web (vite build)', bin('vite'), ['build', '--logLevel', 'warn']))) failures.push('build');
    if (!(await ensureChromium())) failures.push('chromium');
    else if (!(await browser.run())) failures.push('unit and browser tests');
  })(),
]);
await dropTestTemplates(process.env.CONGVU_TEST_RUN);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const { report } of [integration, browser]) {
  if (!fs.existsSync(report)) continue;
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed += json.numPassedTests ?? 0;
  failed += json.numFailedTests ?? 0;
  skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
}
if (failures.length && failed === 0) failed = failures.length;
console.log(`\nnpm test: ${((Date.now() - started) / 60_000).toFixed(1)} min`);
console.log(failures.length ? `Failed steps: ${failures.join(', ')}` : 'All steps passed.');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failures.length ? 1 : 0);

async function dropTestTemplates(run) {
  fs.rmSync(path.join(os.tmpdir(), `congvu-test-${run}.pglite.tar`), { force: true });
  if (!process.env.TEST_DATABASE_URL) return;
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  try {
    await admin.connect();
    await admin.query(`drop database if exists congvu_tpl_${run} with (force)`);
  } catch (error) {
    console.error(`(không xóa được cơ sở dữ liệu mẫu congvu_tpl_${run}: ${error.message})`);
  } finally {
    await admin.end().catch(() => {});
  }
}
