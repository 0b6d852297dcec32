import { describe, expect, it } from 'vitest';
import {
  decodeMigrationPayload,
  decodeMigrationUri,
  encodeMigrationPayload,
  encodeMigrationUri,
  encodeMigrationUris,
  MAX_MIGRATION_ACCOUNTS,
  MAX_MIGRATION_PAYLOAD_BYTES,
  MigrationEncodeError,
  migrationNames,
  migrationUnsupportedReason,
} from '../../../lib/otp/migration';
import { ProtobufWriter } from '../../../lib/otp/protobuf-reader';
import { bytesToBase32 } from '../../../lib/otp/base32';
import type { OtpAccountData } from '../../../lib/otp/types';

function hex(text: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  if (!/^(?:[0-9a-f]{2})*$/i.test(compact)) throw new Error(`bad hex fixture: ${compact}`);
  return Uint8Array.from((compact.match(/../g) ?? []).map((pair) => parseInt(pair, 16)));
}
const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const uriOf = (bytes: Uint8Array) =>
  `otpauth-migration://offline?data=${encodeURIComponent(toBase64(bytes))}`;

// "Hello!\xde\xad\xbe\xef" (the secret of Google's own Key Uri Format example).
const HELLO_SECRET = 'JBSWY3DPEHPK3PXP';

/** Hex pairs, with `#` comments to the end of the line. */
const hexWithComments = (text: string) => hex(text.replace(/#.*$/gm, ''));

/** Assembled by hand from the published MigrationPayload field list, so the encoder is not only tested against itself. */
const HAND_PAYLOAD = hexWithComments(`
  0a 22                                   # payload.1 (entry 0), 34 bytes
    0a 0a 48 65 6c 6c 6f 21 de ad be ef   #   secret "Hello!\\xde\\xad\\xbe\\xef"
    12 05 61 6c 69 63 65                  #   name "alice"
    1a 07 45 78 61 6d 70 6c 65            #   issuer "Example"
    20 01  28 01  30 02                   #   SHA1, six digits, TOTP
  0a 22                                   # payload.1 (entry 1), 34 bytes
    0a 0a 48 65 6c 6c 6f 21 de ad be ef
    12 08 43 6f 72 70 3a 62 6f 62         #   name "Corp:bob", no issuer field: one name, kept whole
    20 02  28 02  30 01  38 ac 02         #   SHA256, eight digits, HOTP, counter 300
    f8 01 07                              #   unknown field 31: skipped
  0a 11                                   # payload.1 (entry 2), 17 bytes
    0a 0a 48 65 6c 6c 6f 21 de ad be ef
    12 01 78                              #   name "x"
    20 04                                 #   MD5: refused
  10 01                                   # version 1
  18 02                                   # batch_size 2
  20 01                                   # batch_index 1
  28 ff ff ff ff ff ff ff ff ff 01        # batch_id -1 (int32 as a 10-byte varint)
`);
const handBytes = () => HAND_PAYLOAD.slice();

const account = (fields: Partial<OtpAccountData>): OtpAccountData => ({
  kind: 'totp',
  issuer: 'Example',
  account: 'alice',
  secret: HELLO_SECRET,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...fields,
});

describe('decodeMigrationPayload on hand-assembled bytes', () => {
  it('decodes every entry, lists the refused one, and reads the batch', () => {
    expect(decodeMigrationPayload(handBytes())).toEqual({
      ok: true,
      accounts: [
        account({}),
        account({
          kind: 'hotp',
          issuer: '',
          account: 'Corp:bob',
          algorithm: 'SHA256',
          digits: 8,
          counter: 300,
        }),
      ],
      invalid: [{ index: 2, reason: 'unsupported-algorithm' }],
      batch: { size: 2, index: 1, id: -1 },
    });
  });

  it('the encoder writes the same bytes for the first entry', () => {
    const first = handBytes().subarray(0, 36);
    const tail = hex('10 01 18 01 20 00 28 ff ff ff ff ff ff ff ff ff 01');
    expect(encodeMigrationPayload([account({})], { size: 1, index: 0, id: -1 })).toEqual(
      Uint8Array.from([...first, ...tail]),
    );
  });

  it('decodes the same bytes from a URI', () => {
    const result = decodeMigrationUri(uriOf(handBytes()));
    expect(result.ok && result.accounts).toHaveLength(2);
  });
});

describe('entries', () => {
  const entry = (build: (w: ProtobufWriter) => ProtobufWriter) =>
    new ProtobufWriter().writeBytesField(1, build(new ProtobufWriter()).finish()).finish();
  const secret = hex('48 65 6c 6c 6f 21 de ad be ef');

  it.each([
    [
      'digits code 3',
      entry((w) => w.writeBytesField(1, secret).writeStringField(2, 'a').writeVarintField(5, 3)),
      'bad-digits',
    ],
    [
      'type code 3',
      entry((w) => w.writeBytesField(1, secret).writeStringField(2, 'a').writeVarintField(6, 3)),
      'bad-type',
    ],
    [
      'algorithm code 9',
      entry((w) => w.writeBytesField(1, secret).writeStringField(2, 'a').writeVarintField(4, 9)),
      'unsupported-algorithm',
    ],
    [
      'empty secret',
      entry((w) => w.writeBytesField(1, new Uint8Array()).writeStringField(2, 'a')),
      'missing-secret',
    ],
    ['no secret', entry((w) => w.writeStringField(2, 'a')), 'missing-secret'],
    [
      'secret over 640 bytes',
      entry((w) => w.writeBytesField(1, new Uint8Array(700)).writeStringField(2, 'a')),
      'invalid-secret',
    ],
    ['no names', entry((w) => w.writeBytesField(1, secret)), 'bad-label'],
    [
      'HOTP counter above 2^53',
      entry((w) =>
        w
          .writeBytesField(1, secret)
          .writeStringField(2, 'a')
          .writeVarintField(6, 1)
          .writeVarintField(7, 2n ** 60n),
      ),
      'bad-counter',
    ],
    [
      'garbage inside the entry',
      new ProtobufWriter().writeBytesField(1, hex('0a 05 01')).finish(),
      'bad-payload',
    ],
    [
      'wrong wire type for the secret',
      new ProtobufWriter().writeBytesField(1, hex('08 01')).finish(),
      'bad-payload',
    ],
  ])('%s is listed as invalid (%s)', (_name, payload, reason) => {
    expect(decodeMigrationPayload(payload)).toMatchObject({
      ok: true,
      accounts: [],
      invalid: [{ index: 0, reason }],
    });
  });

  it('unspecified algorithm, digits and type mean SHA1, 6, TOTP', () => {
    const payload = entry((w) => w.writeBytesField(1, secret).writeStringField(2, 'a'));
    expect(decodeMigrationPayload(payload)).toMatchObject({
      ok: true,
      accounts: [account({ issuer: '', account: 'a' })],
    });
  });

  it('strips an issuer prefix from the name and cleans names', () => {
    const payload = entry((w) =>
      w
        .writeBytesField(1, secret)
        .writeStringField(2, 'Google:alice@gmail.com\u202E')
        .writeStringField(3, 'Google'),
    );
    expect(decodeMigrationPayload(payload)).toMatchObject({
      accounts: [account({ issuer: 'Google', account: 'alice@gmail.com' })],
    });
  });

  it('never splits a name without an issuer: Google keeps the issuer in its own field', () => {
    const payload = entry((w) => w.writeBytesField(1, secret).writeStringField(2, 'encoding: ¿äÄéÉ? (test)'));
    expect(decodeMigrationPayload(payload)).toMatchObject({
      accounts: [account({ issuer: '', account: 'encoding: ¿äÄéÉ? (test)' })],
    });
  });

  it('keeps a name whose prefix is not the issuer; removes only the issuer itself', () => {
    const other = entry((w) =>
      w.writeBytesField(1, secret).writeStringField(2, 'Other:bob').writeStringField(3, 'Example'),
    );
    expect(decodeMigrationPayload(other)).toMatchObject({
      accounts: [account({ issuer: 'Example', account: 'Other:bob' })],
    });
    expect(migrationNames('Example: bob', 'Example')).toEqual({ issuer: 'Example', account: 'bob' });
    // older exports of this extension wrote ":name" for a name with a colon and no issuer
    expect(migrationNames(':a:b', '')).toEqual({ issuer: '', account: 'a:b' });
  });

  it('a Steam issuer makes a Steam account, as for URIs', () => {
    const payload = entry((w) =>
      w.writeBytesField(1, secret).writeStringField(2, 'gaben').writeStringField(3, 'Steam'),
    );
    expect(decodeMigrationPayload(payload)).toMatchObject({
      accounts: [account({ kind: 'steam', issuer: 'Steam', account: 'gaben', digits: 5 })],
    });
  });

  it('keeps an account whose name is not valid UTF-8', () => {
    const payload = entry((w) => w.writeBytesField(1, secret).writeBytesField(2, hex('61 ff 62')));
    expect(decodeMigrationPayload(payload)).toMatchObject({
      accounts: [account({ issuer: '', account: 'a\ufffdb' })],
    });
  });
});

describe('round trips through the encoder', () => {
  const accounts: OtpAccountData[] = [
    account({}),
    account({
      issuer: 'Aliyun',
      account: 'alice@1234567890123456',
      secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPJQWEY3EMVTGO2DJNJVWY3LO',
    }),
    account({ kind: 'hotp', issuer: '', account: 'a:b', counter: Number.MAX_SAFE_INTEGER }),
    account({ issuer: 'Corp:Unit', account: 'c:d', algorithm: 'SHA512', digits: 8 }),
    account({ issuer: '阿里云', account: '用户😀' }),
    account({ issuer: '', account: 'encoding: ¿äÄéÉ? (test)' }),
    account({ issuer: 'Example', account: 'Example:x' }),
    account({ issuer: '', account: ':leading colon' }),
  ];

  it('one batch', () => {
    expect(decodeMigrationUri(encodeMigrationUri(accounts))).toEqual({
      ok: true,
      accounts,
      invalid: [],
      batch: { size: 1, index: 0, id: 0 },
    });
  });

  it('several batches share the id and carry their position', () => {
    const many = Array.from({ length: 25 }, (_, i) => account({ account: `user${i}` }));
    const uris = encodeMigrationUris(many, { batchId: -123456789, perBatch: 10 });
    expect(uris).toHaveLength(3);
    const decoded = uris.map((uri) => decodeMigrationUri(uri));
    decoded.forEach((result, index) => {
      expect(result).toMatchObject({ ok: true, invalid: [], batch: { size: 3, index, id: -123456789 } });
    });
    expect(decoded.flatMap((result) => (result.ok ? result.accounts : []))).toEqual(many);
  });

  it('refuses accounts the format cannot carry, naming which', () => {
    expect(migrationUnsupportedReason(account({ kind: 'steam', digits: 5 }))).toMatch(/Steam/);
    expect(migrationUnsupportedReason(account({ period: 60 }))).toMatch(/30-second/);
    expect(migrationUnsupportedReason(account({ digits: 7 }))).toMatch(/6- and 8-digit/);
    expect(migrationUnsupportedReason(account({ kind: 'hotp', period: 60 }))).toBeNull();
    const list = [...Array.from({ length: 12 }, () => account({})), account({ period: 60 })];
    expect(() => encodeMigrationUris(list, { batchId: 1 })).toThrow(MigrationEncodeError);
    try {
      encodeMigrationUris(list, { batchId: 1 });
    } catch (error) {
      expect((error as MigrationEncodeError).index).toBe(12);
    }
  });
});

describe('the + pitfall', () => {
  // Secret bytes chosen so the base64 of the payload contains "++++" (0xfb 0xef 0xbe at a 3-byte boundary).
  const plusAccount = account({ secret: bytesToBase32(hex('01 02 fb ef be fb ef be ff ff')) });
  const base64 = toBase64(encodeMigrationPayload([plusAccount]));

  it('precondition: the payload base64 contains a +', () => {
    expect(base64).toContain('+');
  });

  it('a raw + in data is a base64 +', () => {
    const result = decodeMigrationUri(`otpauth-migration://offline?data=${base64}`);
    expect(result).toMatchObject({ ok: true, accounts: [plusAccount] });
  });

  it('a percent-encoded %2B works too', () => {
    expect(
      decodeMigrationUri(`otpauth-migration://offline?data=${encodeURIComponent(base64)}`),
    ).toMatchObject({
      accounts: [plusAccount],
    });
  });

  it('a space (a + that something form-decoded) is read as +', () => {
    const mangled = base64.replace(/\+/g, ' ');
    expect(decodeMigrationUri(`otpauth-migration://offline?data=${mangled}`)).toMatchObject({
      accounts: [plusAccount],
    });
    expect(
      decodeMigrationUri(`otpauth-migration://offline?data=${mangled.replace(/ /g, '%20')}`),
    ).toMatchObject({
      accounts: [plusAccount],
    });
  });

  it('URLSearchParams would have corrupted it (why the raw query is read)', () => {
    const naive = new URL(`otpauth-migration://offline?data=${base64}`).searchParams.get('data');
    expect(naive).not.toBe(base64);
  });

  it('URL-safe base64 without padding is accepted', () => {
    const urlSafe = base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(decodeMigrationUri(`otpauth-migration://offline?data=${urlSafe}`)).toMatchObject({
      accounts: [plusAccount],
    });
  });
});

describe('refusals', () => {
  const valid = encodeMigrationUri([account({})]);

  it.each([
    ['not a migration link', 'otpauth://totp/a?secret=JBSWY3DP', 'bad-scheme'],
    ['another host', 'otpauth-migration://online?data=CgA', 'bad-scheme'],
    ['no query', 'otpauth-migration://offline', 'missing-data'],
    ['empty data', 'otpauth-migration://offline?data=', 'missing-data'],
    ['other parameters only', 'otpauth-migration://offline?foo=bar', 'missing-data'],
    ['malformed escape', 'otpauth-migration://offline?data=CgA%G1', 'bad-encoding'],
    ['not base64', 'otpauth-migration://offline?data=!!!!', 'bad-encoding'],
    ['impossible base64 length', 'otpauth-migration://offline?data=C', 'bad-encoding'],
    ['not protobuf', `otpauth-migration://offline?data=${toBase64(hex('0b 0c ff'))}`, 'bad-payload'],
    [
      'wrong wire type for an entry',
      `otpauth-migration://offline?data=${toBase64(hex('08 01'))}`,
      'bad-payload',
    ],
    ['no entries', `otpauth-migration://offline?data=${toBase64(hex('10 01 18 01'))}`, 'no-accounts'],
    ['a link over 2 MB', `otpauth-migration://offline?data=${'A'.repeat(2_000_001)}`, 'too-long'],
    ['a payload over 1 MB', `otpauth-migration://offline?data=${'A'.repeat(1_500_000)}`, 'too-long'],
  ])('%s → %s', (_name, uri, reason) => {
    expect(decodeMigrationUri(uri)).toMatchObject({ ok: false, error: { reason } });
  });

  it('accepts upper-case scheme, surrounding space and extra parameters', () => {
    const text = `  ${valid.replace('otpauth-migration://offline', 'OTPAUTH-MIGRATION://OFFLINE')}&v=1\n`;
    expect(decodeMigrationUri(text)).toMatchObject({ ok: true, accounts: [account({})] });
  });

  it(`accepts ${MAX_MIGRATION_ACCOUNTS} entries and refuses one more`, () => {
    const entries = Array.from({ length: MAX_MIGRATION_ACCOUNTS }, () => account({}));
    const atLimit = decodeMigrationPayload(encodeMigrationPayload(entries));
    expect(atLimit.ok && atLimit.accounts.length).toBe(MAX_MIGRATION_ACCOUNTS);
    const over = encodeMigrationPayload([...entries, account({})]);
    expect(decodeMigrationPayload(over)).toMatchObject({ ok: false, error: { reason: 'too-many-accounts' } });
  });

  it('refuses payloads over the byte cap', () => {
    const big = new Uint8Array(MAX_MIGRATION_PAYLOAD_BYTES + 1);
    expect(decodeMigrationPayload(big)).toMatchObject({ ok: false, error: { reason: 'too-long' } });
  });

  it('every truncation of a valid payload is refused or yields only whole entries', () => {
    const bytes = handBytes();
    for (let cut = 0; cut < bytes.length; cut++) {
      const result = decodeMigrationPayload(bytes.subarray(0, cut));
      if (result.ok) {
        // Only cuts on a field boundary after a whole entry decode; never a partial account.
        expect(result.accounts.length + result.invalid.length).toBeGreaterThan(0);
        for (const decoded of result.accounts) expect(decoded.secret).toBe(HELLO_SECRET);
      } else {
        expect(['bad-payload', 'no-accounts']).toContain(result.error.reason);
      }
    }
  });

  it('never throws on 3,000 seeded random or mutated inputs', () => {
    let state = 0x1234567;
    const random = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    const source = handBytes();
    for (let i = 0; i < 3000; i++) {
      let bytes: Uint8Array;
      if (i % 2 === 0) {
        bytes = Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
      } else {
        bytes = source.slice();
        for (let flips = 0; flips < 3; flips++)
          bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      }
      expect(() => decodeMigrationPayload(bytes)).not.toThrow();
      const uri = `otpauth-migration://offline?data=${i % 3 === 0 ? toBase64(bytes) : String.fromCharCode(...bytes)}`;
      const result = decodeMigrationUri(uri);
      expect(typeof result.ok).toBe('boolean');
    }
  });
});
