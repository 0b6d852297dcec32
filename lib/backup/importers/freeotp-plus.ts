/**
 * FreeOTP+ JSON export (Settings → Export → JSON), as FreeOTP+ and the tools that read it describe it:
 *
 *   { tokens: [{ type: "TOTP" | "HOTP", algo, digits, period, counter, issuerExt, issuerInt, issuerAlt,
 *                label, labelAlt, secret: [signed bytes], secret_base32? }], tokenOrder: ["issuer:label"] }
 *
 * - `secret` is the key's bytes as Java writes a byte[]: integers −128…127 (0…255 is accepted too).
 *   Some builds add `secret_base32`; it is used only when the byte array is absent.
 * - Names as FreeOTP+ shows them: the user's edited `issuerAlt`/`labelAlt` first, then `issuerExt`
 *   (the otpauth issuer), `issuerInt` (the label's prefix) and `label`.
 * - A TOTP token whose issuer is "Steam" is a Steam account (as FreeOTP+ and our otpauth reader treat it).
 */
import { bytesToBase32 } from '../../otp/base32';
import { isRecord } from '../../bytes';
import { type ImportResult } from '../types';
import type { SkipReason } from '../skip-reasons';
import { AccountCollector, algorithmName, entryLabel, entryList, otpCandidate, stringOr } from './collect';
import type { Importer } from './importer';

// why: a real key is 10–64 bytes; the cap keeps a hostile array from costing anything.
const MAX_SECRET_BYTES = 640;

/** The key bytes of a Java byte[] written as JSON numbers; a code says what is wrong. */
export function signedBytes(value: unknown): Uint8Array | SkipReason {
  if (!Array.isArray(value)) return 'secret-not-bytes';
  if (value.length === 0) return 'secret-missing';
  if (value.length > MAX_SECRET_BYTES) return 'secret-too-long';
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const byte: unknown = value[i];
    if (typeof byte !== 'number' || !Number.isInteger(byte) || byte < -128 || byte > 255) {
      return 'secret-not-bytes';
    }
    bytes[i] = byte & 0xff;
  }
  return bytes;
}

function isToken(value: unknown): boolean {
  return isRecord(value) && ('issuerExt' in value || 'issuerInt' in value || Array.isArray(value.secret));
}

export const freeotpPlusImporter: Importer = {
  format: 'freeotp-plus',
  detect({ json }) {
    if (!isRecord(json) || !Array.isArray(json.tokens)) return false;
    return Array.isArray(json.tokenOrder) || (json.tokens as unknown[]).some(isToken);
  },
  async read({ json }): Promise<ImportResult> {
    const tokens = entryList(
      isRecord(json) ? json.tokens : undefined,
      'FreeOTP+',
      'The FreeOTP+ export',
      'tokens',
    );
    if (!Array.isArray(tokens)) return tokens;
    const collector = new AccountCollector();
    tokens.forEach((token, index) => {
      const issuer = isRecord(token)
        ? stringOr(token.issuerAlt) || stringOr(token.issuerExt) || stringOr(token.issuerInt)
        : '';
      const account = isRecord(token) ? stringOr(token.labelAlt) || stringOr(token.label) : '';
      const where = entryLabel(index, issuer || account);
      if (!isRecord(token)) return collector.reject(where, { code: 'not-an-entry' });
      const type = stringOr(token.type, 'TOTP').toLowerCase();
      if (type !== 'totp' && type !== 'hotp') {
        return collector.reject(where, { code: 'unsupported-type', detail: type.slice(0, 40) });
      }
      let secret: unknown = token.secret_base32;
      if (token.secret !== undefined || typeof secret !== 'string') {
        const bytes = signedBytes(token.secret);
        if (typeof bytes === 'string') return collector.reject(where, { code: bytes });
        secret = bytesToBase32(bytes);
      }
      const steam = type === 'totp' && issuer.trim().toLowerCase() === 'steam';
      collector.candidate(
        where,
        otpCandidate(steam ? 'steam' : type, {
          issuer,
          account,
          secret,
          algorithm: algorithmName(token.algo),
          digits: token.digits,
          period: token.period,
          counter: token.counter,
        }),
      );
    });
    return { ok: true, ...collector.result() };
  },
};
