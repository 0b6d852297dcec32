import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './harness/fixtures';
import {
  addUriInPopup,
  createVaultInPopup,
  expectedCodes,
  readFirstCode,
  tid,
  unlockInPopup,
  waitForState,
} from './steps/popup';

// RFC 4226 key "12345678901234567890".
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const ACCOUNT_NAME = 'vault-probe-alice@example.com';
const URI = `otpauth://totp/ACME%20Cloud:${ACCOUNT_NAME}?secret=${SECRET}&issuer=ACME%20Cloud`;

test.describe('vault and popup', () => {
  test('create → add → live code → reopen → worker stopped → restart → locked → unlock', async ({ ext }) => {
    let popup = await ext.openPopup();
    await createVaultInPopup(popup);
    await addUriInPopup(popup, URI);
    expect(expectedCodes(URI)).toContain(await readFirstCode(popup));

    // Closing and reopening the popup keeps the vault unlocked (key in storage.session).
    await popup.close();
    popup = await ext.openPopup();
    await waitForState(popup, 'unlocked');
    expect(expectedCodes(URI)).toContain(await readFirstCode(popup));

    // The background holds no state: after its worker is stopped it answers from storage.session + IndexedDB.
    const stopped = await ext.stopServiceWorker();
    test.info().annotations.push({ type: 'service-worker-stopped', description: String(stopped) });
    await popup.close();
    popup = await ext.openPopup();
    await waitForState(popup, 'unlocked');
    expect(expectedCodes(URI)).toContain(await readFirstCode(popup));

    // A browser restart forgets the key; the password unlocks the same account.
    await ext.restart();
    popup = await ext.openPopup();
    await unlockInPopup(popup);
    await popup.waitForSelector(`${tid('account-row')}[data-account="${ACCOUNT_NAME}"]`, {
      state: 'attached',
    });
    expect(expectedCodes(URI)).toContain(await readFirstCode(popup));
  });

  test('a wrong password shows an error and the vault stays locked', async ({ ext }) => {
    let popup = await ext.openPopup();
    await createVaultInPopup(popup);
    await popup.click(tid('lock'));
    await waitForState(popup, 'locked');
    await popup.fill(tid('unlock-password'), 'not the password');
    await popup.click(tid('unlock-submit'));
    await popup.waitForSelector(tid('unlock-error'));
    await popup.close();
    popup = await ext.openPopup();
    await unlockInPopup(popup);
  });

  test('nothing secret is written to the profile in plain text', async ({ ext }) => {
    const popup = await ext.openPopup();
    await createVaultInPopup(popup);
    await addUriInPopup(popup, URI);
    await popup.close();
    // why: SIGKILL leaves whatever was flushed (IndexedDB, logs, journals) exactly as it is on disk.
    await ext.kill();
    const needles = [SECRET, '12345678901234567890', ACCOUNT_NAME].flatMap((s) => [
      Buffer.from(s, 'utf8'),
      Buffer.from(s, 'utf16le'),
    ]);
    const hits: string[] = [];
    let scanned = 0;
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        const stat = statSync(file, { throwIfNoEntry: false });
        if (!stat) continue;
        if (stat.isDirectory()) walk(file);
        else if (stat.isFile() && stat.size < 64 * 1024 * 1024) {
          scanned++;
          const body = readFileSync(file);
          if (needles.some((n) => body.includes(n))) hits.push(path.relative(ext.profileDir, file));
        }
      }
    };
    walk(ext.profileDir);
    expect(scanned).toBeGreaterThan(10);
    expect(hits).toEqual([]);
  });
});
