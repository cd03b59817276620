#!/usr/bin/env node
// `npm test`: type check, lint, build the web app, then every vitest project (unit, integration on
// PGlite and — with TEST_DATABASE_URL — PostgreSQL, browser). Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result.status === 0;
}

function ensureChromium() {
  if (fs.existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() !== 0) {
    console.error('Browser tests need Debian chromium (/usr/bin/chromium): apt-get install -y chromium');
    process.exit(1);
  }
  step('cài chromium cho kiểm thử trình duyệt', 'bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null']);
}

const failures = [];
if (!step('typecheck (tsc --noEmit)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'])) failures.push('typecheck');
if (!step('lint (eslint)', bin('eslint'), ['src', 'test', 'scripts', 'bin', 'bench'])) failures.push('lint');
if (!step('build web (vite build)', bin('vite'), ['build', '--logLevel', 'warn'])) failures.push('build');
ensureChromium();
console.log(process.env.TEST_DATABASE_URL ? `\nPostgreSQL: ${process.env.TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//')}` : '\nPostgreSQL: TEST_DATABASE_URL not set, integration tests run on PGlite only');
const report = path.join(root, 'test-results', 'vitest.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
// One seeded demo province per backend for the whole run (test/support/databases.ts), dropped after.
process.env.CONGVU_TEST_RUN = `r${Date.now().toString(36)}${process.pid}`;
const testsOk = step('vitest (unit, integration, browser)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
if (!testsOk) failures.push('tests');
await dropTestTemplates(process.env.CONGVU_TEST_RUN);

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(report)) {
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = json.numFailedTests ?? 0;
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
}
if (failures.length && failed === 0) failed = failures.length;
console.log(`\n${failures.length ? `Failed steps: ${failures.join(', ')}` : 'All steps passed.'}`);
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
