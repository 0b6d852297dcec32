import { describe, expect, it } from 'vitest';
import { formatOtpauthUri, MAX_OTPAUTH_URI_LENGTH, parseOtpauthUri } from '../../../lib/otp/uri';
import type { OtpAccountData, OtpUriErrorReason } from '../../../lib/otp/types';

const S = 'JBSWY3DPEHPK3PXP';
// Alibaba Cloud shows 64-character secrets.
const ALIYUN_SECRET = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPJQWEY3EMVTGO2DJNJVWY3LO';

const totp = (fields: Partial<OtpAccountData>): OtpAccountData => ({
  kind: 'totp',
  issuer: '',
  account: '',
  secret: S,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...fields,
});
const hotp = (fields: Partial<OtpAccountData>) => totp({ kind: 'hotp', ...fields });
const steam = (fields: Partial<OtpAccountData>) => totp({ kind: 'steam', digits: 5, ...fields });

type Case = [name: string, uri: string, expected: OtpAccountData | OtpUriErrorReason];

const valid: Case[] = [
  [
    'Google Key Uri Format example',
    `otpauth://totp/Example:alice@google.com?secret=${S}&issuer=Example`,
    totp({ issuer: 'Example', account: 'alice@google.com' }),
  ],
  [
    'Alibaba Cloud root account',
    `otpauth://totp/Aliyun:alice@1234567890123456?secret=${ALIYUN_SECRET}&issuer=Aliyun`,
    totp({ issuer: 'Aliyun', account: 'alice@1234567890123456', secret: ALIYUN_SECRET }),
  ],
  [
    'Alibaba Cloud RAM user',
    `otpauth://totp/Aliyun:user@alias.onaliyun.com?secret=${ALIYUN_SECRET}&issuer=Aliyun`,
    totp({ issuer: 'Aliyun', account: 'user@alias.onaliyun.com', secret: ALIYUN_SECRET }),
  ],
  [
    'AWS virtual MFA',
    `otpauth://totp/Amazon%20Web%20Services:alice@123456789012?secret=${S}&issuer=Amazon%20Web%20Services`,
    totp({ issuer: 'Amazon Web Services', account: 'alice@123456789012' }),
  ],
  [
    'GitHub',
    `otpauth://totp/GitHub:octocat?secret=${S}&issuer=GitHub`,
    totp({ issuer: 'GitHub', account: 'octocat' }),
  ],
  [
    'Microsoft (lower-case secret, encoded @)',
    'otpauth://totp/Microsoft:alice%40contoso.com?secret=jbswy3dpehpk3pxp&issuer=Microsoft',
    totp({ issuer: 'Microsoft', account: 'alice@contoso.com' }),
  ],
  [
    'Google account (%3A separator, spaced lower-case secret)',
    'otpauth://totp/Google%3Aalice%40gmail.com?secret=jbsw%20y3dp%20ehpk%203pxp&issuer=Google',
    totp({ issuer: 'Google', account: 'alice@gmail.com' }),
  ],
  [
    'label prefix used when there is no issuer parameter',
    `otpauth://totp/ACME%20Co:john.doe@email.com?secret=${S}`,
    totp({ issuer: 'ACME Co', account: 'john.doe@email.com' }),
  ],
  [
    'label prefix used when the issuer parameter is empty',
    `otpauth://totp/ACME:john?secret=${S}&issuer=`,
    totp({ issuer: 'ACME', account: 'john' }),
  ],
  [
    'issuer parameter wins over the label prefix',
    `otpauth://totp/OldName:john?secret=${S}&issuer=NewName`,
    totp({ issuer: 'NewName', account: 'john' }),
  ],
  ['no issuer at all', `otpauth://totp/alice?secret=${S}`, totp({ account: 'alice' })],
  ['issuer only, empty label', `otpauth://totp/?secret=${S}&issuer=Acme`, totp({ issuer: 'Acme' })],
  ['issuer only, no label path', `otpauth://totp?secret=${S}&issuer=Acme`, totp({ issuer: 'Acme' })],
  [
    'upper-case scheme and type',
    `OTPAUTH://TOTP/Example:alice?secret=${S}&issuer=Example`,
    totp({ issuer: 'Example', account: 'alice' }),
  ],
  [
    'surrounding white space from a QR decoder',
    `  otpauth://totp/Example:alice?secret=${S}&issuer=Example\n`,
    totp({ issuer: 'Example', account: 'alice' }),
  ],
  [
    'space after the separator (Issuer:%20account)',
    `otpauth://totp/Example:%20%20alice?secret=${S}&issuer=Example`,
    totp({ issuer: 'Example', account: 'alice' }),
  ],
  [
    'plus in the label is literal',
    `otpauth://totp/Example:alice+tag@example.com?secret=${S}&issuer=Example`,
    totp({ issuer: 'Example', account: 'alice+tag@example.com' }),
  ],
  [
    'plus in a query value is a space',
    `otpauth://totp/alice?secret=${S}&issuer=Example+Co`,
    totp({ issuer: 'Example Co', account: 'alice' }),
  ],
  [
    '%2B in a query value is a plus',
    `otpauth://totp/alice?secret=${S}&issuer=C%2B%2B`,
    totp({ issuer: 'C++', account: 'alice' }),
  ],
  [
    'padded lower-case secret',
    'otpauth://totp/a?secret=mzxw6ytboi======',
    totp({ account: 'a', secret: 'MZXW6YTBOI' }),
  ],
  ['dashed secret', 'otpauth://totp/a?secret=JBSW-Y3DP-EHPK-3PXP', totp({ account: 'a' })],
  [
    'plus-separated secret (form-encoded spaces)',
    'otpauth://totp/a?secret=JBSW+Y3DP+EHPK+3PXP',
    totp({ account: 'a' }),
  ],
  [
    'SHA256, 8 digits, 60 s',
    `otpauth://totp/a?secret=${S}&algorithm=SHA256&digits=8&period=60`,
    totp({ account: 'a', algorithm: 'SHA256', digits: 8, period: 60 }),
  ],
  [
    'lower-case sha512',
    `otpauth://totp/a?secret=${S}&algorithm=sha512`,
    totp({ account: 'a', algorithm: 'SHA512' }),
  ],
  [
    'SHA-256 spelling',
    `otpauth://totp/a?secret=${S}&algorithm=SHA-256`,
    totp({ account: 'a', algorithm: 'SHA256' }),
  ],
  ['explicit SHA1', `otpauth://totp/a?secret=${S}&algorithm=SHA1`, totp({ account: 'a' })],
  ['7 digits', `otpauth://totp/a?secret=${S}&digits=7`, totp({ account: 'a', digits: 7 })],
  ['10 digits', `otpauth://totp/a?secret=${S}&digits=10`, totp({ account: 'a', digits: 10 })],
  ['period 15', `otpauth://totp/a?secret=${S}&period=15`, totp({ account: 'a', period: 15 })],
  ['period 3600', `otpauth://totp/a?secret=${S}&period=3600`, totp({ account: 'a', period: 3600 })],
  ['counter on a totp URI is ignored', `otpauth://totp/a?secret=${S}&counter=-5`, totp({ account: 'a' })],
  ['hotp counter 0', `otpauth://hotp/a?secret=${S}&counter=0`, hotp({ account: 'a' })],
  ['hotp counter 42', `otpauth://hotp/a?secret=${S}&counter=42`, hotp({ account: 'a', counter: 42 })],
  [
    'hotp counter 2^53-1',
    `otpauth://hotp/a?secret=${S}&counter=9007199254740991`,
    hotp({ account: 'a', counter: Number.MAX_SAFE_INTEGER }),
  ],
  ['hotp without counter starts at 0', `otpauth://hotp/a?secret=${S}`, hotp({ account: 'a' })],
  ['period on a hotp URI is ignored', `otpauth://hotp/a?secret=${S}&period=0`, hotp({ account: 'a' })],
  [
    'Steam by issuer',
    `otpauth://totp/Steam:gaben?secret=${S}&issuer=Steam`,
    steam({ issuer: 'Steam', account: 'gaben' }),
  ],
  [
    'Steam by label prefix',
    `otpauth://totp/Steam:gaben?secret=${S}`,
    steam({ issuer: 'Steam', account: 'gaben' }),
  ],
  [
    'Steam by encoder, digits/period/algorithm ignored',
    `otpauth://totp/Valve:gaben?secret=${S}&encoder=steam&digits=5&period=45&algorithm=SHA256`,
    steam({ issuer: 'Valve', account: 'gaben' }),
  ],
  ['steam type', `otpauth://steam/gaben?secret=${S}`, steam({ account: 'gaben' })],
  [
    'hotp with issuer Steam stays hotp',
    `otpauth://hotp/a?secret=${S}&issuer=Steam`,
    hotp({ issuer: 'Steam', account: 'a' }),
  ],
  [
    'unicode names',
    `otpauth://totp/%E9%98%BF%E9%87%8C%E4%BA%91:%E7%94%A8%E6%88%B7?secret=${S}`,
    totp({ issuer: '阿里云', account: '用户' }),
  ],
  [
    'raw unicode names',
    `otpauth://totp/阿里云:ユーザー?secret=${S}&issuer=阿里云`,
    totp({ issuer: '阿里云', account: 'ユーザー' }),
  ],
  [
    'bidi override and zero-width characters stripped',
    `otpauth://totp/a%E2%80%8Bb?secret=${S}&issuer=Evil%E2%80%AEmoc`,
    totp({ issuer: 'Evilmoc', account: 'ab' }),
  ],
  [
    'control characters become spaces',
    `otpauth://totp/Example:alice%0Abob?secret=${S}&issuer=Exa%09mple`,
    totp({ issuer: 'Exa mple', account: 'alice bob' }),
  ],
  [
    'long names are capped at 256 characters',
    `otpauth://totp/${'x'.repeat(300)}?secret=${S}`,
    totp({ account: 'x'.repeat(256) }),
  ],
  [
    'unknown parameters are ignored',
    `otpauth://totp/a?secret=${S}&image=https%3A%2F%2Fexample.com%2Flogo.png&color=red`,
    totp({ account: 'a' }),
  ],
  [
    'first of duplicate parameters wins',
    `otpauth://totp/a?secret=${S}&digits=8&digits=6`,
    totp({ account: 'a', digits: 8 }),
  ],
  [
    'parameter names are case-insensitive',
    `otpauth://totp/a?SECRET=${S}&Digits=8`,
    totp({ account: 'a', digits: 8 }),
  ],
  ['empty query segments are skipped', `otpauth://totp/a?&&secret=${S}&`, totp({ account: 'a' })],
  [
    'a hash sign is part of the name',
    `otpauth://totp/Team%20#1:a?secret=${S}`,
    totp({ issuer: 'Team #1', account: 'a' }),
  ],
  [
    'issuer with a colon in the parameter',
    `otpauth://totp/Corp:Unit:alice?secret=${S}&issuer=Corp:Unit`,
    totp({ issuer: 'Corp:Unit', account: 'alice' }),
  ],
];

const invalid: Case[] = [
  ['empty string', '', 'bad-scheme'],
  ['https link', 'https://example.com/?secret=JBSWY3DP', 'bad-scheme'],
  ['single slash', `otpauth:/totp/a?secret=${S}`, 'bad-scheme'],
  ['migration link', 'otpauth-migration://offline?data=CgA', 'bad-scheme'],
  ['plain secret', S, 'bad-scheme'],
  ['unknown type', `otpauth://motp/a?secret=${S}`, 'bad-type'],
  ['no type', 'otpauth://', 'bad-type'],
  ['type with trailing text', `otpauth://totpx/a?secret=${S}`, 'bad-type'],
  ['no secret', 'otpauth://totp/a', 'missing-secret'],
  ['empty secret', 'otpauth://totp/a?secret=&issuer=X', 'missing-secret'],
  ['secret of spaces', 'otpauth://totp/a?secret=%20%20', 'missing-secret'],
  ['non-base32 secret', 'otpauth://totp/a?secret=JBSW1Y3DP', 'invalid-secret'],
  ['zero-byte secret (padding only)', 'otpauth://totp/a?secret=====', 'invalid-secret'],
  ['one-character secret', 'otpauth://totp/a?secret=A', 'invalid-secret'],
  ['secret longer than 1024 characters', `otpauth://totp/a?secret=${'A'.repeat(1100)}`, 'invalid-secret'],
  ['malformed escape in the label', `otpauth://totp/a%ZZ?secret=${S}`, 'bad-encoding'],
  ['truncated escape in the label', `otpauth://totp/a%E0%A4%A?secret=${S}`, 'bad-encoding'],
  ['invalid UTF-8 in the label', `otpauth://totp/%FF?secret=${S}`, 'bad-encoding'],
  ['malformed escape in a value', `otpauth://totp/a?secret=${S}&issuer=%`, 'bad-encoding'],
  ['MD5', `otpauth://totp/a?secret=${S}&algorithm=MD5`, 'unsupported-algorithm'],
  ['SHA3', `otpauth://totp/a?secret=${S}&algorithm=SHA3-256`, 'unsupported-algorithm'],
  ['SHA224', `otpauth://totp/a?secret=${S}&algorithm=SHA224`, 'unsupported-algorithm'],
  ['5 digits (not Steam)', `otpauth://totp/a?secret=${S}&digits=5`, 'bad-digits'],
  ['11 digits', `otpauth://totp/a?secret=${S}&digits=11`, 'bad-digits'],
  ['0 digits', `otpauth://hotp/a?secret=${S}&digits=0`, 'bad-digits'],
  ['word digits', `otpauth://totp/a?secret=${S}&digits=six`, 'bad-digits'],
  ['negative digits', `otpauth://totp/a?secret=${S}&digits=-6`, 'bad-digits'],
  ['fractional digits', `otpauth://totp/a?secret=${S}&digits=6.0`, 'bad-digits'],
  ['period 0', `otpauth://totp/a?secret=${S}&period=0`, 'bad-period'],
  ['period 3601', `otpauth://totp/a?secret=${S}&period=3601`, 'bad-period'],
  ['negative period', `otpauth://totp/a?secret=${S}&period=-30`, 'bad-period'],
  ['period with unit', `otpauth://totp/a?secret=${S}&period=30s`, 'bad-period'],
  ['absurd period', `otpauth://totp/a?secret=${S}&period=99999999999999999999`, 'bad-period'],
  ['negative counter', `otpauth://hotp/a?secret=${S}&counter=-1`, 'bad-counter'],
  ['counter 2^53', `otpauth://hotp/a?secret=${S}&counter=9007199254740992`, 'bad-counter'],
  ['fractional counter', `otpauth://hotp/a?secret=${S}&counter=1.5`, 'bad-counter'],
  ['word counter', `otpauth://hotp/a?secret=${S}&counter=abc`, 'bad-counter'],
  ['no label and no issuer', `otpauth://totp/?secret=${S}`, 'bad-label'],
  ['only a separator', `otpauth://totp/%3A?secret=${S}`, 'bad-label'],
  ['only invisible characters', `otpauth://totp/%E2%80%AE%E2%80%8B?secret=${S}&issuer=%20`, 'bad-label'],
  [
    'longer than 4096 characters',
    `otpauth://totp/a?secret=${S}&x=${'a'.repeat(MAX_OTPAUTH_URI_LENGTH)}`,
    'too-long',
  ],
];

describe('parseOtpauthUri', () => {
  it('has at least 50 table cases', () => {
    expect(valid.length + invalid.length).toBeGreaterThanOrEqual(50);
  });

  it.each(valid)('accepts %s', (_name, uri, expected) => {
    expect(parseOtpauthUri(uri)).toEqual({ ok: true, account: expected });
  });

  it.each(invalid)('refuses %s', (_name, uri, reason) => {
    const result = parseOtpauthUri(uri);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reason).toBe(reason);
      expect(result.error.message.length).toBeGreaterThan(0);
    }
  });

  it('does not throw on non-string input from untyped callers', () => {
    for (const value of [undefined, null, 42, {}, []]) {
      expect(parseOtpauthUri(value as unknown as string).ok).toBe(false);
    }
  });
});

describe('formatOtpauthUri', () => {
  it.each(valid)('round-trips %s', (_name, uri) => {
    const parsed = parseOtpauthUri(uri);
    if (!parsed.ok) throw new Error(`fixture did not parse: ${uri}`);
    expect(parseOtpauthUri(formatOtpauthUri(parsed.account))).toEqual(parsed);
  });

  it('writes the form phone apps expect', () => {
    expect(formatOtpauthUri(totp({ issuer: 'Aliyun', account: 'alice@1234567890123456' }))).toBe(
      `otpauth://totp/Aliyun:alice%401234567890123456?secret=${S}&issuer=Aliyun&algorithm=SHA1&digits=6&period=30`,
    );
    expect(formatOtpauthUri(hotp({ issuer: 'Example Co', account: 'a+b', counter: 7 }))).toBe(
      `otpauth://hotp/Example%20Co:a%2Bb?secret=${S}&issuer=Example%20Co&algorithm=SHA1&digits=6&counter=7`,
    );
    expect(formatOtpauthUri(steam({ issuer: 'Steam', account: 'gaben' }))).toBe(
      `otpauth://totp/Steam:gaben?secret=${S}&issuer=Steam&algorithm=SHA1&digits=5&period=30&encoder=steam`,
    );
  });
});
