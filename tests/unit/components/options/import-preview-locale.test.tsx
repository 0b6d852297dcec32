// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ImportPreviewList } from '../../../../components/options/ImportPreviewList';
import { readImport } from '../../../../lib/backup/importers';
import { SKIP_REASONS, type EntryPlace, type InvalidEntry } from '../../../../lib/backup/skip-reasons';
import type { ImportPreview } from '../../../../lib/messaging';
import { skipReasonKey } from '../../../../lib/ui/import-skip-reasons';
import { localeGetMessage } from '../../backup/helpers';
import { mount, type Mounted } from '../harness';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  vi.restoreAllMocks();
});

/** Every place kind a reader gives, with and without a name or account. */
const PLACES: EntryPlace[] = [
  { kind: 'line', n: 3 },
  { kind: 'line', n: 3, account: 2 },
  { kind: 'entry', n: 6 },
  { kind: 'entry', n: 6, name: 'Yandex' },
  { kind: 'row', n: 4 },
  { kind: 'row', n: 4, name: 'Steam' },
  { kind: 'qr', n: 2, of: 3 },
  { kind: 'qr', n: 2, of: 3, account: 1 },
  { kind: 'qr-export', of: 3 },
  { kind: 'account', n: 1 },
  { kind: 'rest' },
];

/** Words that stay as they are in every language: protocols, product and algorithm names, field names. */
const UNTRANSLATED =
  /otpauth(-migration)?:\/\/|steam:\/\/|shared_secret|base32|base64|Authenticator|Steam|TOTP|HOTP|SHA\d+|QR|A–Z|Yandex|<b>MOTP<\/b>|%/g;

function preview(invalid: InvalidEntry[]): ImportPreview {
  return { format: 'otpauth-text', add: [], duplicates: [], invalid };
}

function renderIn(locale: string, invalid: InvalidEntry[]): HTMLElement[] {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(
    localeGetMessage(locale) as typeof fakeBrowser.i18n.getMessage,
  );
  mounted = mount(<ImportPreviewList preview={preview(invalid)} />);
  return mounted.allByTestId('import-invalid-row');
}

describe('import preview: skipped entries in the user language', () => {
  it('has a wording for every skip reason code', () => {
    for (const code of SKIP_REASONS) expect(skipReasonKey(code), code).not.toBeNull();
  });

  it('shows no English in zh_CN for any reason or place, and the file’s own text stays text', () => {
    const invalid: InvalidEntry[] = [
      ...SKIP_REASONS.map((code, index) => ({
        at: PLACES[index % PLACES.length]!,
        code,
        detail: code === 'qr-missing' ? '2, 3' : '<b>MOTP</b>',
        count: 2,
      })),
      { at: { kind: 'entry', n: 1 }, code: 'unsupported-type' },
    ];
    const rows = renderIn('zh_CN', invalid);
    expect(rows).toHaveLength(invalid.length);
    for (const row of rows) {
      const text = row.textContent ?? '';
      expect(text.replace(UNTRANSLATED, ''), text).not.toMatch(/[A-Za-z]{2,}/);
    }
    // why: a name or type from the file is shown as text, never parsed as markup.
    expect(mounted!.container.querySelector('b')).toBeNull();
    expect(rows.some((row) => row.textContent?.includes('<b>MOTP</b>'))).toBe(true);
  });

  it('reads a file with a bad line in zh_CN: place and reason are Chinese', async () => {
    const read = await readImport(
      'otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP\notpauth://totp/B:b?secret=not*base32\n',
      { crypto: globalThis.crypto },
    );
    if (!read.ok) throw new Error('the list should read');
    const [row] = renderIn('zh_CN', read.invalid);
    expect(row?.textContent).toBe('第 2 行 — 密钥不是有效的 base32（只允许字母 A–Z 和数字 2–7）。');
    expect(row?.dataset.reason).toBe('secret-not-base32');
  });

  it('reads as before in English', () => {
    const [row] = renderIn('en', [
      { at: { kind: 'entry', n: 6, name: 'Yandex' }, code: 'unsupported-type', detail: 'yandex' },
    ]);
    expect(row?.textContent).toBe('entry 6 (Yandex) — yandex entries are not supported');
  });
});
