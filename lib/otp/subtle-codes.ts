/**
 * TOTP/Steam codes by WebCrypto's HMAC, for the popup's first screen. The browser's HMAC takes microseconds;
 * the same in script (compact-code.ts) costs ~0.3 ms a code while the page's JIT is still cold, which was
 * most of the time the first screen spent drawing its rows. Same truncation and formatting as
 * compact-code.ts, so both give what lib/otp/generate.ts gives (unit tests compare them).
 */
import { base32ToBytes } from './base32';
import { codeFromMac, periodMessage } from './compact-code';
import type { OtpAccountData } from './types';

/** The account's TOTP/Steam code at each of `times` (epoch ms), in order. */
export async function subtleCodes(
  subtle: SubtleCrypto,
  account: OtpAccountData,
  times: readonly number[],
): Promise<string[]> {
  const hash = account.algorithm.replace('SHA', 'SHA-');
  const key = await subtle.importKey('raw', base32ToBytes(account.secret), { name: 'HMAC', hash }, false, [
    'sign',
  ]);
  return Promise.all(
    times.map(async (at) =>
      codeFromMac(new Uint8Array(await subtle.sign('HMAC', key, periodMessage(account, at))), account),
    ),
  );
}
