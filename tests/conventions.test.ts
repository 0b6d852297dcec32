/**
 * Conventions of this repository, checked so they cannot rot: each table has its tests, each fixture its
 * index, each import format its fixture and documentation, each in-page string its translations, each
 * security mutation its target, and no comment points at a document a reader of the repo does not have.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../lib/background/handlers';
import { detectImportFormat } from '../lib/backup/importers';
import { IMPORTERS } from '../lib/backup/importers';
import { importTextOfBytes } from '../lib/backup/importers/binary';
import type { ImportFormat } from '../lib/backup/types';
import { MUTATIONS } from './adversarial/mutations.mjs';
import { fakeDeps } from './unit/background/fakes';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (relative: string) => readFileSync(path.join(ROOT, relative), 'utf8');

/** Every file below `dir` (relative to the repo) whose name passes `keep`. */
function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (relative: string) => {
    for (const name of readdirSync(path.join(ROOT, relative))) {
      const child = path.join(relative, name);
      if (statSync(path.join(ROOT, child)).isDirectory()) walk(child);
      else if (keep(name)) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

const SOURCE = /\.(ts|tsx|mjs|js)$/u;
const testSources = [
  ...filesUnder('tests', (n) => SOURCE.test(n)),
  ...filesUnder('bench', (n) => SOURCE.test(n)),
];
const testText = testSources.map((file) => ({ file, text: read(file) }));

describe('conventions: background handlers', () => {
  const handlerNames = Object.keys(createHandlers(fakeDeps().deps));

  it.each(handlerNames)('the %s message is sent by a test besides the handler table', (name) => {
    const users = testText.filter(
      ({ file, text }) => !file.endsWith('handler-table.test.ts') && text.includes(`'${name}'`),
    );
    expect(users.map((u) => u.file)).not.toEqual([]);
  });
});

describe('conventions: fixture pages', () => {
  const pages = filesUnder('tests/fixtures/pages', (n) => n.endsWith('.html'));

  it('there are fixture pages to check', () => {
    expect(pages.length).toBeGreaterThan(60);
  });

  it.each(pages)('%s is listed in its folder index or used by a test or another page', (page) => {
    const folder = path.dirname(page);
    const name = path.basename(page);
    const indexFile = path.join(folder, 'index.json');
    const indexed =
      existsSync(path.join(ROOT, indexFile)) &&
      Object.keys((JSON.parse(read(indexFile)) as { pages?: object }).pages ?? {}).includes(name);
    const siblings = filesUnder(folder, (n) => n.endsWith('.html') && n !== name);
    const usedByPage = siblings.some((other) => read(other).includes(name));
    const usedByTest = testText.some(({ text }) => text.includes(name));
    expect(indexed || usedByPage || usedByTest).toBe(true);
  });
});

describe('conventions: import formats', () => {
  /** One real-format fixture per format (tests/fixtures/backup) and the words its docs row starts with. */
  const FORMATS: Record<ImportFormat, { fixture: string; docsRow: string }> = {
    'mfa-backup': { fixture: 'mfa-backup-v1.json', docsRow: "| This extension's backup" },
    'otpauth-text': { fixture: 'otpauth-list.txt', docsRow: '| otpauth list' },
    'google-migration': { fixture: 'google-migration-single.txt', docsRow: '| Google Authenticator export' },
    aegis: { fixture: 'aegis-plain.json', docsRow: '| Aegis vault' },
    '2fas': { fixture: '2fas-plain.2fas', docsRow: '| 2FAS' },
    'authenticator-extension': {
      fixture: 'authenticator-extension.json',
      docsRow: '| "Authenticator" browser extension',
    },
    bitwarden: { fixture: 'bitwarden.json', docsRow: '| Bitwarden JSON' },
    'bitwarden-csv': { fixture: 'bitwarden.csv', docsRow: '| Bitwarden CSV' },
    lastpass: { fixture: 'lastpass.json', docsRow: '| LastPass Authenticator' },
    'proton-authenticator': { fixture: 'proton-authenticator.json', docsRow: '| Proton Authenticator' },
    'freeotp-plus': { fixture: 'freeotp-plus.json', docsRow: '| FreeOTP+' },
    andotp: { fixture: 'andotp.json', docsRow: '| andOTP' },
    'authenticator-pro': { fixture: 'authenticator-pro.json', docsRow: '| Authenticator Pro' },
    'steam-desktop-authenticator': {
      fixture: 'steam-desktop-authenticator.maFile',
      docsRow: '| Steam Desktop Authenticator',
    },
    raivo: { fixture: 'raivo-otp-export.json', docsRow: '| Raivo OTP' },
    'andotp-encrypted': { fixture: 'andotp-encrypted.json.aes', docsRow: '| andOTP encrypted' },
    'authenticator-pro-encrypted': {
      fixture: 'authenticator-pro-encrypted.authpro',
      docsRow: '| Authenticator Pro / Stratum encrypted',
    },
    'ente-encrypted': { fixture: 'ente-encrypted.json', docsRow: '| Ente Auth encrypted' },
  };
  const docs = read('docs/backup-format.md');

  it('every importer in the table has a row here', () => {
    for (const importer of IMPORTERS) expect(Object.keys(FORMATS)).toContain(importer.format);
  });

  it.each(Object.entries(FORMATS))('%s has a fixture that is read as it and a docs row', (format, entry) => {
    // why: as the options page passes a file (binary exports become a data: URL of their bytes).
    const text = importTextOfBytes(readFileSync(path.join(ROOT, 'tests/fixtures/backup', entry.fixture)));
    expect(detectImportFormat(text)).toBe(format);
    expect(docs.split('\n').some((line) => line.startsWith(entry.docsRow))).toBe(true);
  });
});

describe('conventions: translations', () => {
  const en = JSON.parse(read('public/_locales/en/messages.json')) as Record<string, unknown>;
  const zh = JSON.parse(read('public/_locales/zh_CN/messages.json')) as Record<string, unknown>;
  const contentKeys = [
    ...new Set(
      filesUnder('lib/content', (n) => n.endsWith('.ts')).flatMap((file) =>
        [...read(file).matchAll(/\bt\('(\w+)'/gu)].map((m) => m[1]!),
      ),
    ),
  ];

  it('the content script has strings to translate', () => {
    expect(contentKeys.length).toBeGreaterThan(3);
  });

  it.each(contentKeys)('%s (lib/content) exists in en and zh_CN', (key) => {
    expect(en).toHaveProperty(key);
    expect(zh).toHaveProperty(key);
  });
});

describe('conventions: security mutations (tests/adversarial/mutate.mjs)', () => {
  it.each(Object.entries(MUTATIONS))('%s still finds exactly one place to remove its defence', (_, spec) => {
    const [file, find] = spec as [string, string, string, string];
    const text = read(file);
    expect(text.split(find).length - 1).toBe(1);
  });

  it('each mutation is named in docs/reliability.md', () => {
    const reliability = read('docs/reliability.md');
    const missing = Object.keys(MUTATIONS).filter((name) => !reliability.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});

describe('conventions: comments cite only what is in the repo, imports are relative', () => {
  const sources = ['lib', 'components', 'entrypoints', 'tests', 'bench', 'demo'].flatMap((dir) =>
    filesUnder(dir, (n) => /\.(ts|tsx|mjs|js|css|html)$/u.test(n)),
  );
  // why: these name design notes kept outside the repository; a reader of the code cannot follow them.
  const OUTSIDE = [
    /\bDESIGN(\.md)?\s*§/u,
    /\.\.\/shared\/(DESIGN|STYLE)/u,
    /\bSTYLE\.md\b/u,
    /\bDEVELOPERS\.md\b/u,
  ];

  it.each(sources)('%s', (file) => {
    const text = read(file);
    if (file === 'tests/conventions.test.ts') return;
    for (const pattern of OUTSIDE) expect(text).not.toMatch(pattern);
    // One import style: relative paths everywhere (WXT's '@/' alias is not used).
    expect(text).not.toMatch(/from '@\//u);
    for (const [, doc] of text.matchAll(/\b(docs\/[\w./-]+\.md)\b/gu))
      expect(existsSync(path.join(ROOT, doc!))).toBe(true);
  });
});
