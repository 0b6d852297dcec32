import { beforeAll, describe, expect, it, test } from 'vitest';
import {
  DATA_KEY_BYTES,
  IV_BYTES,
  KDF_FLOOR,
  SALT_BYTES,
  decodeStoredBase64 as base64ToBytes,
  decryptRecord,
  encryptRecord,
  generateDataKey,
  unwrapDataKey,
  wrapDataKey,
  type KeySlot,
} from '../../../lib/vault/crypto';
import { bytesToBase64 } from '../../../lib/bytes';
import {
  CorruptDataError,
  InvalidVaultInputError,
  RecordDecryptError,
  WeakKdfParamsError,
  WrongPasswordError,
} from '../../../lib/vault/errors';
import { PASSWORD, flipBit, instrumentedCrypto } from './helpers';

const crypto = globalThis.crypto;

describe('base64', () => {
  it('round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });

  it.each(['abc', 'ab=c', 'a b c d', 'ab$d', '@@@@'])('rejects malformed input %j', (text) => {
    expect(() => base64ToBytes(text)).toThrow(CorruptDataError);
  });
});

describe('record encryption', () => {
  const dataKey = generateDataKey(crypto);
  const plaintext = { secret: 'JBSWY3DPEHPK3PXP', issuer: 'Aliyun', nested: { n: 1 } };

  it('round-trips under the same id and schema version', async () => {
    const sealed = await encryptRecord(crypto, dataKey, 'rec-1', 1, plaintext);
    expect(base64ToBytes(sealed.iv)).toHaveLength(IV_BYTES);
    await expect(decryptRecord(crypto, dataKey, 'rec-1', 1, sealed)).resolves.toEqual(plaintext);
  });

  it('gives a different IV and ciphertext for the same plaintext each time', async () => {
    const a = await encryptRecord(crypto, dataKey, 'rec-1', 1, plaintext);
    const b = await encryptRecord(crypto, dataKey, 'rec-1', 1, plaintext);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it('is bound to the record id and schema version (AAD)', async () => {
    const sealed = await encryptRecord(crypto, dataKey, 'rec-1', 1, plaintext);
    await expect(decryptRecord(crypto, dataKey, 'rec-2', 1, sealed)).rejects.toThrow(RecordDecryptError);
    await expect(decryptRecord(crypto, dataKey, 'rec-1', 2, sealed)).rejects.toThrow(RecordDecryptError);
  });

  it('fails under another data key', async () => {
    const sealed = await encryptRecord(crypto, dataKey, 'rec-1', 1, plaintext);
    await expect(decryptRecord(crypto, generateDataKey(crypto), 'rec-1', 1, sealed)).rejects.toThrow(
      RecordDecryptError,
    );
  });

  test.each([
    ['first IV byte', 'iv', 0],
    ['last IV byte', 'iv', -1],
    ['first ciphertext byte', 'ciphertext', 0],
    ['last tag byte', 'ciphertext', -1],
    ['first tag byte', 'ciphertext', -16],
  ] as const)('detects a flipped bit in the %s', async (_label, field, byteIndex) => {
    const sealed = await encryptRecord(crypto, dataKey, 'rec-1', 1, plaintext);
    const tampered = { ...sealed, [field]: flipBit(sealed[field], byteIndex, 3) };
    await expect(decryptRecord(crypto, dataKey, 'rec-1', 1, tampered)).rejects.toThrow(RecordDecryptError);
  });

  it('reports a truncated IV or ciphertext as undecryptable, not as a crash', async () => {
    const sealed = await encryptRecord(crypto, dataKey, 'rec-1', 1, plaintext);
    await expect(decryptRecord(crypto, dataKey, 'rec-1', 1, { ...sealed, iv: 'AAAA' })).rejects.toThrow(
      RecordDecryptError,
    );
    await expect(
      decryptRecord(crypto, dataKey, 'rec-1', 1, { ...sealed, ciphertext: 'AAAA' }),
    ).rejects.toThrow(RecordDecryptError);
    await expect(
      decryptRecord(crypto, dataKey, 'rec-1', 1, { ...sealed, iv: 'not base64!' }),
    ).rejects.toThrow(RecordDecryptError);
  });

  it('refuses a data key of the wrong length', async () => {
    await expect(encryptRecord(crypto, new Uint8Array(16), 'rec-1', 1, plaintext)).rejects.toThrow(
      InvalidVaultInputError,
    );
  });

  it('never repeats an IV over 10,000 encryptions', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      seen.add((await encryptRecord(crypto, dataKey, 'rec-1', 1, { i })).iv);
    }
    expect(seen.size).toBe(10_000);
  }, 60_000);
});

describe('key slots (PBKDF2 at the real 600,000 iterations)', () => {
  const dataKey = generateDataKey(crypto);
  let slot: KeySlot;

  beforeAll(async () => {
    slot = await wrapDataKey(crypto, dataKey, PASSWORD, { slotId: 'password' });
  });

  it('stores the parameters it used: 600,000 iterations, 32-byte salt, 12-byte IV', () => {
    expect(slot.kdf).toMatchObject({ algorithm: 'PBKDF2-HMAC-SHA256', iterations: 600_000 });
    expect(base64ToBytes(slot.kdf.salt)).toHaveLength(SALT_BYTES);
    expect(base64ToBytes(slot.iv)).toHaveLength(IV_BYTES);
    expect(base64ToBytes(slot.wrappedKey)).toHaveLength(DATA_KEY_BYTES + 16);
    expect(slot.wrappedKey).not.toContain(bytesToBase64(dataKey));
  });

  it('unwraps with the right password', async () => {
    await expect(unwrapDataKey(crypto, slot, PASSWORD)).resolves.toEqual(dataKey);
  });

  it('unwraps the same password typed in another Unicode normal form', async () => {
    const composed = await wrapDataKey(crypto, dataKey, 'p\u00e4ss', { slotId: 'password' });
    await expect(unwrapDataKey(crypto, composed, 'pa\u0308ss')).resolves.toEqual(dataKey);
  });

  it('says WrongPassword for a wrong password', async () => {
    await expect(unwrapDataKey(crypto, slot, 'wrong password')).rejects.toThrow(WrongPasswordError);
  });

  it('detects raised iterations through the authenticated parameters', async () => {
    const raised = { ...slot, kdf: { ...slot.kdf, iterations: slot.kdf.iterations + 1 } };
    await expect(unwrapDataKey(crypto, raised, PASSWORD)).rejects.toThrow(WrongPasswordError);
  });

  it('detects a renamed slot through the authenticated id', async () => {
    await expect(unwrapDataKey(crypto, { ...slot, id: 'recovery' }, PASSWORD)).rejects.toThrow(
      WrongPasswordError,
    );
  });

  it.each([
    ['iterations one below the floor', { iterations: KDF_FLOOR.iterations - 1 }],
    ['1,000 iterations', { iterations: 1000 }],
    ['a 15-byte salt', { salt: bytesToBase64(new Uint8Array(15)) }],
  ])('refuses %s without deriving anything', async (_label, kdfChange) => {
    const { crypto: counted, calls } = instrumentedCrypto();
    const lowered = { ...slot, kdf: { ...slot.kdf, ...kdfChange } };
    await expect(unwrapDataKey(counted, lowered, PASSWORD)).rejects.toThrow(WeakKdfParamsError);
    expect(calls).toEqual({});
  });

  it('refuses to create a slot below the floor or with an empty password', async () => {
    await expect(
      wrapDataKey(crypto, dataKey, PASSWORD, { slotId: 'password', iterations: KDF_FLOOR.iterations - 1 }),
    ).rejects.toThrow(WeakKdfParamsError);
    await expect(wrapDataKey(crypto, dataKey, '', { slotId: 'password' })).rejects.toThrow(
      InvalidVaultInputError,
    );
  });

  it('refuses an absurd iteration count instead of hanging', async () => {
    const huge = { ...slot, kdf: { ...slot.kdf, iterations: 2 ** 40 } };
    await expect(unwrapDataKey(crypto, huge, PASSWORD)).rejects.toThrow(CorruptDataError);
  });
});
