import { describe, expect, it } from 'vitest';
import { entryList } from '../../../lib/backup/importers/collect';
import { MAX_IMPORT_ACCOUNTS } from '../../../lib/backup/types';

describe('entryList: the one check of an export’s list of entries', () => {
  it('hands back a list of up to 10,000 entries as it is', () => {
    const list = new Array<number>(MAX_IMPORT_ACCOUNTS).fill(1);
    expect(entryList(list, 'Aegis', 'The X export', 'entries')).toBe(list);
    expect(entryList([], 'Aegis', 'The X export', 'entries')).toEqual([]);
  });

  it('refuses 10,001 entries as too large, in the reader’s own words and as a reason naming the app', () => {
    expect(
      entryList(new Array(MAX_IMPORT_ACCOUNTS + 1).fill({}), 'FreeOTP+', 'The FreeOTP+ export', 'tokens'),
    ).toEqual({
      ok: false,
      error: {
        code: 'too-large',
        message: 'The FreeOTP+ export holds more than 10,000 tokens.',
        reason: 'too-many-accounts',
        app: 'FreeOTP+',
      },
    });
  });

  it.each([undefined, null, 'entries', 3, { length: 2 }])('refuses %j as corrupt: it is no list', (value) => {
    expect(entryList(value, 'Aegis', 'The Aegis vault', 'entries')).toEqual({
      ok: false,
      error: {
        code: 'corrupt',
        message: 'The Aegis vault has no list of entries.',
        reason: 'no-account-list',
        app: 'Aegis',
      },
    });
    expect(
      entryList(
        value,
        'andOTP',
        'The andOTP backup',
        'entries',
        'The andOTP backup is not a list of entries.',
      ),
    ).toEqual({
      ok: false,
      error: {
        code: 'corrupt',
        message: 'The andOTP backup is not a list of entries.',
        reason: 'no-account-list',
        app: 'andOTP',
      },
    });
  });
});
