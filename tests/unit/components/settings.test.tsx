// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../lib/messaging';
import { parseAutoLockMinutes } from '../../../components/popup/SettingsPanel';
import { click, fakeServices, mountApp, NOW, typeInto, waitFor, type Mounted } from './harness';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

describe('settings', () => {
  it('loads, validates and saves auto-lock and clipboard clearing', async () => {
    let stored: Settings = { autoLockMinutes: 15, clearClipboard: true };
    const { services, calls } = fakeServices({
      getVaultState: () => ({ state: 'unlocked', lockAt: NOW + 1 }),
      listAccounts: () => ({ accounts: [], broken: [] }),
      getSettings: () => stored,
      setSettings: (patch) => (stored = { ...stored, ...patch }),
    });
    mounted = mountApp(services);
    await waitFor(() => mounted?.byTestId('account-list'));
    await click(mounted.byTestId('settings-open'));
    const minutes = await waitFor(() => mounted?.byTestId<HTMLInputElement>('settings-autolock'));
    await waitFor(() => !mounted?.byTestId<HTMLButtonElement>('settings-save')?.disabled);
    expect(minutes.value).toBe('15');

    await typeInto(minutes, '0');
    await click(mounted.byTestId('settings-save'));
    expect(mounted.byTestId('settings-error')?.textContent).toBe('settingsAutoLockInvalid');
    expect(calls.some((call) => call.type === 'setSettings')).toBe(false);

    await typeInto(minutes, '30');
    await click(mounted.byTestId('settings-clear-clipboard'));
    await click(mounted.byTestId('settings-clock-check'));
    await click(mounted.byTestId('settings-save'));
    await waitFor(() => calls.some((call) => call.type === 'setSettings'));
    expect(stored).toEqual({ autoLockMinutes: 30, clearClipboard: false, clockCheck: false });
  });

  it('accepts whole minutes from 1 to 1440 only', () => {
    expect(parseAutoLockMinutes('1')).toBe(1);
    expect(parseAutoLockMinutes(' 1440 ')).toBe(1440);
    for (const bad of ['0', '1441', '1.5', '', 'ten', '-5']) expect(parseAutoLockMinutes(bad)).toBeNull();
  });
});
