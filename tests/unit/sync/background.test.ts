import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { runSyncInBackground, SYNC_ALARM, syncEnv, withSync } from '../../../lib/sync/background';
import { enableSync } from '../../../lib/sync/enable';
import { SLOT_KEY } from '../../../lib/sync/format';
import { unwrapDataKey, type KeySlot } from '../../../lib/vault/crypto';
import { fakeDeps } from '../background/fakes';
import { totpData } from '../vault/helpers';

describe('sync in the background', () => {
  it('every vault write arms the debounced sync alarm; a run while locked does nothing', async () => {
    const fake = fakeDeps();
    const deps = withSync(fake.deps, browser);
    const dek = await deps.vault.create('password of A');
    expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toBeUndefined();
    await deps.vault.add(dek, { data: totpData(), allowedSites: [], enrolledOrigin: 'https://a.example' });
    expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toMatchObject({ periodInMinutes: 5 });
    expect(await runSyncInBackground(deps)).toBeNull();
  });

  it('a background run never moves the auto-lock deadline, and stops its alarm when sync is off', async () => {
    const fake = fakeDeps();
    const deps = withSync(fake.deps, browser);
    const dek = await deps.vault.create('password of A');
    await deps.session.save(dek, fake.clock.now + 60_000);
    await deps.sync?.schedule();
    expect(await runSyncInBackground(deps)).toBeNull();
    expect(await deps.session.lockAt()).toBe(fake.clock.now + 60_000);
    expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toBeUndefined();
  });
});

describe('sync after a password change', () => {
  it('re-wraps the synced slot under the new password (and the change itself never fails for sync)', async () => {
    const fake = fakeDeps();
    const deps = withSync(fake.deps, browser);
    const dek = await deps.vault.create('password of A');
    await deps.session.save(dek, fake.clock.now + 60_000);
    const sync = deps.sync as NonNullable<typeof deps.sync>;
    const enabled = await enableSync(
      { ...syncEnv(deps, sync), unlockLocal: (p) => deps.vault.unlock(p) },
      dek,
      'password of A',
    );
    expect(enabled.ok).toBe(true);
    const before = (await fakeBrowser.storage.sync.get(SLOT_KEY))[SLOT_KEY];
    await deps.vault.changePassword('password of A', 'new password of A');
    const after = (await fakeBrowser.storage.sync.get(SLOT_KEY))[SLOT_KEY];
    expect(after).not.toEqual(before);
    await expect(
      unwrapDataKey(globalThis.crypto, after as KeySlot, 'new password of A'),
    ).resolves.toBeInstanceOf(Uint8Array);
  });
});
