import { checkAccount, DEFAULT_DIGITS, DEFAULT_PERIOD, refuse } from './account-data';
import { cleanLabel, joinLabel, splitLabel } from './label';
import type { OtpAccountData, OtpParseResult } from './types';

export { validateAccountData } from './account-data';

/**
 * otpauth:// URIs (Google's Key Uri Format), parsed strictly but forgiving what enrollment pages get wrong.
 *
 * Hand-written rather than otpauth's `URI.parse`, which accepts zero-byte secrets, negative counters and
 * absurd digits/periods, refuses spaced secrets and throws on bad percent-encoding. Decisions:
 * - Scheme and type are case-insensitive; surrounding white space (a QR decoder's newline) is trimmed.
 * - Types: totp, hotp, steam. `steam`, `encoder=steam`, or issuer "Steam" (parameter or label prefix) on a
 *   totp URI make a Steam account (5 characters, 30 s, SHA1; digits/period parameters are ignored).
 * - Label: percent-decoded, `+` kept literally (it is a path; `alice+tag@example.com` is common). The
 *   separator may be `:` or `%3A`; the `issuer` parameter wins over the label prefix, which is used only
 *   when the parameter is missing or empty. Names are cleaned (control/format characters, 256 cap).
 * - Query: `+` means a space (form encoding, as PHP/Python generators write `issuer=Example+Co`); a literal
 *   plus must be `%2B`. Parameter names are case-insensitive; the first occurrence wins; an empty value
 *   counts as absent; unknown parameters (image, color, ...) are ignored. `#` has no special meaning.
 * - Secret: spaces, dashes, lower case and `=` padding are accepted (see normalizeSecret).
 * - Algorithm: SHA1/SHA256/SHA512, any case, `SHA-256` accepted; MD5 and others refused.
 * - HOTP without `counter` starts at 0 (Google Authenticator's behaviour) rather than being refused.
 * - Ranges: see account-data.ts. Input longer than MAX_OTPAUTH_URI_LENGTH is refused before any work.
 */

export const MAX_OTPAUTH_URI_LENGTH = 4096;

const SCHEME = 'otpauth://';

/** Percent-decodes; `plusIsSpace` for query components. Returns null on a malformed escape or bad UTF-8. */
function decodeComponent(text: string, plusIsSpace: boolean): string | null {
  try {
    return decodeURIComponent(plusIsSpace ? text.replace(/\+/g, ' ') : text);
  } catch {
    return null;
  }
}

/** Query parameters by lower-case name; first occurrence wins. Null when any component is malformed. */
function parseQuery(query: string): Map<string, string> | null {
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodeComponent(eq === -1 ? part : part.slice(0, eq), true);
    const value = decodeComponent(eq === -1 ? '' : part.slice(eq + 1), true);
    if (name === null || value === null) return null;
    const key = name.trim().toLowerCase();
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}

/** A decimal parameter as a number; NaN when present but not plain digits, undefined when absent/empty. */
function decimalParam(params: Map<string, string>, name: string): number | undefined {
  const raw = params.get(name)?.trim();
  if (raw === undefined || raw === '') return undefined;
  return /^\d{1,20}$/.test(raw) ? Number(raw) : Number.NaN;
}

function algorithmParam(params: Map<string, string>): string {
  const raw = params.get('algorithm')?.trim() ?? '';
  if (raw === '') return 'SHA1';
  return raw.toUpperCase().replace(/^SHA-/, 'SHA');
}

function parseUnchecked(input: string): OtpParseResult {
  if (input.length > MAX_OTPAUTH_URI_LENGTH) {
    return refuse('too-long', `The link is longer than ${MAX_OTPAUTH_URI_LENGTH} characters.`);
  }
  const text = input.trim();
  if (text.slice(0, SCHEME.length).toLowerCase() !== SCHEME) {
    return refuse('bad-scheme', 'This is not an otpauth:// link.');
  }
  const rest = text.slice(SCHEME.length);
  const typeEnd = rest.search(/[/?]/);
  const type = (typeEnd === -1 ? rest : rest.slice(0, typeEnd)).toLowerCase();
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') {
    return refuse(
      'bad-type',
      `Unsupported type "${type.slice(0, 20)}": only totp, hotp and steam are supported.`,
    );
  }
  const afterType = typeEnd === -1 ? '' : rest.slice(typeEnd);
  const queryStart = afterType.indexOf('?');
  const rawLabel = afterType.startsWith('/')
    ? afterType.slice(1, queryStart === -1 ? undefined : queryStart)
    : '';
  const label = decodeComponent(rawLabel, false);
  const params = parseQuery(queryStart === -1 ? '' : afterType.slice(queryStart + 1));
  if (label === null || params === null) {
    return refuse('bad-encoding', 'The link contains a malformed %-escape.');
  }

  const names = splitLabel(label, params.get('issuer') ?? '');
  const steamHinted =
    type === 'steam' ||
    (type === 'totp' &&
      ((params.get('encoder') ?? '').trim().toLowerCase() === 'steam' ||
        names.issuer.toLowerCase() === 'steam'));
  const counter = decimalParam(params, 'counter');
  return checkAccount({
    kind: steamHinted ? 'steam' : type,
    ...names,
    secret: params.get('secret') ?? '',
    algorithm: algorithmParam(params),
    digits: decimalParam(params, 'digits') ?? DEFAULT_DIGITS,
    period: decimalParam(params, 'period') ?? DEFAULT_PERIOD,
    counter: type === 'hotp' ? (counter ?? 0) : 0,
  });
}

/** Parses an otpauth:// URI. Total: returns a reason instead of throwing, for any input. */
export function parseOtpauthUri(input: string): OtpParseResult {
  try {
    if (typeof input !== 'string') return refuse('bad-scheme', 'This is not an otpauth:// link.');
    return parseUnchecked(input);
  } catch {
    // why: a last guard so no input can break the popup; every known failure returns a reason above.
    return refuse('bad-encoding', 'The link could not be read.');
  }
}

function encodeLabel(label: string): string {
  return label.split(':').map(encodeURIComponent).join(':');
}

/**
 * The otpauth:// URI for an account, in the form phone authenticators read: `issuer` both as label prefix
 * and parameter, every parameter explicit. Steam is written as `totp` with `encoder=steam` and digits=5.
 * `parseOtpauthUri(formatOtpauthUri(a))` gives back `a` for every account parseOtpauthUri returns.
 */
export function formatOtpauthUri(data: OtpAccountData): string {
  const issuer = cleanLabel(data.issuer);
  const account = cleanLabel(data.account);
  const params: [string, string][] = [['secret', data.secret]];
  if (issuer !== '') params.push(['issuer', issuer]);
  params.push(['algorithm', data.algorithm], ['digits', String(data.digits)]);
  if (data.kind === 'hotp') params.push(['counter', String(data.counter)]);
  else params.push(['period', String(data.period)]);
  if (data.kind === 'steam') params.push(['encoder', 'steam']);
  const query = params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
  const type = data.kind === 'hotp' ? 'hotp' : 'totp';
  return `${SCHEME}${type}/${encodeLabel(joinLabel(issuer, account))}?${query}`;
}
