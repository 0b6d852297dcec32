// The one test command (`npm test`): type check, lint, format check, build, unit tests, e2e tests in real
// Chromium and Firefox. Keeps going after a failing step so the count is complete (except that a failed build
// makes every e2e test count as failed), prints one summary line per step and finally exactly one line
// `N passed, M failed`, and exits non-zero on any failure.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.join(ROOT, 'test-results');
const UNIT_REPORT = path.join(RESULTS_DIR, 'unit-report.json');
// Must match the json reporter's outputFile in playwright.config.ts.
const E2E_REPORT = path.join(RESULTS_DIR, 'e2e-report.json');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

/** Runs a command with inherited output (or captured stdout); resolves with its exit code. */
function run(command, args, { captureStdout = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: ['ignore', captureStdout ? 'pipe' : 'inherit', 'inherit'],
    });
    let stdout = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`);
      resolve({ code: 127, stdout });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout }));
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A runner that exited non-zero failed at least once, even when its report counted no failing test. */
function atLeastOneFailureIfExitFailed(counts, code) {
  return code !== 0 && counts.failed === 0 ? { ...counts, failed: 1 } : counts;
}

async function singleCheck(command, args) {
  const { code } = await run(command, args);
  return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, note: `exit ${code}` };
}

async function unitTests() {
  rmSync(UNIT_REPORT, { force: true });
  const { code } = await run(bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${UNIT_REPORT}`,
  ]);
  const report = readJson(UNIT_REPORT);
  if (!report) return { passed: 0, failed: 1, note: `exit ${code}, no JSON report` };
  const counts = { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0 };
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  return { ...atLeastOneFailureIfExitFailed(counts, code), note: `exit ${code}, ${skipped} skipped` };
}

async function e2eTests() {
  rmSync(E2E_REPORT, { force: true });
  const { code } = await run(bin('playwright'), ['test']);
  const report = readJson(E2E_REPORT);
  if (!report?.stats) return { passed: 0, failed: 1, note: `exit ${code}, no JSON report` };
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  const counts = { passed: expected, failed: unexpected + flaky };
  return { ...atLeastOneFailureIfExitFailed(counts, code), note: `exit ${code}, ${skipped} skipped` };
}

/** Number of e2e tests (specs × browser projects), counted without running them. */
async function countE2eTests() {
  const { stdout } = await run(bin('playwright'), ['test', '--list', '--reporter=json'], {
    captureStdout: true,
  });
  let total = 0;
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) total += spec.tests?.length ?? 0;
    for (const child of suite.suites ?? []) visit(child);
  };
  try {
    for (const suite of JSON.parse(stdout).suites ?? []) visit(suite);
  } catch {
    return 1;
  }
  return Math.max(total, 1);
}

const steps = [
  { name: 'typecheck (tsc --noEmit)', run: () => singleCheck(bin('tsc'), ['--noEmit']) },
  { name: 'lint (eslint .)', run: () => singleCheck(bin('eslint'), ['.']) },
  { name: 'format (prettier --check .)', run: () => singleCheck(bin('prettier'), ['--check', '.']) },
  { name: 'build (npm run build)', run: () => singleCheck('npm', ['run', 'build']), isBuild: true },
  {
    name: 'firefox package lint (web-ext lint, errors fail)',
    run: () =>
      singleCheck(bin('web-ext'), ['lint', '--source-dir', '.output/firefox-mv3', '--no-config-discovery']),
    needsBuild: true,
  },
  { name: 'unit (vitest)', run: unitTests },
  { name: 'e2e (playwright: chromium + firefox)', run: e2eTests, needsBuild: true },
];

mkdirSync(RESULTS_DIR, { recursive: true });
const summaries = [];
let buildFailed = false;
let totalPassed = 0;
let totalFailed = 0;
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const started = Date.now();
  let result;
  if (step.needsBuild && buildFailed) {
    const failed = step.run === e2eTests ? await countE2eTests() : 1;
    result = { passed: 0, failed, note: 'not run: the build failed' };
  } else {
    result = await step.run();
  }
  if (step.isBuild && result.failed > 0) buildFailed = true;
  totalPassed += result.passed;
  totalFailed += result.failed;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const summary = `${step.name}: ${result.passed} passed, ${result.failed} failed (${result.note}, ${seconds} s)`;
  summaries.push(summary);
  console.log(`--- ${summary}`);
}

console.log('\n=== summary ===');
for (const summary of summaries) console.log(summary);
console.log(`${totalPassed} passed, ${totalFailed} failed`);
process.exitCode = totalFailed === 0 ? 0 : 1;
