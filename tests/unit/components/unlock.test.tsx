// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { MessageError } from '../../../lib/messaging';
import { click, fakeServices, mountApp, typeInto, waitFor, type Mounted } from './harness';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

describe('unlock screen', () => {
  it('shows the wrong-password error from the reply and stays locked', async () => {
    const { services, calls } = fakeServices({
      getVaultState: () => ({ state: 'locked', lockAt: 0 }),
      unlockVault: () => Promise.reject(new MessageError('wrong-password', 'Wrong password.')),
    });
    mounted = mountApp(services);
    const app = mounted.byTestId('app');
    expect(app?.dataset.state).toBe('loading');
    const input = await waitFor(() => mounted?.byTestId<HTMLInputElement>('unlock-password'));
    expect(app?.dataset.state).toBe('locked');
    expect(document.activeElement).toBe(input);

    await typeInto(input, 'not it');
    await click(mounted.byTestId('unlock-submit'));
    const error = await waitFor(() => mounted?.byTestId('unlock-error'));
    expect(error.textContent).toBe('unlockWrongPassword');
    expect(app?.dataset.state).toBe('locked');
    expect(calls.filter((call) => call.type === 'unlockVault')).toEqual([
      { type: 'unlockVault', payload: { password: 'not it' } },
    ]);
  });

  it('is busy while the key is derived, then shows the list', async () => {
    let finish: (() => void) | undefined;
    const { services } = fakeServices({
      getVaultState: () => ({ state: 'locked', lockAt: 0 }),
      unlockVault: () =>
        new Promise((resolve) => {
          finish = () => resolve({ state: 'unlocked' });
        }),
      listAccounts: () => ({ accounts: [], broken: [] }),
      getSettings: () => ({ autoLockMinutes: 15, clearClipboard: false }),
    });
    mounted = mountApp(services);
    const input = await waitFor(() => mounted?.byTestId<HTMLInputElement>('unlock-password'));
    await typeInto(input, 'correct horse');
    await click(mounted.byTestId('unlock-submit'));
    await waitFor(() => finish);
    expect(mounted.byTestId<HTMLButtonElement>('unlock-submit')?.disabled).toBe(true);
    finish?.();
    await waitFor(() => mounted?.byTestId('account-list'));
    expect(mounted.byTestId('app')?.dataset.state).toBe('unlocked');
  });

  it('does not send an empty password', async () => {
    const { services, calls } = fakeServices({ getVaultState: () => ({ state: 'locked', lockAt: 0 }) });
    mounted = mountApp(services);
    await waitFor(() => mounted?.byTestId('unlock-password'));
    await click(mounted.byTestId('unlock-submit'));
    // (listAccounts is asked at start together with the state; only the unlock matters here.)
    expect(calls.map((call) => call.type).filter((type) => type !== 'listAccounts')).toEqual([
      'getVaultState',
    ]);
  });
});
