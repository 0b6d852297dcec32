import { describe, expect, it } from 'vitest';
import { scrypt, scryptParamsProblem } from '../../../lib/backup/scrypt';

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('scrypt', () => {
  // RFC 7914 §12 test vectors (the small ones).
  it.each([
    {
      password: '',
      salt: '',
      params: { N: 16, r: 1, p: 1 },
      expected:
        '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442' +
        'fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906',
    },
    {
      password: 'password',
      salt: 'NaCl',
      params: { N: 1024, r: 8, p: 16 },
      expected:
        'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162' +
        '2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
    },
    {
      password: 'pleaseletmein',
      salt: 'SodiumChloride',
      params: { N: 16384, r: 8, p: 1 },
      expected:
        '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2' +
        'd5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887',
    },
  ])(
    'matches RFC 7914 for P="$password", S="$salt", N=$params.N',
    async ({ password, salt, params, expected }) => {
      expect(hex(await scrypt(utf8(password), utf8(salt), params, 64))).toBe(expected);
    },
  );

  it.each([
    [{ N: 2 ** 30, r: 8, p: 1 }, /power of two/],
    [{ N: 2 ** 20, r: 8, p: 1 }, /memory/],
    [{ N: 1000, r: 8, p: 1 }, /power of two/],
    [{ N: 1024, r: 0, p: 1 }, /r must/],
    [{ N: 1024, r: 8, p: 1000 }, /p must/],
    [{ N: 2 ** 17, r: 8, p: 16 }, /too much work/],
    [{ N: Number.NaN, r: 8, p: 1 }, /power of two/],
  ])('refuses hostile parameters %j before doing any work', async (params, reason) => {
    expect(scryptParamsProblem(params)).toMatch(reason);
    await expect(scrypt(utf8('x'), utf8('y'), params, 32)).rejects.toThrow(RangeError);
  });

  it("accepts Aegis' default parameters", () => {
    expect(scryptParamsProblem({ N: 32768, r: 8, p: 1 })).toBeNull();
  });
});
