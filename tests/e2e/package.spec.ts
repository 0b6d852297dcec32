// The store packages (`npm run zip`): what is inside the Chrome, Firefox and sources zips, and that each
// browser zip installs and runs. Chromium loads the Chrome zip unpacked (as a reviewer's "Load unpacked");
// Firefox installs the Firefox zip itself through WebDriver BiDi `webExtension.install`.
//
// The zips under .output/ (from `npm run zip`) are used when they are newer than the sources and the build
// folders. Otherwise (a clean clone, an edit or `npm run build` since the last `npm run zip`) they are built
// once here by WXT's zip() with the project config, into a temporary folder: rebuilding .output/ would pull
// the build from under any other browser test running on this tree.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { expect, test } from './harness/fixtures';
import { staticImports } from '../../bench/support/bundle-sizes';
import {
  FIREFOX_EXTENSION_UUID,
  REPO_ROOT,
  extensionDirFor,
  launchBrowser,
  type BrowserKind,
} from './harness/browsers';

const run = promisify(execFile);

const OUTPUT_DIR = path.join(REPO_ROOT, '.output');
const PACKAGE = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

type Artifact = 'chrome' | 'firefox' | 'sources';
const zipIn = (dir: string, artifact: Artifact) =>
  path.join(dir, `${PACKAGE.name}-${PACKAGE.version}-${artifact}.zip`);
// Set by beforeAll: .output/ or the temporary folder the zips were built in.
let zipsDir = OUTPUT_DIR;
const zipPath = (artifact: Artifact) => zipIn(zipsDir, artifact);
const zipOf = (kind: BrowserKind) => zipPath(kind === 'chromium' ? 'chrome' : 'firefox');

// Store rules: Chrome Web Store and AMO both cap the manifest description at 132 characters.
const MAX_DESCRIPTION_LENGTH = 132;
const ICON_SIZES = ['16', '32', '48', '96', '128'];
const LOCALES = ['en', 'zh_CN', 'zh_TW', 'ja', 'ko', 'de', 'fr', 'es', 'pt_BR', 'ru'];
// The background (service worker) is parsed on every wake-up. Issue 21: ≤ 100 kB gzip (docs/performance.md):
// the Public Suffix List is a packaged file read at the first lookup, file readers moved to the options
// page, otpauth's bare build; Dexie (31 kB) is the largest part left. Bytes of gzip -9.
const BACKGROUND_GZIP_BUDGET = 100_000;
// Issue 17: the popup's entry JS (popup.html's scripts and their static imports; every screen but the list
// loads through import()) ≤ 25 kB: an open parses little before the first codes. Gzip -9 per file, summed.
const POPUP_ENTRY_GZIP_BUDGET = 25_000;
// why: Chrome's service worker cannot import() code later, so these must not be in background.js at all.
const READERS_NOT_IN_BACKGROUND = [
  'scrypt parameters refused', // lib/backup/scrypt.ts (Aegis)
  'Argon2 parameters refused', // lib/backup/argon2.ts
  'not in a supported format', // lib/backup/importers/index.ts
];
// why: the suffix data lives in public-suffixes.txt; neither tldts' label string nor the rules belong in
// background.js (rules that no code of ours names: a copy of the list would hold them).
const SUFFIX_FILE = 'public-suffixes.txt';
const SUFFIX_RULES_NOT_IN_CODE = ['ide.kyoto.jp', 'k12.ak.us', 'xn--55qx5d.cn', 'kawasaki.jp'];
const SUFFIX_LABELS = /export const labelText = "([^"]{64})/.exec(
  readFileSync(path.join(REPO_ROOT, 'node_modules/tldts/dist/es6/src/data/trie.js'), 'utf8'),
)?.[1];
// Folders whose every file the sources zip must hold for a rebuild.
const SOURCE_FOLDERS = ['entrypoints', 'lib', 'components', 'public', 'tools'];

interface PackagedManifest {
  manifest_version?: number;
  name?: string;
  description?: string;
  default_locale?: string;
  icons?: Record<string, string>;
  browser_specific_settings?: {
    gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: unknown };
  };
}

/** Newest modification time of what goes into a zip: the sources and the build folder's manifest. */
function newestInputMtime(buildDir: string): number {
  const inputs = [
    ...SOURCE_FOLDERS.flatMap(sourceFilesUnder),
    'wxt.config.ts',
    'package.json',
    path.relative(REPO_ROOT, path.join(buildDir, 'manifest.json')),
  ];
  return Math.max(
    ...inputs
      .map((file) => path.join(REPO_ROOT, file))
      .filter(existsSync)
      .map((file) => statSync(file).mtimeMs),
  );
}

const isFresh = (zip: string, buildDir: string) =>
  existsSync(zip) && statSync(zip).mtimeMs >= newestInputMtime(buildDir);

const outputZipsAreFresh = () =>
  isFresh(zipIn(OUTPUT_DIR, 'chrome'), extensionDirFor('chromium')) &&
  isFresh(zipIn(OUTPUT_DIR, 'firefox'), extensionDirFor('firefox')) &&
  isFresh(zipIn(OUTPUT_DIR, 'sources'), extensionDirFor('firefox'));

// why: the same zip() that `wxt zip -b <browser>` calls, with only the output folder moved; one process per
// browser because WXT keeps its configuration in a module-level singleton.
const ZIP_SCRIPT = `const { zip } = await import('wxt');
await zip({ browser: process.env.ZIP_BROWSER, outDir: process.env.ZIP_OUT_DIR });`;

/** Builds the Chrome, Firefox and sources zips into `outDir`. */
async function buildZips(outDir: string): Promise<void> {
  for (const browser of ['chrome', 'firefox']) {
    await run(process.execPath, ['--input-type=module', '-e', ZIP_SCRIPT], {
      cwd: REPO_ROOT,
      env: { ...process.env, ZIP_BROWSER: browser, ZIP_OUT_DIR: outDir },
      maxBuffer: 16 << 20,
    });
  }
}

// why: `unzip` (Info-ZIP) reads the archives exactly as a store would receive them; no zip library is a
// direct dependency of this project.
async function unzip(args: string[]): Promise<string> {
  try {
    return (await run('unzip', args, { maxBuffer: 64 << 20 })).stdout;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error('the `unzip` command is needed (apt-get install -y unzip)');
    throw error;
  }
}
const listEntries = async (zip: string) => (await unzip(['-Z1', zip])).split('\n').filter(Boolean);
const readEntry = (zip: string, entry: string) => unzip(['-p', zip, entry]);
const readEntryBytes = async (zip: string, entry: string) =>
  (await run('unzip', ['-p', zip, entry], { encoding: 'buffer', maxBuffer: 64 << 20 })).stdout;

/** Files of a source folder the reviewer needs, as zip entry names (WXT leaves out tests and dotfiles). */
function sourceFilesUnder(folder: string): string[] {
  const root = path.join(REPO_ROOT, folder);
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(REPO_ROOT, path.join(entry.parentPath, entry.name)).replaceAll('\\', '/'))
    .filter((file) => !file.split('/').some((part) => part.startsWith('.')))
    .filter((file) => !/\.(test|spec)\.[cm]?[jt]sx?$/.test(file));
}

test.describe('store packages (npm run zip)', () => {
  test.beforeAll(async () => {
    if (outputZipsAreFresh()) return;
    // why: two production builds on a busy 2-core machine.
    test.setTimeout(300_000);
    zipsDir = mkdtempSync(path.join(tmpdir(), 'package-zips-'));
    await buildZips(zipsDir);
  });

  test.afterAll(() => {
    if (zipsDir !== OUTPUT_DIR) rmSync(zipsDir, { recursive: true, force: true });
  });

  test('the browser zip has an MV3 manifest with every icon size and English and Chinese texts', async ({
    browserKind,
  }) => {
    const zip = zipOf(browserKind);
    const entries = await listEntries(zip);
    const manifest = JSON.parse(await readEntry(zip, 'manifest.json')) as PackagedManifest;

    expect(manifest.manifest_version).toBe(3);
    expect(manifest.default_locale).toBe('en');
    expect(Object.keys(manifest.icons ?? {}).sort()).toEqual([...ICON_SIZES].sort());
    for (const size of ICON_SIZES) expect(entries).toContain(manifest.icons?.[size]);

    const nameKey = /^__MSG_(\w+)__$/.exec(manifest.name ?? '')?.[1];
    const descriptionKey = /^__MSG_(\w+)__$/.exec(manifest.description ?? '')?.[1];
    expect(nameKey, 'the name is localised').toBeTruthy();
    expect(descriptionKey, 'the description is localised').toBeTruthy();
    for (const locale of LOCALES) {
      const messages = JSON.parse(await readEntry(zip, `_locales/${locale}/messages.json`)) as Record<
        string,
        { message?: string }
      >;
      expect(messages[nameKey ?? '']?.message, `${locale} name`).toBeTruthy();
      const description = messages[descriptionKey ?? '']?.message ?? '';
      expect(description, `${locale} description`).not.toBe('');
      expect(description.length, `${locale} description length`).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
    }

    const gecko = manifest.browser_specific_settings?.gecko;
    if (browserKind === 'firefox') {
      expect(gecko?.id).toMatch(/^[\w.-]+@[\w.-]+$/);
      expect(gecko?.strict_min_version).toBe('142.0');
      expect(gecko?.data_collection_permissions).toEqual({ required: ['none'] });
    } else {
      expect(gecko, 'Chrome warns about unknown manifest keys').toBeUndefined();
    }
  });

  test('the background holds no suffix data, no file readers, and stays within its size budget', async ({
    browserKind,
  }) => {
    const background = await readEntryBytes(zipOf(browserKind), 'background.js');
    expect(SUFFIX_LABELS, 'tldts label string found').toBeTruthy();
    expect(background.includes(SUFFIX_LABELS ?? ''), 'tldts label string in background.js').toBe(false);
    for (const rule of SUFFIX_RULES_NOT_IN_CODE) {
      expect(background.includes(rule), `background.js holds the rule "${rule}"`).toBe(false);
    }
    const gzipBytes = gzipSync(background, { level: 9 }).length;
    test.info().annotations.push({ type: 'background-gzip-bytes', description: String(gzipBytes) });
    expect(gzipBytes).toBeLessThanOrEqual(BACKGROUND_GZIP_BUDGET);
    for (const marker of READERS_NOT_IN_BACKGROUND) {
      expect(background.includes(marker), `background.js holds "${marker}"`).toBe(false);
    }
  });

  test('the Public Suffix List is a packaged file, complete and not web-accessible', async ({
    browserKind,
  }) => {
    const zip = zipOf(browserKind);
    const lines = (await readEntry(zip, SUFFIX_FILE)).split('\n');
    expect(lines[0]).toBe('public-suffixes 1');
    expect(lines.filter((line) => line !== '' && !line.startsWith('//')).length).toBeGreaterThan(9000);
    for (const rule of SUFFIX_RULES_NOT_IN_CODE) expect(lines).toContain(rule);
    const manifest = JSON.parse(await readEntry(zip, 'manifest.json')) as {
      web_accessible_resources?: unknown;
    };
    expect(JSON.stringify(manifest.web_accessible_resources ?? [])).not.toContain(SUFFIX_FILE);
  });

  test('the popup entry JS stays within its size budget', async ({ browserKind }) => {
    const zip = zipOf(browserKind);
    const html = await readEntry(zip, 'popup.html');
    const queue = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"/g)].map((m) =>
      (m[1] ?? '').replace(/^\//, ''),
    );
    expect(queue.length, 'popup.html loads a script').toBeGreaterThan(0);
    const files = new Set<string>();
    while (queue.length > 0) {
      const file = queue.shift() ?? '';
      if (files.has(file)) continue;
      files.add(file);
      for (const specifier of staticImports(await readEntry(zip, file))) {
        queue.push(
          specifier.startsWith('/')
            ? specifier.slice(1)
            : path.posix.join(path.posix.dirname(file), specifier),
        );
      }
    }
    let gzipBytes = 0;
    for (const file of files) gzipBytes += gzipSync(await readEntryBytes(zip, file), { level: 9 }).length;
    test.info().annotations.push({
      type: 'popup-entry-gzip-bytes',
      description: `${gzipBytes}: ${[...files].join(' + ')}`,
    });
    expect(gzipBytes).toBeLessThanOrEqual(POPUP_ENTRY_GZIP_BUDGET);
  });

  test('the browser zip installs and its popup renders a fresh vault', async ({ browserKind }) => {
    const popupReady = '[data-testid="app"][data-state="uninitialized"]';
    if (browserKind === 'chromium') {
      const unpacked = mkdtempSync(path.join(tmpdir(), 'package-chrome-'));
      try {
        await unzip(['-q', zipOf('chromium'), '-d', unpacked]);
        const ext = await launchBrowser('chromium', { extensionDir: unpacked });
        try {
          const popup = await ext.openPopup();
          await popup.waitForSelector(popupReady, { timeout: 20_000 });
        } finally {
          await ext.close();
        }
      } finally {
        rmSync(unpacked, { recursive: true, force: true });
      }
      return;
    }

    const zip = zipOf('firefox');
    const manifest = JSON.parse(await readEntry(zip, 'manifest.json')) as PackagedManifest;
    const geckoId = manifest.browser_specific_settings?.gecko?.id ?? '';
    const profileDir = mkdtempSync(path.join(tmpdir(), 'package-firefox-'));
    // Launched here rather than through launchBrowser, which installs a build folder: this is the zip.
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: profileDir,
      args: ['--remote-allow-system-access'],
      env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_EXTENSION_UUID }),
      },
    });
    try {
      expect(await browser.installExtension(zip)).toBe(geckoId);
      const page = await browser.newPage();
      // why: a BiDi navigation to moz-extension:// never resolves; fire it and wait for the document.
      page.goto(`moz-extension://${FIREFOX_EXTENSION_UUID}/popup.html`).catch(() => undefined);
      await page.waitForFunction(
        (selector: string) => document.querySelector(selector) !== null,
        {
          timeout: 20_000,
          polling: 100,
        },
        popupReady,
      );
    } finally {
      await browser.close();
      rmSync(profileDir, { recursive: true, force: true });
    }
  });

  test('the sources zip holds what a reviewer rebuilds from and no build or test output', async () => {
    const entries = await listEntries(zipPath('sources'));
    const files = entries.filter((entry) => !entry.endsWith('/'));

    for (const file of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'README.md']) {
      expect(files, file).toContain(file);
    }
    for (const folder of SOURCE_FOLDERS) {
      const missing = sourceFilesUnder(folder).filter((file) => !files.includes(file));
      expect(missing, `files of ${folder}/ missing from the sources zip`).toEqual([]);
    }
    const sources = JSON.parse(await readEntry(zipPath('sources'), 'package.json')) as {
      scripts?: Record<string, string>;
    };
    expect(sources.scripts?.build, 'package.json has the build command').toBeTruthy();

    const stray = files.filter(
      (file) =>
        /^(\.output|node_modules|test-results|playwright-report|coverage|docs\/screenshots)\//.test(file) ||
        file.split('/').some((part) => part.startsWith('.') || part === 'node_modules'),
    );
    expect(stray).toEqual([]);
  });
});
