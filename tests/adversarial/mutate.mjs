// Mutation check for the adversarial suite: "would this test fail if the defence were removed?"
//
//   node tests/adversarial/mutate.mjs <mutation> [--build]
//
// Copies the sources to a temporary folder (node_modules linked, never the real tree), removes one defence
// there by a literal find/replace (which must match exactly once), and with --build builds the extension
// for both browsers in that copy. It prints how to run the suites against the mutant:
//   unit: run vitest inside the copy;
//   e2e:  ADVERSARIAL_EXTENSION_DIR_CHROMIUM=... npx playwright test adversarial/...   (from the real tree)
// `node tests/adversarial/mutate.mjs --list` lists the mutations. docs/reliability.md records what each
// one made fail.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MUTATIONS } from './mutations.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const [name, ...flags] = process.argv.slice(2);
if (!name || name === '--list' || !(name in MUTATIONS)) {
  for (const [key, [file, , , what]] of Object.entries(MUTATIONS))
    console.log(`${key.padEnd(20)} ${file}: ${what}`);
  process.exit(name && name !== '--list' ? 1 : 0);
}

const [file, find, replace] = MUTATIONS[name];
const dir = mkdtempSync(path.join(tmpdir(), `mutant-${name}-`));
const skip = new Set(['node_modules', '.output', '.git', 'test-results']);
cpSync(ROOT, dir, {
  recursive: true,
  filter: (source) => !skip.has(path.relative(ROOT, source).split(path.sep)[0] ?? ''),
});
symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
const target = path.join(dir, file);
const text = readFileSync(target, 'utf8');
const count = text.split(find).length - 1;
if (count !== 1) throw new Error(`${name}: expected one match in ${file}, found ${count} (sources changed?)`);
writeFileSync(target, text.replace(find, replace));
console.log(`mutant ${name}: ${dir}`);
if (flags.includes('--build')) {
  for (const browser of ['chrome', 'firefox']) {
    execFileSync(path.join(dir, 'node_modules/.bin/wxt'), ['build', '-b', browser], {
      cwd: dir,
      stdio: 'ignore',
    });
  }
  console.log(`ADVERSARIAL_EXTENSION_DIR_CHROMIUM=${dir}/.output/chrome-mv3`);
  console.log(`ADVERSARIAL_EXTENSION_DIR_FIREFOX=${dir}/.output/firefox-mv3`);
}
console.log(`unit: (cd ${dir} && npx vitest run tests/adversarial)`);
