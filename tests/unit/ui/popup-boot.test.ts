import { describe, expect, it } from 'vitest';
import { MessageError, type MessageType } from '../../../lib/messaging';
import type { SendFn } from '../../../lib/ui/api';
import { settle, startPopupBoot } from '../../../lib/ui/popup-boot';
import { readLocalStart, type LocalArea, type LocalSources } from '../../../lib/ui/popup-local';
import { SNAPSHOT_KEY, VAULT_MARKER_KEY, buildParts } from '../../../lib/vault/popup-snapshot';
import { SESSION_STORAGE_KEY } from '../../../lib/vault/session';

/** A background that answers nothing until told to: shows what was asked before any answer came. */
function heldSend() {
  const asked: { type: MessageType; payload: unknown }[] = [];
  const answers: Array<() => void> = [];
  const send = ((type: MessageType, payload: unknown): Promise<unknown> => {
    asked.push({ type, payload });
    return new Promise((resolve, reject) => {
      answers.push(() => {
        if (type === 'getVaultState') resolve({ state: 'locked', lockAt: 0 });
        else reject(new MessageError('locked', 'The vault is locked.'));
      });
    });
  }) as SendFn;
  return { send, asked, answerAll: () => answers.forEach((answer) => answer()) };
}

describe('popup boot', () => {
  it('asks for the state and the list (for the popup tab) without waiting for an answer', async () => {
    const { send, asked } = heldSend();
    startPopupBoot(send, async () => 9);
    await Promise.resolve();
    await Promise.resolve();
    expect(asked).toEqual([
      { type: 'getVaultState', payload: {} },
      { type: 'listAccounts', payload: { tabId: 9 } },
    ]);
  });

  it('hands the list out once, and never after expire()', async () => {
    const { send, answerAll } = heldSend();
    const boot = startPopupBoot(send, async () => undefined);
    const first = boot.takeList();
    expect(first).not.toBeNull();
    expect(boot.takeList()).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 0));
    answerAll();
    // A locked vault answers the list with an error: kept as a value, not an unhandled rejection.
    expect(await first).toMatchObject({ ok: false });
    expect(await boot.state).toEqual({ ok: true, value: { state: 'locked', lockAt: 0 } });

    const other = startPopupBoot(send, async () => undefined);
    other.expire();
    expect(other.takeList()).toBeNull();
  });

  it('still asks for the list when the tab cannot be found', async () => {
    const { send, asked } = heldSend();
    startPopupBoot(send, () => Promise.reject(new Error('no tabs API')));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked.at(-1)).toEqual({ type: 'listAccounts', payload: { tabId: undefined } });
  });
});

describe('settle', () => {
  it('turns a rejection into a value', async () => {
    const failure = new Error('no');
    expect(await settle(Promise.reject(failure))).toEqual({ ok: false, error: failure });
    expect(await settle(Promise.resolve(3))).toEqual({ ok: true, value: 3 });
  });
});

describe('the popup’s own read at open', () => {
  const map = new Map<string, unknown>();
  const session: LocalArea = {
    async get(keys) {
      const wanted = keys === null ? [...map.keys()] : typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(wanted.filter((k) => map.has(k)).map((k) => [k, map.get(k)]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) map.set(k, v);
    },
    async remove(keys) {
      for (const k of typeof keys === 'string' ? [keys] : keys) map.delete(k);
    },
  };
  const sources = (now: number): LocalSources => ({
    session,
    local: { get: async () => ({ [VAULT_MARKER_KEY]: 'initialized' }) },
    tabUrl: async () => undefined,
    now: () => now,
  });

  it('a passed deadline is a lock: the unlock screen, and key, index and every part removed', async () => {
    const { parts, chunks } = buildParts([], [], null, 60_000);
    const fill = () => {
      map.clear();
      map.set(SESSION_STORAGE_KEY, { dataKey: `${'A'.repeat(43)}=`, lockAt: 1_000 });
      map.set(SNAPSHOT_KEY, { v: 2, gen: 'g', chunks });
      for (const [k, v] of Object.entries(parts)) map.set(k, v);
    };
    fill();
    expect(await readLocalStart(sources(999))).toMatchObject({ state: 'unlocked', gen: 'g' });
    fill();
    expect(await readLocalStart(sources(1_000))).toEqual({ state: 'locked' });
    expect([...map.keys()]).toEqual([]);
  });
});
