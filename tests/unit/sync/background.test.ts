import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { runSyncInBackground, SYNC_ALARM, withSync } from '../../../lib/sync/background';
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
