// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { MessageError, type AddAccountRequest, type NewAccount } from '../../../lib/messaging';
import {
  click,
  fakeServices,
  mountApp,
  NOW,
  typeInto,
  waitFor,
  type FakeHandlers,
  type Mounted,
} from './harness';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

function unlocked(addAccount: FakeHandlers['addAccount']): FakeHandlers {
  return {
    getVaultState: () => ({ state: 'unlocked', lockAt: NOW + 1 }),
    listAccounts: () => ({ accounts: [], broken: [] }),
    getSettings: () => ({ autoLockMinutes: 15, clearClipboard: true }),
    addAccount,
  };
}

async function openAdd() {
  await waitFor(() => mounted?.byTestId('account-list'));
  await click(mounted?.byTestId('add-open') ?? null);
  return waitFor(() => mounted?.byTestId<HTMLTextAreaElement>('add-uri'));
}

describe('manual add', () => {
  it('shows the parser error for a bad URI and saves nothing', async () => {
    const { services, calls } = fakeServices(unlocked(() => ({ id: 'x' })));
    mounted = mountApp(services);
    const uri = await openAdd();
    await typeInto(uri, 'https://example.com/not-otp');
    await click(mounted.byTestId('add-uri-submit'));
    const error = await waitFor(() => mounted?.byTestId('add-error'));
    expect(error.textContent).not.toBe('');
    expect(mounted.byTestId('add-confirm')).toBeNull();
    expect(calls.some((call) => call.type === 'addAccount')).toBe(false);
  });

  it('previews a pasted URI, then saves it on confirm', async () => {
    const saved: NewAccount[] = [];
    const { services } = fakeServices(
      unlocked((request) => {
        saved.push(request);
        return { id: 'new' };
      }),
    );
    mounted = mountApp(services);
    const uri = await openAdd();
    await typeInto(uri, 'otpauth://totp/Aliyun:alice?secret=JBSWY3DPEHPK3PXP&issuer=Aliyun');
    await click(mounted.byTestId('add-uri-submit'));
    await waitFor(() => mounted?.byTestId('add-confirm'));
    expect(mounted.byTestId('preview-issuer')?.textContent).toBe('Aliyun');
    expect(mounted.byTestId('preview-account')?.textContent).toBe('alice');
    expect(mounted.container.textContent).not.toContain('JBSWY3DPEHPK3PXP');
    expect(saved).toHaveLength(0);

    await click(mounted.byTestId('add-confirm'));
    await waitFor(() => mounted?.byTestId('account-list'));
    expect(saved).toEqual([
      {
        data: expect.objectContaining({
          kind: 'totp',
          issuer: 'Aliyun',
          account: 'alice',
          secret: 'JBSWY3DPEHPK3PXP',
        }),
        allowedSites: [],
        enrolledOrigin: '',
        onNameClash: 'ask',
      },
    ]);
  });

  it('asks keep-both or replace when the name exists with another secret, and replaces only on the button', async () => {
    const saved: AddAccountRequest[] = [];
    const clash = {
      existing: { id: 'old', issuer: 'GitHub', account: 'octocat', allowedSites: ['github.com'] },
      incomingSites: [],
    };
    const { services } = fakeServices(
      unlocked((request) => {
        saved.push(request);
        if (request.onNameClash === 'ask') throw new MessageError('name-clash', 'same name', clash);
        return { id: request.replaceId ?? 'new', replaced: request.onNameClash === 'replace' };
      }),
    );
    mounted = mountApp(services);
    const uri = await openAdd();
    await typeInto(uri, 'otpauth://totp/GitHub:octocat?secret=GEZDGNBVGY3TQOJQ&issuer=GitHub');
    await click(mounted.byTestId('add-uri-submit'));
    await click(await waitFor(() => mounted?.byTestId('add-confirm')));
    await waitFor(() => mounted?.byTestId('name-clash'));
    expect(mounted.byTestId('name-clash-existing-sites')?.textContent).toBe('github.com');
    expect(mounted.byTestId('name-clash-new-sites')?.textContent).toBe('clashNoSites');
    expect(mounted.byTestId<HTMLButtonElement>('add-confirm')?.disabled).toBe(true);
    expect(saved).toHaveLength(1);
    await click(mounted.byTestId('name-clash-replace'));
    await waitFor(() => mounted?.byTestId('account-list'));
    expect(saved.map((r) => [r.onNameClash, r.replaceId])).toEqual([
      ['ask', undefined],
      ['replace', 'old'],
    ]);
  });

  it('adds from fields with a spaced lower-case secret and shows a duplicate refusal as it comes', async () => {
    const { services, calls } = fakeServices(
      unlocked(() => {
        throw new MessageError('duplicate', 'This account is already in the vault (GitHub (octocat)).');
      }),
    );
    mounted = mountApp(services);
    await openAdd();
    await click(mounted.byTestId('add-tab-fields'));
    await typeInto(await waitFor(() => mounted?.byTestId<HTMLInputElement>('add-issuer')), 'GitHub');
    await typeInto(mounted.byTestId('add-account'), 'octocat');
    await typeInto(mounted.byTestId('add-secret'), 'jbsw y3dp ehpk 3pxp');
    await click(mounted.byTestId('add-fields-submit'));
    await click(await waitFor(() => mounted?.byTestId('add-confirm')));
    const error = await waitFor(() => mounted?.byTestId('add-error'));
    expect(error.textContent).toBe('This account is already in the vault (GitHub (octocat)).');
    const request = calls.find((call) => call.type === 'addAccount')?.payload as NewAccount;
    expect(request.data.secret).toBe('JBSWY3DPEHPK3PXP');
  });

  it('names the wrong field before any preview', async () => {
    const { services } = fakeServices(unlocked(() => ({ id: 'x' })));
    mounted = mountApp(services);
    await openAdd();
    await click(mounted.byTestId('add-tab-fields'));
    await typeInto(await waitFor(() => mounted?.byTestId<HTMLInputElement>('add-issuer')), 'GitHub');
    await typeInto(mounted.byTestId('add-secret'), 'not base32!');
    await click(mounted.byTestId('add-fields-submit'));
    expect(mounted.byTestId('add-error')?.textContent).toBe('addErrorSecretInvalid');
    expect(mounted.byTestId('add-confirm')).toBeNull();
  });
});
