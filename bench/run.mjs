// `npm run bench`: builds the extension (unless --no-build), runs the perf specs of bench/ in real Chromium
// (bench/playwright.config.ts, never part of `npm test`), then prints one table per section: median and
// spread (min–max) of the repeated runs, and each budget as PASS/OVER with the median/budget ratio. Budgets
// are reported, never enforced: the exit code says only whether the bench itself ran.
//
//   npm run bench                  build, then all sections (~5–8 min on 2 busy cores)
//   npm run bench -- --no-build    measure the current .output as it is
//   npm run bench -- --quick       fewer runs and at most 100 accounts: checks the bench, not the product
//   npm run bench -- qr            only the specs whose file name matches (Playwright filter)
//   npm run bench -- first-screen  the popup at 10 / 100 / 1,000 / 5,000 accounts: first screen (background
//                                  asleep and awake), all rows, unlock → codes, listAccounts, heap (17.5)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.join(ROOT, 'test-results', 'bench');
const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const quick = args.includes('--quick');
const filters = args.filter((a) => !a.startsWith('--'));

function run(command, commandArgs, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('error', () => resolve(127));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

function commandOutput(command, commandArgs) {
  try {
    return execFileSync(command, commandArgs, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

function machine() {
  const cpus = os.cpus();
  const chromium = commandOutput(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version']);
  return [
    `CPU: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} logical cores`,
    `memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB (free ${(os.freemem() / 2 ** 30).toFixed(1)} GiB)`,
    `OS: ${os.type()} ${os.release()} ${os.arch()}`,
    `Node: ${process.version}; ${chromium}`,
    `load average (1/5/15 min) at start: ${loadAverage()}`,
  ];
}

const ms = (value) =>
  value === null || !Number.isFinite(value) ? 'n/a' : value < 10 ? value.toFixed(2) : value.toFixed(1);
const mib = (value) => (value === null || !Number.isFinite(value) ? 'n/a' : value.toFixed(2));
const inUnit = (unit) => (unit === 'MiB' ? mib : ms);
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

function median(values) {
  const sorted = values.filter((v) => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function verdict(value, budget) {
  if (budget === undefined || budget === null) return ['', ''];
  if (!Number.isFinite(value)) return ['n/a', ''];
  return [value <= budget ? 'PASS' : 'OVER', `${(value / budget).toFixed(2)}×`];
}

/** A metric per column (e.g. per vault size) as a Markdown table: "median (min–max)", budget status. */
function printSummary(summary) {
  console.log(`${summary.title}\n`);
  const header = ['metric', ...summary.columns, 'budget'];
  const rows = summary.rows.map((row) => {
    const format = inUnit(row.unit);
    const cells = row.cells.map((samples, i) => {
      const valid = (samples ?? []).filter((v) => v !== null && Number.isFinite(v));
      if (valid.length === 0) return 'n/a';
      const med = median(valid);
      const [status] = verdict(med, row.budgets?.[i] ?? undefined);
      const spread = `${format(Math.min(...valid))}–${format(Math.max(...valid))}`;
      return `${format(med)} (${spread})${status ? ` ${status}` : ''}`;
    });
    // why: JSON turns a missing budget in the array into null.
    const budgetOf = (i) => row.budgets?.[i] ?? undefined;
    const unit = row.unit ?? 'ms';
    const given = summary.columns.flatMap((column, i) =>
      budgetOf(i) === undefined ? [] : [`≤ ${budgetOf(i)} ${unit} at ${column}`],
    );
    const same = given.length > 1 && summary.columns.every((_, i) => budgetOf(i) === budgetOf(0));
    return [row.label, ...cells, same ? `≤ ${budgetOf(0)} ${unit} at every size` : given.join('; ')];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
  console.log('');
}

function printSection(section) {
  console.log(`\n## ${section.title}\n`);
  if (section.summary) printSummary(section.summary);
  if (section.sizes?.length) {
    const rows = section.sizes.map((s) => {
      const [status, ratio] = verdict(s.gzipBytes, s.budgetGzipBytes);
      return [
        s.label,
        kb(s.rawBytes),
        kb(s.gzipBytes),
        s.budgetGzipBytes ? `≤ ${kb(s.budgetGzipBytes)}` : '',
        ratio,
        status,
      ];
    });
    console.log(table(['entry', 'raw', 'gzip -9', 'budget', 'ratio', 'status'], rows));
    const multi = section.sizes.filter((s) => s.note);
    for (const s of multi) console.log(`  ${s.label}: ${s.note}`);
  }
  if (section.timings?.length) {
    if (section.sizes?.length) console.log('');
    const rows = section.timings.map((t) => {
      const valid = t.samples.filter((v) => v !== null && Number.isFinite(v));
      const med = median(t.samples);
      const [status, ratio] = verdict(med, t.budgetMs);
      const format = inUnit(t.unit);
      return [
        t.unit && t.unit !== 'ms' ? `${t.label} (${t.unit})` : t.label,
        valid.length,
        format(med),
        valid.length ? `${format(Math.min(...valid))}–${format(Math.max(...valid))}` : 'n/a',
        t.budgetMs !== undefined ? `≤ ${t.budgetMs}` : '',
        ratio,
        status,
      ];
    });
    console.log(
      table(['measure (ms unless said)', 'n', 'median', 'min–max', 'budget', 'ratio', 'status'], rows),
    );
    for (const t of section.timings.filter((each) => each.note)) console.log(`  ${t.label}: ${t.note}`);
  }
  for (const [key, value] of Object.entries(section.facts ?? {})) console.log(`  ${key}: ${value}`);
  for (const note of section.notes ?? []) console.log(`  note: ${note}`);
}

const startedAt = Date.now();
const before = machine();
console.log('machine:');
for (const line of before) console.log(`  ${line}`);
if (build) {
  console.log('=== build (npm run build) ===');
  const code = await run('npm', ['run', 'build']);
  if (code !== 0) {
    if (!existsSync(path.join(ROOT, '.output', 'chrome-mv3', 'manifest.json'))) {
      console.error('build failed and there is no previous .output to measure');
      process.exit(1);
    }
    console.warn('!!! build failed: measuring the previous .output instead (figures may be stale)');
  }
}

rmSync(RESULTS_DIR, { recursive: true, force: true });
const loadAfterBuild = build ? loadAverage() : null;
console.log('\n=== bench (playwright test -c bench/playwright.config.ts) ===');
const code = await run(
  path.join(ROOT, 'node_modules', '.bin', 'playwright'),
  ['test', '-c', 'bench/playwright.config.ts', ...filters],
  quick ? { BENCH_QUICK: '1' } : {},
);

const sections = existsSync(RESULTS_DIR)
  ? readdirSync(RESULTS_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(path.join(RESULTS_DIR, f), 'utf8')))
  : [];

console.log('\n# Benchmark results' + (quick ? ' (QUICK MODE: not figures to quote)' : ''));
console.log('\nmachine at start:');
for (const line of before) console.log(`  ${line}`);
if (loadAfterBuild) console.log(`  load average after the build (measurements start): ${loadAfterBuild}`);
console.log(`  load average at end: ${loadAverage()}`);
console.log(
  'Timings: median and min–max over repeated runs, in ms (heap rows in MiB). Budgets are targets, not test failures.',
);
for (const section of sections) printSection(section);
console.log(
  `\nbench took ${((Date.now() - startedAt) / 1000).toFixed(0)} s; raw samples in test-results/bench/*.json`,
);
if (code !== 0)
  console.error(`\n!!! some bench specs failed (playwright exit ${code}); their sections are missing above`);
process.exitCode = code === 0 ? 0 : 1;
