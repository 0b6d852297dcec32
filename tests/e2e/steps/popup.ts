// Steps shared by specs that drive the popup like a user (through its test ids), or set the vault up
// directly through the same typed messages the popup sends, when the popup UI is not what is under test.
import type { E2ePage, ExtensionBrowser } from '../harness/browsers';
import { generateCode } from '../../../lib/otp/generate';
import { parseOtpauthUri } from '../../../lib/otp/uri';

export const PASSWORD = 'correct horse battery staple';
export const tid = (id: string) => `[data-testid="${id}"]`;

export async function waitForState(popup: E2ePage, state: string, timeout = 20_000): Promise<void> {
  await popup.waitForSelector(`${tid('app')}[data-state="${state}"]`, { state: 'attached', timeout });
}

export async function createVaultInPopup(popup: E2ePage, password = PASSWORD): Promise<void> {
  await waitForState(popup, 'uninitialized');
  await popup.fill(tid('create-password'), password);
  await popup.fill(tid('create-confirm'), password);
  await popup.click(tid('create-submit'));
  await waitForState(popup, 'unlocked', 30_000);
}

export async function unlockInPopup(popup: E2ePage, password = PASSWORD): Promise<void> {
  await waitForState(popup, 'locked');
  await popup.fill(tid('unlock-password'), password);
  await popup.click(tid('unlock-submit'));
  await waitForState(popup, 'unlocked', 30_000);
}

export async function addUriInPopup(popup: E2ePage, uri: string): Promise<void> {
  await popup.click(tid('add-open'));
  await popup.fill(tid('add-uri'), uri);
  await popup.click(tid('add-uri-submit'));
  await popup.click(tid('add-confirm'));
  await popup.waitForSelector(tid('account-row'), { state: 'attached' });
}

/** The code shown for the first row, and whether it equals the otpauth value for the time it was read. */
export async function readFirstCode(popup: E2ePage): Promise<string> {
  await popup.waitForSelector(`${tid('account-code')}[data-code]`, { state: 'attached' });
  return popup.evaluate(
    (selector) => document.querySelector(selector)?.getAttribute('data-code') ?? '',
    tid('account-code'),
  );
}

/** Codes valid around now (previous, current): a read can straddle a period boundary. */
export function expectedCodes(uri: string, nowMs = Date.now()): string[] {
  const parsed = parseOtpauthUri(uri);
  if (!parsed.ok) throw new Error(`bad test URI: ${parsed.error.message}`);
  // why: the popup repaints once a second; under load its shown code may lag the clock by a few seconds.
  return [generateCode(parsed.account, nowMs - 5_000), generateCode(parsed.account, nowMs)];
}

/** Sends one protocol message from an extension page (the popup), as the popup itself would. */
export async function sendFromExtensionPage<T>(page: E2ePage, type: string, payload: unknown): Promise<T> {
  return page.evaluate(
    async ([t, p]) => {
      const api =
        (globalThis as unknown as { browser?: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
          .browser ??
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
          .chrome;
      return (await api.runtime.sendMessage({ type: t, payload: p })) as never;
    },
    [type, payload] as const,
  );
}

export interface SeedAccount {
  uri: string;
  enrolledOrigin?: string;
  allowedSites?: string[];
}

/** Creates the vault and adds accounts through messages; returns the popup page used. */
export async function seedVault(ext: ExtensionBrowser, accounts: SeedAccount[]): Promise<E2ePage> {
  const popup = await ext.openPopup();
  await popup.waitForSelector(tid('app'), { state: 'attached' });
  await seedVaultFrom(popup, accounts);
  return popup;
}

/** The same from an extension page already open (e.g. one that showed the create-vault screen first). */
export async function seedVaultFrom(popup: E2ePage, accounts: SeedAccount[]): Promise<void> {
  const created = await sendFromExtensionPage<{ ok: boolean }>(popup, 'createVault', { password: PASSWORD });
  if (!created.ok) throw new Error(`createVault failed: ${JSON.stringify(created)}`);
  for (const a of accounts) {
    const parsed = parseOtpauthUri(a.uri);
    if (!parsed.ok) throw new Error(`bad test URI ${a.uri}`);
    const reply = await sendFromExtensionPage<{ ok: boolean }>(popup, 'addAccount', {
      data: parsed.account,
      allowedSites: a.allowedSites ?? [],
      enrolledOrigin: a.enrolledOrigin ?? '',
    });
    if (!reply.ok) throw new Error(`addAccount failed: ${JSON.stringify(reply)}`);
  }
}
