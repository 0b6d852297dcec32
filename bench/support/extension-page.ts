/**
 * Talking to the background from an extension page (the popup) exactly as the popup does, with the round
 * trip timed inside the page (performance.now), so CDP latency between Node and the browser is not counted.
 */
import type { E2ePage } from '../../tests/e2e/harness/browsers';
import type { OtpAccountData } from '../../lib/otp/types';

export const PASSWORD = 'correct horse battery staple';

export interface TimedReply<T> {
  ms: number;
  reply: { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
}

/** The extension API global as seen from an extension page (WXT's `browser` is `chrome` in Chromium). */
export interface ExtensionGlobals {
  browser?: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
  chrome?: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
}

export async function timedSend<T>(page: E2ePage, type: string, payload: unknown): Promise<TimedReply<T>> {
  return page.evaluate(
    async ({ type: t, payload: p }) => {
      const g = globalThis as unknown as ExtensionGlobals;
      const runtime = (g.browser ?? g.chrome)!.runtime;
      const start = performance.now();
      const reply = await runtime.sendMessage({ type: t, payload: p });
      return { ms: performance.now() - start, reply } as never;
    },
    { type, payload },
  );
}

export async function sendOk<T>(page: E2ePage, type: string, payload: unknown): Promise<T> {
  const { reply } = await timedSend<T>(page, type, payload);
  if (!reply.ok) throw new Error(`${type} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.value;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Distinct, valid TOTP accounts (32 base32 characters = 160-bit secrets), numbered from `from`. */
export function benchAccounts(from: number, count: number): OtpAccountData[] {
  const accounts: OtpAccountData[] = [];
  for (let i = from; i < from + count; i++) {
    // why: deterministic, and distinct per index (its first two characters spell i) so no duplicate trips.
    let secret = (BASE32[i % 32] ?? 'A') + (BASE32[Math.floor(i / 32) % 32] ?? 'A');
    let state = (i + 1) >>> 0;
    while (secret.length < 32) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      secret += BASE32[state >>> 27] ?? 'A';
    }
    accounts.push({
      kind: 'totp',
      issuer: `Bench Issuer ${i % 40}`,
      account: `user${i}@example.com`,
      secret,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    });
  }
  return accounts;
}

/**
 * Adds accounts through `addAccount` (there is no bulk message), a few in flight at once; the background
 * serialises the writes. Returns the wall time in ms.
 */
export async function addAccounts(page: E2ePage, accounts: OtpAccountData[], inFlight = 4): Promise<number> {
  const started = Date.now();
  const chunk = 50;
  for (let i = 0; i < accounts.length; i += chunk) {
    const failures = await page.evaluate(
      async ({ batch, inFlight: width }) => {
        const g = globalThis as unknown as ExtensionGlobals;
        const runtime = (g.browser ?? g.chrome)!.runtime;
        const errors: string[] = [];
        let next = 0;
        const worker = async () => {
          while (next < batch.length) {
            const data = batch[next++];
            const reply = (await runtime.sendMessage({
              type: 'addAccount',
              payload: { data, allowedSites: ['example.com'], enrolledOrigin: '' },
            })) as { ok: boolean; error?: { code: string } };
            if (!reply.ok) errors.push(reply.error?.code ?? 'no-reply');
          }
        };
        await Promise.all(Array.from({ length: width }, worker));
        return errors;
      },
      { batch: accounts.slice(i, i + chunk), inFlight },
    );
    if (failures.length > 0) throw new Error(`addAccount failed: ${failures.slice(0, 3).join(', ')}`);
  }
  return Date.now() - started;
}
