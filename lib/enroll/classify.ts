/**
 * What a decoded QR code holds, and whether it can become an account. Only `otpauth://` and
 * `otpauth-migration://` are accepted; everything else gets a reason the popup can show as it is.
 * This only sorts by scheme: lib/otp parses and validates the accepted URIs strictly.
 */

export type QrTextClass =
  | { kind: 'otpauth'; accepted: true; uri: string }
  | { kind: 'migration'; accepted: true; uri: string }
  | { kind: 'url'; accepted: false; scheme: string; reason: string }
  | { kind: 'text'; accepted: false; reason: string };

/** QR byte capacity is < 3 KB; anything longer did not come from a real code. */
const MAX_TEXT_LENGTH = 4096;

const SCHEME = /^([a-z][a-z0-9+.-]*):/iu;

const REASONS = {
  empty: 'The QR code is empty.',
  tooLong: 'The QR code holds too much data to be an authenticator key.',
  web: 'This QR code holds a web link, not an authenticator key. It was not opened.',
  unsafe: 'This QR code holds a script or embedded data, not an authenticator key. It was ignored.',
  wifi: 'This QR code holds Wi-Fi settings, not an authenticator key.',
  badOtpauth: 'This QR code starts like an authenticator key but is malformed (expected otpauth://…).',
  otherScheme: 'This QR code holds a link for another app, not an authenticator key.',
  text: 'This QR code holds plain text, not an authenticator key.',
} as const;

const UNSAFE_SCHEMES = new Set(['javascript', 'vbscript', 'data', 'blob', 'file', 'about', 'filesystem']);

function url(scheme: string, reason: string): QrTextClass {
  return { kind: 'url', accepted: false, scheme, reason };
}

/** Classifies the text of a decoded QR code. Surrounding white space is ignored; the scheme is lower-cased. */
export function classifyQrText(text: string): QrTextClass {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'text', accepted: false, reason: REASONS.empty };
  if (trimmed.length > MAX_TEXT_LENGTH) return { kind: 'text', accepted: false, reason: REASONS.tooLong };
  const match = SCHEME.exec(trimmed);
  if (!match?.[1]) return { kind: 'text', accepted: false, reason: REASONS.text };
  const scheme = match[1].toLowerCase();
  const rest = trimmed.slice(scheme.length + 1);
  if (scheme === 'otpauth' || scheme === 'otpauth-migration') {
    // why: "otpauth:totp/..." (no authority) is not an authenticator URI any app writes; refuse it clearly.
    if (!rest.startsWith('//') || rest.length <= 2) return url(scheme, REASONS.badOtpauth);
    const uri = `${scheme}:${rest}`;
    return scheme === 'otpauth'
      ? { kind: 'otpauth', accepted: true, uri }
      : { kind: 'migration', accepted: true, uri };
  }
  if (scheme === 'http' || scheme === 'https') return url(scheme, REASONS.web);
  if (UNSAFE_SCHEMES.has(scheme)) return url(scheme, REASONS.unsafe);
  if (scheme === 'wifi') return url(scheme, REASONS.wifi);
  // why: "Key: value" text and host:port look like a scheme; real schemes are short and letters-only here.
  if (!/^[a-z][a-z0-9+.-]{0,31}$/u.test(scheme) || /^\s/u.test(rest) || /^\d/u.test(rest)) {
    return { kind: 'text', accepted: false, reason: REASONS.text };
  }
  return url(scheme, REASONS.otherScheme);
}
