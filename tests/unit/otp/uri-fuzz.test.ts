import { describe, expect, it } from 'vitest';
import { formatOtpauthUri, parseOtpauthUri } from '../../../lib/otp/uri';

/** Mulberry32: a tiny seeded PRNG, so every run tests the same strings. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = [
  'otpauth://totp/Aliyun:alice@1234567890123456?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPJQWEY3EMVTGO2DJNJVWY3LO&issuer=Aliyun',
  'otpauth://hotp/Example%20Co:bob%2Btag?secret=jbsw%20y3dp&counter=42&digits=8&algorithm=SHA256',
  'otpauth://totp/Steam:gaben?secret=JBSWY3DPEHPK3PXP&issuer=Steam',
  'otpauth://steam/%E9%98%BF%E9%87%8C%E4%BA%91:%E7%94%A8%E6%88%B7?secret=JBSWY3DPEHPK3PXP&period=60',
  'otpauth://totp/Corp:Unit:alice?secret=JBSWY3DPEHPK3PXP&issuer=Corp:Unit&period=15&digits=7',
];
// Pieces that exercise the parser's edges: separators, escapes (valid and broken), unicode, bidi, numbers.
const PIECES = [
  ':',
  '%3A',
  '%3a',
  '%',
  '%2',
  '%ZZ',
  '%FF',
  '%E2%80%AE',
  '%00',
  '+',
  ' ',
  '\u00a0',
  '\u202e',
  '\u200b',
  '#',
  '?',
  '&',
  '=',
  '/',
  '//',
  'secret=',
  'issuer=',
  'digits=',
  'period=',
  'counter=',
  'algorithm=',
  'encoder=steam',
  'SHA512',
  'MD5',
  '-1',
  '0',
  '9007199254740993',
  '1e3',
  'Steam',
  '阿里云',
  '😀',
  '\ud800',
  '\n',
  'JBSWY3DP',
  '====',
  'otpauth://',
  'OTPAUTH://HOTP/',
  'totp',
  'hotp',
];
const CHARS = 'abcAZ27019=:%&?/#+- \t\u00e9\u202e😀';

function mutate(input: string, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let text = input;
  const steps = 1 + Math.floor(random() * 4);
  for (let i = 0; i < steps; i++) {
    const at = Math.floor(random() * (text.length + 1));
    switch (Math.floor(random() * 5)) {
      case 0: // insert a piece
        text = text.slice(0, at) + pick(PIECES) + text.slice(at);
        break;
      case 1: // delete a span
        text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 8));
        break;
      case 2: // replace a character
        text = text.slice(0, at) + pick([...CHARS]) + text.slice(at + 1);
        break;
      case 3: // truncate
        text = text.slice(0, at);
        break;
      default: // swap case of a span
        text = text.slice(0, at) + text.slice(at, at + 10).toUpperCase() + text.slice(at + 10);
    }
  }
  return text;
}

function randomString(random: () => number): string {
  const length = Math.floor(random() * 80);
  let text = random() < 0.5 ? 'otpauth://' : '';
  for (let i = 0; i < length; i++) {
    text +=
      random() < 0.3
        ? PIECES[Math.floor(random() * PIECES.length)]
        : String.fromCharCode(Math.floor(random() * 0x3000));
  }
  return text;
}

describe('parseOtpauthUri fuzz (seeded, deterministic)', () => {
  it('never throws on 6,000 mutated and random strings, and every accepted URI round-trips', () => {
    const random = prng(0x5eed);
    let accepted = 0;
    const cases = 6000;
    for (let i = 0; i < cases; i++) {
      const input = i % 3 === 2 ? randomString(random) : mutate(SEEDS[i % SEEDS.length] as string, random);
      const result = parseOtpauthUri(input);
      if (!result.ok) {
        expect(typeof result.error.reason, input).toBe('string');
        continue;
      }
      accepted++;
      const again = parseOtpauthUri(formatOtpauthUri(result.account));
      expect(again, input).toEqual(result);
    }
    // why: a mutator that breaks every URI would make the round-trip half of this test vacuous.
    expect(accepted).toBeGreaterThan(cases / 10);
  });
});
