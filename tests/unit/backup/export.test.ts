import { describe, expect, it } from 'vitest';
import { accountQrUri, exportMigrationUris, exportOtpauthList } from '../../../lib/backup/export';
import { readImport } from '../../../lib/backup/importers';
import { decodeMigrationUri } from '../../../lib/otp/migration';
import { parseOtpauthUri } from '../../../lib/otp/uri';
import { mixedAccounts } from './helpers';

const accounts = mixedAccounts(30);

describe('exportOtpauthList', () => {
  it('writes one link per line that imports back to the same accounts', async () => {
    const text = exportOtpauthList(accounts);
    expect(text.split('\n')).toHaveLength(31);
    const back = await readImport(text, { crypto: globalThis.crypto });
    expect(back.ok && back.accounts.map((a) => a.data)).toEqual(accounts);
  });
});

describe('exportMigrationUris', () => {
  it('batches 10 accounts per QR code under one batch id and leaves out what Google cannot carry', () => {
    const { uris, skipped } = exportMigrationUris(accounts, 12345);
    const carried = accounts.filter((a) => a.kind !== 'steam' && (a.kind === 'hotp' || a.period === 30));
    expect(skipped).toHaveLength(accounts.length - carried.length);
    expect(skipped.some((s) => /Steam/.test(s.reason))).toBe(true);
    expect(uris).toHaveLength(Math.ceil(carried.length / 10));
    const decoded = uris.map((uri) => decodeMigrationUri(uri));
    decoded.forEach((result, index) => {
      expect(result).toMatchObject({ ok: true, batch: { size: uris.length, index, id: 12345 } });
    });
    expect(decoded.flatMap((r) => (r.ok ? r.accounts : []))).toEqual(carried);
  });

  it('gives no QR code when nothing can be carried', () => {
    const steamOnly = accounts.filter((a) => a.kind === 'steam');
    expect(exportMigrationUris(steamOnly, 1)).toEqual({
      uris: [],
      skipped: steamOnly.map((a) => expect.objectContaining({ issuer: a.issuer })),
    });
  });
});

describe('accountQrUri', () => {
  it('is an otpauth URI that a phone (and our parser) reads back to the same account', () => {
    for (const account of accounts)
      expect(parseOtpauthUri(accountQrUri(account))).toEqual({ ok: true, account });
  });
});
