// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { MessageError } from '../../../lib/messaging';
import { click, fakeServices, mountApp, NOW, submit, typeInto, waitFor, type Mounted } from './harness';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

describe('app states', () => {
  it('shows an error with a retry when the background does not answer, and recovers', async () => {
    let attempts = 0;
    const { services } = fakeServices({
      getVaultState: () => {
        attempts += 1;
        if (attempts === 1) throw new MessageError('no-reply', 'The extension did not answer.');
        return { state: 'newer-schema', lockAt: 0 };
      },
    });
    mounted = mountApp(services);
    await waitFor(() => mounted?.byTestId('app')?.dataset.state === 'error');
    // The rare screens (error, newer schema) come from their own chunks.
    const message = await waitFor(() => mounted?.byTestId('error-message'));
    expect(message.textContent).toBe('The extension did not answer.');
    await click(mounted.byTestId('retry'));
    await waitFor(() => mounted?.byTestId('app')?.dataset.state === 'newer-schema');
    await waitFor(() => mounted?.container.textContent?.includes('newerSchemaTitle'));
  });

  it('first run: refuses short or mismatched passwords, then creates the vault', async () => {
    const { services, calls } = fakeServices({
      getVaultState: () => ({ state: 'uninitialized', lockAt: 0 }),
      createVault: () => ({ state: 'unlocked' }),
      listAccounts: () => ({ accounts: [], broken: [] }),
      getSettings: () => ({ autoLockMinutes: 15, clearClipboard: true }),
    });
    mounted = mountApp(services);
    const password = await waitFor(() => mounted?.byTestId<HTMLInputElement>('create-password'));
    expect(mounted.container.textContent).toContain('createWarningTitle');
    const form = password.closest('form');

    await typeInto(password, 'short');
    await submit(form);
    expect(mounted.byTestId('create-error')?.textContent).toBe('createErrorTooShort');

    await typeInto(password, 'long enough password');
    await typeInto(mounted.byTestId('create-confirm'), 'different password');
    await submit(form);
    expect(mounted.byTestId('create-error')?.textContent).toBe('createErrorMismatch');
    expect(calls.some((call) => call.type === 'createVault')).toBe(false);

    await typeInto(mounted.byTestId('create-confirm'), 'long enough password');
    await click(mounted.byTestId('create-submit'));
    await waitFor(() => mounted?.byTestId('account-list'));
    expect(calls.find((call) => call.type === 'createVault')?.payload).toEqual({
      password: 'long enough password',
    });
    expect(mounted.byTestId('app')?.dataset.state).toBe('unlocked');
  });

  it('first run: explains the three steps above a password form that needs no extra click', async () => {
    const { services } = fakeServices({ getVaultState: () => ({ state: 'uninitialized', lockAt: 0 }) });
    mounted = mountApp(services);
    const onboarding = await waitFor(() => mounted?.byTestId('onboarding'));
    const steps = [...onboarding.querySelectorAll('ol > li')].map((step) => step.textContent);
    // (Keys stand for the text in tests: the fake browser has no messages.)
    expect(steps).toEqual(['onboardingStepPassword', 'onboardingStepScan', 'onboardingStepFill']);
    for (const id of ['create-password', 'create-confirm', 'create-submit']) {
      expect(mounted.byTestId(id), id).not.toBeNull();
    }
    // The steps come first, the form right after them.
    const form = mounted.byTestId('create-password')?.closest('form');
    expect(onboarding.compareDocumentPosition(form as Node) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows a strength hint while typing the new password', async () => {
    const { services } = fakeServices({ getVaultState: () => ({ state: 'uninitialized', lockAt: 0 }) });
    mounted = mountApp(services);
    const password = await waitFor(() => mounted?.byTestId<HTMLInputElement>('create-password'));
    await typeInto(password, 'password');
    expect(mounted.byTestId('create-strength')?.dataset.score).toBe('0');
    await typeInto(password, 'correct horse battery staple 9');
    expect(mounted.byTestId('create-strength')?.dataset.score).toBe('4');
  });

  it('locks from the list', async () => {
    const { services, calls } = fakeServices({
      getVaultState: () => ({ state: 'unlocked', lockAt: NOW + 1 }),
      listAccounts: () => ({ accounts: [], broken: [] }),
      getSettings: () => ({ autoLockMinutes: 15, clearClipboard: true }),
      lockVault: () => ({ state: 'locked' }),
    });
    mounted = mountApp(services);
    await waitFor(() => mounted?.byTestId('account-list'));
    await click(mounted.byTestId('lock'));
    await waitFor(() => mounted?.byTestId('unlock-password'));
    expect(mounted.byTestId('app')?.dataset.state).toBe('locked');
    expect(calls.some((call) => call.type === 'lockVault')).toBe(true);
  });

  it('goes back to the unlock screen when the vault locked while the popup was open', async () => {
    let locked = false;
    const { services } = fakeServices({
      getVaultState: () => ({ state: locked ? 'locked' : 'unlocked', lockAt: 0 }),
      listAccounts: () => {
        locked = true;
        throw new MessageError('locked', 'The vault is locked.');
      },
      getSettings: () => ({ autoLockMinutes: 15, clearClipboard: true }),
    });
    mounted = mountApp(services);
    await waitFor(() => mounted?.byTestId('unlock-password'));
    expect(mounted.byTestId('app')?.dataset.state).toBe('locked');
  });
});
