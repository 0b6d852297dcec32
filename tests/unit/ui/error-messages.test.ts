import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MessageError } from '../../../lib/messaging';
import { lockAwareSend, type SendFn } from '../../../lib/ui/api';
import {
  CODES_IN_BACKGROUND_WORDS,
  errorKey,
  errorText,
  toFailure,
  WordedError,
} from '../../../lib/ui/error-messages';

const root = join(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) ? [path] : [];
  });
}

/** Codes the background refuses with (`new UserFacingError('code', …)`). */
function backgroundCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sourceFiles(join(root, 'lib/background'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/UserFacingError\(\s*'([a-z-]+)'/g)) {
      codes.add(match[1] ?? '');
    }
  }
  return codes;
}

describe('error messages', () => {
  it('finds the background codes (the scan itself works)', () => {
    expect(backgroundCodes().has('wrong-password')).toBe(true);
    expect(backgroundCodes().size).toBeGreaterThan(8);
  });

  it.each([...backgroundCodes()])('words %s in the user language, or says why not', (code) => {
    expect(errorKey(code) !== null || CODES_IN_BACKGROUND_WORDS.includes(code)).toBe(true);
  });

  it('shows a known code by its key (the test translator returns keys) and an unknown one as phrased', () => {
    expect(errorText(new MessageError('no-field', 'No field.'))).toBe('fillNoField');
    expect(errorText(new MessageError('duplicate', 'Already there (A · b).'))).toBe('Already there (A · b).');
    expect(errorText(new Error('boom'))).toBe('boom');
  });

  it('keeps the background detail after the key where the message names the input', () => {
    expect(errorText(new MessageError('invalid-sites', '"com" is not a site.'))).toBe(
      'errorInvalidSites "com" is not a site.',
    );
  });

  it('lets one screen word a code its own way, and keeps the code and the clash', () => {
    const wrong = new MessageError('wrong-password', 'Wrong password.');
    expect(errorText(wrong)).toBe('unlockWrongPassword');
    expect(errorText(wrong, { 'wrong-password': () => 'changeWrongPassword' })).toBe('changeWrongPassword');
    const clash = { existing: { id: 'x', issuer: 'A', account: 'b', allowedSites: [] }, incomingSites: [] };
    expect(toFailure(new MessageError('name-clash', 'same name', clash))).toEqual({
      code: 'name-clash',
      message: 'errorNameClash',
      clash,
    });
  });
});

describe('lockAwareSend', () => {
  it('passes replies and other failures through', async () => {
    let locked = 0;
    const inner: SendFn = async (type) => {
      if (type === 'backupStatus') throw new MessageError('wrong-password', 'no');
      return { state: 'unlocked', lockAt: 0 } as never;
    };
    const send = lockAwareSend(inner, () => (locked += 1));
    await expect(send('getVaultState', {})).resolves.toEqual({ state: 'unlocked', lockAt: 0 });
    await expect(send('backupStatus', {})).rejects.toMatchObject({ code: 'wrong-password' });
    expect(locked).toBe(0);
  });

  it('reports a locked reply once and leaves the caller waiting (its screen is being replaced)', async () => {
    let locked = 0;
    const send = lockAwareSend(
      async () => Promise.reject(new MessageError('locked', 'The vault is locked.')),
      () => (locked += 1),
    );
    let settled = false;
    void send('listAccounts', {}).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(locked).toBe(1);
    expect(settled).toBe(false);
  });
});

describe('a failure the page already worded', () => {
  it('is shown as it is, under its own code, even where the table words that code', () => {
    const failure = toFailure(new WordedError('wrong-password', '此 2FAS 文件的密码错误，或文件被修改过。'));
    expect(failure).toEqual({ code: 'wrong-password', message: '此 2FAS 文件的密码错误，或文件被修改过。' });
    expect(errorText(new MessageError('wrong-password', 'x'))).not.toBe('x');
  });
});
