import type { Bytes } from '../bytes';

export function randomBytes(crypto: Crypto, length: number): Bytes {
  return crypto.getRandomValues(new Uint8Array(length));
}
