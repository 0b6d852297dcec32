// A save the UI confirmed survives the browser being killed (SIGKILL: no shutdown, no flush by us), and a
// kill in the middle of a save leaves the vault in the old state or the new one, readable either way.
import { expect, test } from './fixtures';
import { createVaultInPopup, tid, unlockInPopup, waitForState } from '../e2e/steps/popup';
import {
  killAndRelaunch,
  listAccounts,
  numberedAccountUri,
  rowNames,
  rowSelector,
  sleep,
  submitUriInPopup,
} from './steps';

// why: 10 kill/relaunch cycles per browser (20 in all) within the ~4 minute budget per browser.
const CYCLES = 10;

test.describe('crash after acknowledge', () => {
  test(`${CYCLES} kill/relaunch cycles: every account whose row appeared is there after the kill`, async ({
    ext,
  }) => {
    test.setTimeout(240_000);
    let popup = await ext.openPopup();
    await createVaultInPopup(popup);
    const confirmed: string[] = [];
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const { uri, name } = numberedAccountUri(cycle);
      await submitUriInPopup(popup, uri);
      // The UI's confirmation: the new row is listed. Nothing else is waited for before the kill.
      await popup.waitForSelector(rowSelector(name), { state: 'attached' });
      confirmed.push(name);
      await killAndRelaunch(ext);
      popup = await ext.openPopup();
      await unlockInPopup(popup);
      await popup.waitForSelector(rowSelector(name), { state: 'attached' });
      expect.soft(await rowNames(popup), `after kill ${cycle + 1}`).toEqual(confirmed);
      expect.soft((await listAccounts(popup)).broken, `after kill ${cycle + 1}`).toEqual([]);
    }
  });

  test('a kill during a save leaves the old state or the new one, never an error', async ({ ext }) => {
    test.setTimeout(180_000);
    let popup = await ext.openPopup();
    await createVaultInPopup(popup);
    const stored: string[] = [];
    // Kill right after the click, then a little later: somewhere in parse → encrypt → transaction → reply.
    const delays = [0, 5, 25, 60];
    for (const [index, delay] of delays.entries()) {
      const { uri, name } = numberedAccountUri(100 + index);
      await submitUriInPopup(popup, uri);
      if (delay > 0) await sleep(delay);
      await killAndRelaunch(ext);
      popup = await ext.openPopup();
      await waitForState(popup, 'locked');
      await unlockInPopup(popup);
      const { accounts, broken } = await listAccounts(popup);
      const names = accounts.map((a) => a.account);
      expect.soft(broken, `kill ${delay} ms after the click`).toEqual([]);
      const oldState = [...stored];
      const newState = [...stored, name];
      expect.soft([oldState, newState], `kill ${delay} ms after the click`).toContainEqual(names);
      if (names.includes(name)) stored.push(name);
      test.info().annotations.push({
        type: 'kill-during-save',
        description: `${delay} ms: ${names.includes(name) ? 'new state' : 'old state'}`,
      });
      // The vault still accepts writes after the kill.
      await popup.waitForSelector(tid('add-open'));
    }
  });
});
