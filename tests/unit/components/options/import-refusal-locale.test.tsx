// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fixture, localeGetMessage, TWOFAS_PASSWORD } from '../../backup/helpers';
import { click, typeInto, waitFor, type Mounted } from '../harness';
import { fakeOptions, mountOptions } from './options-harness';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  vi.restoreAllMocks();
});

const byId = <T extends HTMLElement = HTMLElement>(id: string) => mounted?.byTestId<T>(id) ?? null;

/** Pastes `text` in the options page shown in `locale`, asks for a preview, and returns the error shown. */
async function refusedIn(locale: string, text: string, password = ''): Promise<HTMLElement> {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(
    localeGetMessage(locale) as typeof fakeBrowser.i18n.getMessage,
  );
  const { services, calls } = fakeOptions();
  mounted = mountOptions(services);
  await typeInto(await waitFor(() => byId<HTMLTextAreaElement>('import-text')), text);
  if (password) await typeInto(byId<HTMLInputElement>('import-password'), password);
  await click(byId('import-preview'));
  const error = await waitFor(() => byId('import-error'));
  // why: a refused file is refused in the page; nothing reaches the background, nothing can be committed.
  expect(calls.some((call) => call.type === 'previewImport')).toBe(false);
  expect(byId('import-commit')).toBeNull();
  return error;
}

describe('import: a refused file is explained in the user language', () => {
  it('a 2FAS backup with the wrong password, in zh_CN: Chinese text, the app name as text, the code kept', async () => {
    const error = await refusedIn('zh_CN', fixture('2fas-encrypted.2fas'), `${TWOFAS_PASSWORD}!`);
    expect(error.textContent).toBe('此 2FAS 文件的密码错误，或文件被修改过。');
    expect(error.dataset.code).toBe('wrong-password');
    expect(document.activeElement).toBe(byId('import-password'));
  });

  it('an Aegis vault without its password, in zh_CN', async () => {
    const error = await refusedIn('zh_CN', fixture('aegis-encrypted.json'));
    expect(error.textContent).toBe('此 Aegis 文件已加密：请输入它的密码。');
    expect(error.dataset.code).toBe('password-required');
  });

  it('a file in no known format, in zh_CN: the list of formats stays plain text', async () => {
    const error = await refusedIn('zh_CN', '<b>Dear diary</b>, nothing here.');
    expect(error.textContent).toMatch(
      /^此文件不是受支持的格式。支持的格式：otpauth:\/\/, Google Authenticator, /,
    );
    expect(error.dataset.code).toBe('wrong-format');
    expect(error.querySelector('b')).toBeNull();
  });

  it('this extension’s backup without its password, in zh_CN and in English', async () => {
    expect((await refusedIn('zh_CN', fixture('mfa-backup-v1.json'))).textContent).toBe(
      '请输入此备份的密码。',
    );
    mounted?.unmount();
    vi.restoreAllMocks();
    expect((await refusedIn('en', fixture('mfa-backup-v1.json'))).textContent).toBe(
      'Enter the password of this backup.',
    );
  });
});
