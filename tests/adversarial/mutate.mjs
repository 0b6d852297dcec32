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

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** name → [file, find, replace, what it removes] */
const MUTATIONS = {
  'move-grace': [
    'lib/content/inline-button.ts',
    "    if (at - lastMovedAt < MOVE_GRACE_MS) return 'moved';\n",
    '',
    'ignore clicks right after our button moved',
  ],
  'top-layer-other': [
    'lib/content/inline-button.ts',
    '    if (other !== null) {',
    '    if (other === undefined) {',
    'refuse clicks while another popover, modal dialog or fullscreen element is open',
  ],
  'host-tamper-grace': [
    'lib/content/inline-button.ts',
    "    if (at - tamperedAt < MOVE_GRACE_MS) return 'tampered';\n",
    '',
    'refuse clicks for a while after page script restyled our host (it is restored at once)',
  ],
  'host-style-initial': [
    'lib/autofill/visibility.ts',
    "return value !== '' && value !== 'initial' && value !== expected;",
    'return false;',
    "refuse clicks when our host's computed filter/mask/clip/transform/... are not the initial values",
  ],
  'host-pseudo': [
    'lib/content/inline-button.ts',
    "    if (pseudo.length > 0) return 'decorated';\n",
    '',
    'refuse clicks when page CSS draws with our host::before/::after or paints its ::backdrop',
  ],
  'field-ancestor-effects': [
    'lib/autofill/visibility.ts',
    '  if (hiddenByEffect(element, layout)) return false;\n',
    '',
    'refuse clicks when a filter/mask/clip-path/blend mode hides the field (or button) through an ancestor',
  ],
  'iov2-visible': [
    'lib/content/inline-button.ts',
    "    if (tracked && (visibleSince === null || at - visibleSince < MOVE_GRACE_MS)) return 'not-visible';\n",
    '',
    'accept clicks only when IntersectionObserver v2 has reported our button visible (frames too)',
  ],
  'subframe-no-proof': [
    'lib/content/controller.ts',
    '    if (!canProveVisibility(view)) return;\n',
    '',
    'no inline button in a subframe that cannot prove it is visible (Firefox)',
  ],
  'keyboard-activation': [
    'lib/content/inline-button.ts',
    'if (keyboard && (root.activeElement !== button || now() - keyAt > KEY_ACTIVATION_MS)) return;',
    'if (keyboard && false) return;',
    "keyboard activation only with real focus on our button, right after the user's own Enter/Space",
  ],
  'click-opacity': [
    'lib/autofill/visibility.ts',
    'if (!facts.rendered || facts.opacity < MIN_CLICK_OPACITY) return false;',
    'if (!facts.rendered) return false;',
    'refuse a click when the button or field is nearly transparent',
  ],
  'click-hit-test': [
    'lib/autofill/visibility.ts',
    '  return isTopmostAt(element, x, y, layout);\n}',
    '  return isTopmostAt(element, x, y, layout) || true;\n}',
    'refuse a click when the button or field is covered (elementFromPoint)',
  ],
  'fill-target-opacity': [
    'lib/autofill/visibility.ts',
    'if (facts.opacity < INVISIBLE_OPACITY) {',
    'if (facts.opacity < 0) {',
    'no button for a field that is invisible through an ancestor',
  ],
  'host-important': [
    'lib/content/inline-button.ts',
    '.map((rule) => `${rule} !important`)',
    '.map((rule) => rule)',
    'inline !important host style that page CSS cannot override',
  ],
  'origin-binding': [
    'lib/sites/binding.ts',
    'return isOriginAllowed(origin, allowedSites, { allowHttp: httpOk });',
    'return isOriginAllowed(origin, allowedSites, { allowHttp: httpOk }) || origin.length > 0;',
    'fill only on origins the account is bound to',
  ],
  'record-aad': [
    'lib/vault/crypto.ts',
    "return utf8(JSON.stringify(['mfa-vault-record', schemaVersion, recordId]));",
    "return utf8(JSON.stringify(['mfa-vault-record']));",
    'bind each record to its id and schema version (AAD)',
  ],
  'kdf-floor': [
    'lib/vault/crypto.ts',
    'kdf.iterations < KDF_FLOOR.iterations',
    'kdf.iterations < 1',
    'refuse KDF parameters below the floor before deriving',
  ],
  'missing-slot': [
    'lib/vault/repository.ts',
    "return (await vaultExists()) ? 'initialized' : 'uninitialized';",
    "return (await db.slots.count()) > 0 ? 'initialized' : 'uninitialized';",
    'a vault whose key slot was deleted is not a new, empty vault',
  ],
  'newer-schema': [
    'lib/vault/repository.ts',
    "if (db.schemaState === 'newer-schema') throw new NewerSchemaError();",
    '',
    'refuse writes to a database from a newer build',
  ],
  'label-clean': [
    'lib/otp/label.ts',
    'export function cleanLabel(input: string): string {',
    'export function cleanLabel(input: string): string {\n  if (input.length >= 0) return input;',
    'strip control/bidi characters and cap label length',
  ],
  'uri-length': [
    'lib/otp/uri.ts',
    'if (input.length > MAX_OTPAUTH_URI_LENGTH) {',
    'if (input.length < 0) {',
    'refuse otpauth links longer than 4096 characters',
  ],
  'qr-unsafe': [
    'lib/enroll/classify.ts',
    'if (UNSAFE_SCHEMES.has(scheme)) return url(scheme, REASONS.unsafe);',
    '',
    'name script/data URLs in QR codes as unsafe',
  ],
  'migration-cap': [
    'lib/otp/migration.ts',
    'export const MAX_MIGRATION_ACCOUNTS = 1000;',
    'export const MAX_MIGRATION_ACCOUNTS = 1_000_000;',
    'refuse migration payloads with more than 1000 entries',
  ],
  'import-size': [
    'lib/backup/importers/index.ts',
    'if (text.length > MAX_IMPORT_CHARS) {',
    'if (text.length < 0) {',
    'refuse import files over 10 MB before parsing',
  ],
  'hotp-persist-first': [
    'lib/background/fillable-accounts.ts',
    'const used = await deps.vault.bumpHotpCounter(dek, id)',
    'const used = await deps.vault.list(dek).then(({ accounts }) => accounts.find((a) => a.id === id)!)',
    'persist the HOTP counter before the code is returned',
  ],
  'strict-durability': [
    'lib/vault/schema.ts',
    "chromeTransactionDurability: 'strict',",
    "chromeTransactionDurability: 'relaxed',",
    'strict IndexedDB durability in Chrome',
  ],
  'storage-access-level': [
    'entrypoints/background.ts',
    '  void restrictStorageToExtension(browser.storage.local);\n',
    '',
    'storage.local closed to content scripts (Chrome access level)',
  ],
  'settings-in-vault': [
    'lib/background/settings.ts',
    'return parseSettings(await deps.settings.read(dek));',
    'return parseSettings((await deps.local.get(LEGACY_SETTINGS_KEY))[LEGACY_SETTINGS_KEY] ?? (await deps.settings.read(dek)));',
    'settings read from the vault, never from storage.local',
  ],
  'clipboard-clear': [
    'entrypoints/background.ts',
    'if (alarm.name === CLIPBOARD_ALARM) {',
    "if (alarm.name === 'clipboard-clear-removed') {",
    'clear the clipboard from the background after a copy (popup closed)',
  ],
  'dup-same-secret': [
    'lib/backup/merge.ts',
    '  return existing.find((account) => secretKey(account.data) === key);',
    '  return existing.find((a) => secretKey(a.data) === key || nameKey(a.data) === nameKey(data));',
    'a duplicate is the same secret; a name (any page can print "GitHub:alice") is not',
  ],
  'clash-ask': [
    'lib/background/handlers/add-account.ts',
    "const choice = payload.onNameClash ?? 'ask';",
    "const choice = payload.onNameClash ?? 'keep-both';",
    'an account named like a stored one (another secret) is added only after the user chose',
  ],
  'replace-name-check': [
    'lib/background/handlers/add-account.ts',
    'if (!target || nameKey(target.data) !== nameKey(data)) {',
    'if (!target) {',
    'replace only the account of that name the user was shown',
  ],
  'qr-frame-origin': [
    'lib/background/handlers/scan-tab.ts',
    'sources.push({ frameId, origin, dataUrl: s.dataUrl, rect: s.rect, screenshot: false });',
    'sources.push({ frameId, origin: topOrigin, dataUrl: s.dataUrl, rect: s.rect, screenshot: false });',
    'a QR code shown by a frame binds the frame origin the browser reports, not the top page',
  ],
  'qr-own-origin-only': [
    'lib/content/qr-sources.ts',
    '.filter((candidate) => originOf(candidate.element.ownerDocument.defaultView) === own)',
    '.filter(() => true)',
    'a frame reports only QR elements of its own origin (not a document.domain child)',
  ],
  'qr-pin-document': [
    'lib/background/handlers/scan-tab.ts',
    ".sendToFrame(tabId, f.frameId, { type: 'collectQr' }, f.documentId)",
    ".sendToFrame(tabId, f.frameId, { type: 'collectQr' })",
    'scanTab asks each frame through the document whose origin was read (Chromium documentId)',
  ],
  'fill-expected-origin': [
    'lib/content/controller.ts',
    "    if (!onExpectedOrigin(command.expectedOrigin)) return { filled: false, refused: 'origin-changed' };\n",
    '',
    'the content script refuses a fill naming an origin other than its own',
  ],
  'self-origin-content': [
    'lib/content/controller.ts',
    "return view.origin !== 'null' && view.origin === expectedOrigin;",
    'return view.location.origin === expectedOrigin;',
    "the content script compares its document's own origin (opaque when sandboxed), not location.origin",
  ],
  'fill-document-id': [
    'lib/background/browser-deps.ts',
    'documentId ? { frameId, documentId } : { frameId }',
    '{ frameId }',
    'a fill is sent to the checked document only (tabs.sendMessage documentId)',
  ],
  'fill-pin-document': [
    'lib/background/fill-in-tab.ts',
    'deps.sendToFrame(tabId, f.frameId, message, f.documentId)',
    'deps.sendToFrame(tabId, f.frameId, message)',
    'fillTab passes the checked document id with every message',
  ],
  'self-origin': [
    'lib/background/browser-deps.ts',
    'func: () => self.origin,',
    'func: () => location.origin,',
    "the frame check reads each document's own origin, so sandboxed documents never match",
  ],
  'two-codes-enroll-only': [
    'lib/background/fill-in-tab.ts',
    'twoCodes && twoCodesAllowed(account, deps.now()),',
    'twoCodes,',
    'two consecutive codes only for an account added in the last 10 minutes',
  ],
  'inline-one-code': [
    'lib/background/handlers/request-fill.ts',
    'codesFor(deps, dek, account, false)',
    'codesFor(deps, dek, account, arguments[0].twoCodes === true)',
    'the inline button gets one code whatever the content script asks',
  ],
  'hotp-probe-first': [
    'lib/background/fill-in-tab.ts',
    "if (account.data.kind === 'hotp') {",
    "if (account.data.kind === 'none') {",
    'an HOTP counter is spent only after a frame on the checked origin says it has a field',
  ],
  'multi-tenant-parent': [
    'lib/sites/binding.ts',
    'if (isPublicSuffix(bound.host) || isMultiTenantParent(bound.host)) return false;',
    'if (isPublicSuffix(bound.host)) return false;',
    'a stored site equal to a multi-tenant parent (okta.com, us.auth0.com) matches nothing',
  ],
  'exact-host-default': [
    'lib/sites/binding.ts',
    '  if (!wholeDomain) return host;\n',
    '',
    'a new account is bound to the exact enrolled host unless single-owner or the user widens it',
  ],
  'profile-own-site': [
    'lib/sites/binding.ts',
    'if (profileSites.some((site) => siteMatchesHost(site, key))) return profileSites;',
    "if (profileSites.length > 0) return [siteForEnrolledHost(key) ?? '', ...profileSites];",
    "issuer profile sites only when the enrolling page is on one of the profile's sites",
  ],
  'loopback-port': [
    'lib/sites/binding.ts',
    'return bound.port !== null && bound.host === wanted.host && bound.port === wanted.port;',
    'return bound.host === wanted.host;',
    'a loopback site matches only its own port',
  ],
};

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
