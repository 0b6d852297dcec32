/**
 * The secretstream reader against libsodium itself (libsodium-wrappers-sumo, a dev dependency): an
 * independent writer, so the construction is checked, not restated.
 */
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { secretstreamPullFirst, SECRETSTREAM_TAG_FINAL } from '../../../lib/backup/secretstream';

beforeAll(async () => {
  await sodium.ready;
});

function seal(length: number, tag = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
  const key = sodium.randombytes_buf(32);
  const message = sodium.randombytes_buf(length);
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const sealed = sodium.crypto_secretstream_xchacha20poly1305_push(state, message, null, tag);
  return { key, header, message, sealed };
}

describe('secretstream (XChaCha20-Poly1305), first message', () => {
  it.each([0, 1, 15, 16, 17, 63, 64, 65, 1000])('opens a %i-byte message libsodium sealed', (length) => {
    const { key, header, message, sealed } = seal(length);
    const opened = secretstreamPullFirst(key, header, sealed);
    expect(opened?.tag).toBe(SECRETSTREAM_TAG_FINAL);
    expect(Buffer.from(opened!.plaintext).equals(Buffer.from(message))).toBe(true);
  });

  it('reports the tag libsodium wrote (a stream cut after its first chunk is not FINAL)', () => {
    const { key, header, sealed } = seal(40, sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
    expect(secretstreamPullFirst(key, header, sealed)?.tag).toBe(0);
  });

  it('refuses any changed byte of the message, the header or the key', () => {
    const { key, header, sealed } = seal(100);
    for (const index of [0, 1, 50, sealed.length - 1]) {
      const changed = sealed.slice();
      changed[index]! ^= 0x01;
      expect(secretstreamPullFirst(key, header, changed)).toBeNull();
    }
    const otherHeader = header.slice();
    otherHeader[20]! ^= 0x80;
    expect(secretstreamPullFirst(key, otherHeader, sealed)).toBeNull();
    const otherKey = key.slice();
    otherKey[0]! ^= 0x01;
    expect(secretstreamPullFirst(otherKey, header, sealed)).toBeNull();
    expect(secretstreamPullFirst(key, header, sealed.subarray(0, sealed.length - 1))).toBeNull();
    expect(secretstreamPullFirst(key, header, sealed.subarray(0, 16))).toBeNull();
  });
});
