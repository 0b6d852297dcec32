// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { MessageError, type SyncStatus, type SyncView } from '../../../lib/messaging';
import { click, submit, typeInto, waitFor, type Mounted } from '../components/harness';
import { fakeOptions, mountOptions, payloadsOf } from '../components/options/options-harness';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});
const byId = (id: string) => mounted?.byTestId(id) ?? null;

function status(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    lastSyncAt: 1_000,
    lastAttemptAt: 1_000,
    result: 'ok',
    problems: [],
    items: 3,
    bytes: 1_234,
    quotaBytes: 102_400,
    omitted: 0,
    conflictsResolved: 2,
    accounts: 5,
    applied: 0,
    reported: null,
    ...overrides,
  };
}

describe('options page: sync section', () => {
  it('is off by default; turning it on sends the password and shows the status', async () => {
    let view: SyncView = { enabled: false, status: null };
    const { services, calls } = fakeOptions({
      syncStatus: () => view,
      syncEnable: ({ password }) => {
        if (password !== 'right one') throw new MessageError('sync-other-password', 'Not that vault.');
        view = { enabled: true, status: status({ applied: 5 }), joined: true };
        return view;
      },
      syncNow: () => ({
        enabled: true,
        status: status({ reported: { problems: ['chunk-invalid'], at: 7 } }),
      }),
      syncDisable: () => ({ enabled: false, status: null }),
    });
    mounted = mountOptions(services);
    await waitFor(() => byId('sync-state')?.getAttribute('data-enabled') === 'off');
    await typeInto(byId('sync-password') as HTMLInputElement, 'wrong one');
    await submit(byId('sync-enable')?.closest('form') as HTMLFormElement);
    await waitFor(() => byId('sync-error')?.getAttribute('data-code') === 'sync-other-password');
    expect(byId('sync-error')?.textContent).toBe('errorSyncOtherPassword');

    await typeInto(byId('sync-password') as HTMLInputElement, 'right one');
    await submit(byId('sync-enable')?.closest('form') as HTMLFormElement);
    await waitFor(() => byId('sync-state')?.getAttribute('data-enabled') === 'on');
    expect(payloadsOf(calls, 'syncEnable')).toEqual([{ password: 'wrong one' }, { password: 'right one' }]);
    expect(byId('sync-usage')?.getAttribute('data-bytes')).toBe('1234');
    expect(byId('sync-conflicts')?.getAttribute('data-conflicts')).toBe('2');
    expect(byId('sync-result')?.textContent).toBe('syncResultOk');

    await click(byId('sync-now') as HTMLElement);
    await waitFor(() => byId('sync-reported') !== null);
    expect(byId('sync-reported')?.getAttribute('data-problems')).toBe('chunk-invalid');
    expect(byId('sync-reported')?.getAttribute('role')).toBe('alert');

    await click(byId('sync-disable') as HTMLElement);
    await waitFor(() => byId('sync-state')?.getAttribute('data-enabled') === 'off');
    expect(payloadsOf(calls, 'syncDisable')).toEqual([{}]);
  });

  it('says how many accounts do not fit the quota, and when the browser refuses the write', async () => {
    const { services } = fakeOptions({
      syncStatus: () => ({ enabled: true, status: status({ result: 'quota', omitted: 4 }) }),
    });
    mounted = mountOptions(services);
    await waitFor(() => byId('sync-result') !== null);
    expect(byId('sync-result')?.textContent).toBe('syncResultQuota');
  });
});
