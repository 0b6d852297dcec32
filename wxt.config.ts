import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { publicSuffixListText } from './tools/public-suffixes.mjs';

// Firefox add-on id; also used by the Firefox e2e harness to pin the moz-extension UUID.
export const GECKO_ID = 'mfa-authenticator@extension.local';

interface ChunkingContext {
  getModuleInfo(id: string): { importers: readonly string[] } | null;
}

// why: the page itself too, so WXT's small preload helper it imports is not a file of its own.
const POPUP_PAGE = /entrypoints[\\/]popup[\\/]index\.html$/;
const POPUP_ENTRY = /entrypoints[\\/]popup[\\/](index\.html|main\.tsx)$/;

/** True when `entry` imports `id` statically, directly or through other modules. */
function staticallyImportedBy(
  entry: RegExp,
  id: string,
  ctx: ChunkingContext,
  seen = new Set<string>(),
): boolean {
  if (entry.test(id)) return true;
  if (seen.has(id)) return false;
  seen.add(id);
  return (ctx.getModuleInfo(id)?.importers ?? []).some((importer) =>
    staticallyImportedBy(entry, importer, ctx, seen),
  );
}

/**
 * Everything the popup page imports statically goes into one `popup-start` chunk (its entry module stays in
 * its own file, so other pages that share modules with it never run the popup's render). The
 * options page and the offscreen document then load that chunk too: they are opened rarely; the popup is
 * opened all day.
 */
function popupStartChunk(id: string, ctx: ChunkingContext): string | null {
  return !POPUP_ENTRY.test(id) && staticallyImportedBy(POPUP_ENTRY, id, ctx) ? 'popup-start' : null;
}

export default defineConfig({
  manifestVersion: 3,
  // why: every module says where its names come from; nothing relied on auto-imports.
  imports: false,
  // why: `browser` from wxt/browser is Mozilla's webextension-polyfill in every entrypoint (a no-op wrapper
  // in Firefox, promise-based wrappers over chrome.* in Chromium), so both browsers run one API.
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    // why: the Public Suffix List is a packaged file read on first lookup (lib/sites/public-suffixes.ts), not
    // part of the background script; it is built here from the lock-file-pinned tldts package.
    'build:publicAssets': async (_wxt, files) => {
      files.push({ relativeDest: 'public-suffixes.txt', contents: await publicSuffixListText() });
    },
    // why: the popup's first screen waited ~10 ms more for six module files than for one chunk holding the
    // same code (extension-page fetches are serial IPC on a busy renderer); see docs/performance.md. Only
    // the build of the HTML pages splits code; the content script is one IIFE file.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((entrypoint) => entrypoint.name === 'popup')) return;
      const rolldownOptions = (config.build ??= {}).rolldownOptions ?? {};
      const output = Array.isArray(rolldownOptions.output) ? {} : (rolldownOptions.output ?? {});
      config.build.rolldownOptions = {
        ...rolldownOptions,
        output: {
          ...output,
          codeSplitting: { groups: [{ name: popupStartChunk, debugName: 'popup-start' }] },
        },
      };
    },
  },
  vite: () => ({
    plugins: [preact()],
    build: {
      // why: `BUNDLE_SOURCEMAP=1` builds source maps for bench/bundle-composition.mjs (what each module
      // weighs in a built file); release builds have none.
      sourcemap: process.env.BUNDLE_SOURCEMAP === '1',
      // why: both browsers' extension pages support <link rel="modulepreload">, so no polyfill (a
      // MutationObserver over the page in the popup's first load). A lazy chunk's own imports are not
      // preloaded: the list of every lazy chunk's files sat in the popup's first load, for a few ms saved
      // on screens opened rarely. The popup page preloads nothing either: its first screen is drawn by a
      // classic script whose file and reads were slowed by the app's preloads (A/B, 21 opens each: reads
      // back 3 ms and the first frame 10 ms sooner without them; the app starts ~9 ms later, after that frame).
      modulePreload: {
        polyfill: false,
        resolveDependencies: (_file, deps, { hostId, hostType }) =>
          hostType === 'html' && !POPUP_PAGE.test(hostId) ? deps : [],
      },
      rolldownOptions: {
        // why: the default ('smart') copies imported string constants into conditions that use them; tldts'
        // ~70 kB Public Suffix label string ended up three times in the background and the popup (+65 kB
        // gzip each, and three copies to parse on every service-worker start). Off: one copy, ~40 B more
        // per small chunk.
        optimization: { inlineConst: false },
      },
    },
  }),
  zip: {
    // The sources zip is what an AMO reviewer rebuilds the add-on from (`npm ci && npm run build`). WXT
    // already leaves out node_modules, dot folders (.wxt, .tmp), .output and *.spec/*.test files; these are
    // test and bench output, screenshots, and the test suites whose spec files WXT has dropped anyway.
    // why: WXT leaves entrypoints of other browsers out of the sources zip, but `npm run build` builds both.
    includeSources: ['entrypoints/offscreen/index.html'],
    excludeSources: [
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
      'docs/screenshots/**',
      'tests/**',
      'bench/**',
      'playwright.config.ts',
      'vitest.config.ts',
      '**/*.log',
    ],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'unlimitedStorage',
      'alarms',
      'idle',
      'activeTab',
      'scripting',
      'contextMenus',
      'clipboardWrite',
      // why: Chrome's service worker has no DOM; an offscreen document clears the clipboard after a copy.
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // why: capturing the visible tab for QR scanning and filling in every frame needs host access.
    host_permissions: ['<all_urls>'],
    action: { default_title: '__MSG_extName__' },
    commands: {
      'fill-code': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: '__MSG_commandFill__',
      },
      'scan-qr': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandScan__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
