import { checkAccount, DEFAULT_PERIOD } from './account-data';
import { base64ToBytes, bytesToBase64, normalizeBase64 } from '../bytes';
import { cleanLabel } from './label';
import { ProtobufError, ProtobufReader, ProtobufWriter, WireType } from './protobuf-reader';
import { base32ToBytes, bytesToBase32 } from './base32';
import type { OtpAccountData, OtpAlgorithm, OtpUriErrorReason } from './types';

/**
 * Google Authenticator's export, `otpauth-migration://offline?data=<base64 MigrationPayload>`:
 *   MigrationPayload { 1: repeated OtpParameters, 2: version, 3: batch_size, 4: batch_index, 5: batch_id }
 *   OtpParameters { 1: secret bytes, 2: name, 3: issuer, 4: algorithm, 5: digits, 6: type, 7: counter }
 *
 * Decisions:
 * - `data` is read from the raw query string and percent-decoded here. URLSearchParams would turn a raw
 *   `+` (a base64 character) into a space; here a raw `+` stays `+`, and a space, which base64 never
 *   contains, is taken for a `+` that something form-decoded earlier. URL-safe base64 is accepted too.
 * - Caps: the URI at MAX_MIGRATION_URI_LENGTH characters, the payload at MAX_MIGRATION_PAYLOAD_BYTES,
 *   MAX_MIGRATION_ACCOUNTS entries (Google puts about 10 in one QR code).
 * - One bad entry does not sink the others: it is listed in `invalid` with its index and reason.
 *   A payload that is not protobuf, or holds no entries at all, is refused as a whole.
 * - Every entry passes the same checks as an otpauth URI (checkAccount); period is always 30 s (the format
 *   has no period). Issuer "Steam" makes a Steam account, as for URIs. Unknown fields and the version are
 *   ignored, so later versions that add fields still import.
 */

export const MAX_MIGRATION_URI_LENGTH = 2_000_000;
export const MAX_MIGRATION_PAYLOAD_BYTES = 1024 * 1024;
export const MAX_MIGRATION_ACCOUNTS = 1000;

const SCHEME = 'otpauth-migration://';

export type MigrationErrorReason =
  | 'too-long'
  | 'bad-scheme'
  | 'missing-data'
  | 'bad-encoding'
  | 'bad-payload'
  | 'too-many-accounts'
  | 'no-accounts';

export type MigrationEntryErrorReason = OtpUriErrorReason | 'bad-payload';

export interface MigrationBatch {
  /** How many QR codes the whole export has (≥ 1). */
  size: number;
  /** This one's position, from 0. */
  index: number;
  /** Same for every QR code of one export (a signed 32-bit number). */
  id: number;
}

export type MigrationResult =
  | {
      ok: true;
      accounts: OtpAccountData[];
      invalid: { index: number; reason: MigrationEntryErrorReason }[];
      batch: MigrationBatch;
    }
  | { ok: false; error: { reason: MigrationErrorReason; message: string } };

function fail(reason: MigrationErrorReason, message: string): MigrationResult {
  return { ok: false, error: { reason, message } };
}

const ALGORITHM_BY_CODE: ReadonlyMap<bigint, OtpAlgorithm> = new Map([
  [0n, 'SHA1'], // unspecified: Google's default
  [1n, 'SHA1'],
  [2n, 'SHA256'],
  [3n, 'SHA512'],
]);
const DIGITS_BY_CODE: ReadonlyMap<bigint, number> = new Map([
  [0n, 6], // unspecified
  [1n, 6],
  [2n, 8],
]);
const KIND_BY_CODE: ReadonlyMap<bigint, 'hotp' | 'totp'> = new Map([
  [0n, 'totp'], // unspecified
  [1n, 'hotp'],
  [2n, 'totp'],
]);

type EntryResult = { ok: true; account: OtpAccountData } | { ok: false; reason: MigrationEntryErrorReason };

function expectWireType(actual: WireType, expected: WireType): void {
  if (actual !== expected) throw new ProtobufError('Field has an unexpected wire type.');
}

function decodeEntry(bytes: Uint8Array): EntryResult {
  const reader = new ProtobufReader(bytes);
  const text = new TextDecoder(); // why: not fatal; a broken name should not lose the account.
  let secret: Uint8Array = new Uint8Array(0);
  let name = '';
  let issuer = '';
  let algorithm = 0n;
  let digits = 0n;
  let type = 0n;
  let counter = 0n;
  try {
    while (!reader.done) {
      const { field, wireType } = reader.readTag();
      switch (field) {
        case 1:
          expectWireType(wireType, WireType.lengthDelimited);
          secret = reader.readLengthDelimited();
          break;
        case 2:
          expectWireType(wireType, WireType.lengthDelimited);
          name = text.decode(reader.readLengthDelimited());
          break;
        case 3:
          expectWireType(wireType, WireType.lengthDelimited);
          issuer = text.decode(reader.readLengthDelimited());
          break;
        case 4:
        case 5:
        case 6:
        case 7: {
          expectWireType(wireType, WireType.varint);
          const value = reader.readVarint();
          if (field === 4) algorithm = value;
          else if (field === 5) digits = value;
          else if (field === 6) type = value;
          else counter = value;
          break;
        }
        default:
          reader.skip(wireType);
      }
    }
  } catch {
    return { ok: false, reason: 'bad-payload' };
  }

  const kind = KIND_BY_CODE.get(type);
  if (kind === undefined) return { ok: false, reason: 'bad-type' };
  const algorithmName = ALGORITHM_BY_CODE.get(algorithm);
  if (algorithmName === undefined) return { ok: false, reason: 'unsupported-algorithm' };
  const digitCount = DIGITS_BY_CODE.get(digits);
  if (digitCount === undefined) return { ok: false, reason: 'bad-digits' };
  if (kind === 'hotp' && counter > BigInt(Number.MAX_SAFE_INTEGER))
    return { ok: false, reason: 'bad-counter' };

  const names = migrationNames(name, issuer);
  const result = checkAccount({
    kind: kind === 'totp' && names.issuer.toLowerCase() === 'steam' ? 'steam' : kind,
    ...names,
    secret: bytesToBase32(secret),
    algorithm: algorithmName,
    digits: digitCount,
    period: DEFAULT_PERIOD,
    counter: kind === 'hotp' ? Number(counter) : 0,
  });
  return result.ok ? result : { ok: false, reason: result.error.reason };
}

/**
 * Issuer and account of an entry. Google keeps them in separate fields, so the name is never split at a
 * colon (`encoding: ¿äÄéÉ?` is one account name). Only a prefix that repeats the issuer exactly
 * (`GitHub:alice` under issuer GitHub, as some apps write the whole label) is removed; without an issuer,
 * one leading colon is the empty prefix this extension's older exports wrote before a name with a colon.
 */
export function migrationNames(name: string, issuerField: string): { issuer: string; account: string } {
  const issuer = cleanLabel(issuerField);
  const trimmed = name.trimStart();
  const prefix = `${issuer}:`;
  const account = trimmed.startsWith(prefix) ? trimmed.slice(prefix.length) : trimmed;
  return { issuer, account: cleanLabel(account) };
}

/** Decodes a MigrationPayload. Total: never throws. */
export function decodeMigrationPayload(bytes: Uint8Array): MigrationResult {
  if (bytes.length > MAX_MIGRATION_PAYLOAD_BYTES) {
    return fail('too-long', `The export is larger than ${MAX_MIGRATION_PAYLOAD_BYTES} bytes.`);
  }
  const entries: Uint8Array[] = [];
  const batch = { size: 1n, index: 0n, id: 0n };
  try {
    const reader = new ProtobufReader(bytes);
    while (!reader.done) {
      const { field, wireType } = reader.readTag();
      if (field === 1) {
        expectWireType(wireType, WireType.lengthDelimited);
        entries.push(reader.readLengthDelimited());
        if (entries.length > MAX_MIGRATION_ACCOUNTS) {
          return fail('too-many-accounts', `The export has more than ${MAX_MIGRATION_ACCOUNTS} accounts.`);
        }
      } else if (field >= 3 && field <= 5) {
        expectWireType(wireType, WireType.varint);
        const value = reader.readVarint();
        if (field === 3) batch.size = value;
        else if (field === 4) batch.index = value;
        else batch.id = value;
      } else {
        reader.skip(wireType); // field 2 (version) and anything newer
      }
    }
  } catch (error) {
    const detail = error instanceof ProtobufError ? ` (${error.message})` : '';
    return fail('bad-payload', `The export is damaged or incomplete${detail}.`);
  }
  if (entries.length === 0) return fail('no-accounts', 'The export contains no accounts.');

  const accounts: OtpAccountData[] = [];
  const invalid: { index: number; reason: MigrationEntryErrorReason }[] = [];
  entries.forEach((entry, index) => {
    const result = decodeEntry(entry);
    if (result.ok) accounts.push(result.account);
    else invalid.push({ index, reason: result.reason });
  });
  // why: the int32 fields arrive as 64-bit two's complement; read them back as signed 32-bit numbers.
  const int32 = (value: bigint) => Number(BigInt.asIntN(32, value));
  return {
    ok: true,
    accounts,
    invalid,
    batch: {
      size: Math.max(1, int32(batch.size)),
      index: Math.max(0, int32(batch.index)),
      id: int32(batch.id),
    },
  };
}

/** Percent-decodes `%XX` escapes only (a `+` stays a `+`); null on a malformed escape. */
function percentDecodeKeepingPlus(text: string): string | null {
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return null;
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Decodes an `otpauth-migration://offline?data=...` URI. Total: never throws. */
export function decodeMigrationUri(input: string): MigrationResult {
  try {
    if (typeof input !== 'string') return fail('bad-scheme', 'This is not an otpauth-migration:// link.');
    if (input.length > MAX_MIGRATION_URI_LENGTH) {
      return fail('too-long', `The link is longer than ${MAX_MIGRATION_URI_LENGTH} characters.`);
    }
    const text = input.trim();
    const queryStart = text.indexOf('?');
    const head = (queryStart === -1 ? text : text.slice(0, queryStart)).toLowerCase();
    if (head !== `${SCHEME}offline` && head !== `${SCHEME}offline/`) {
      return fail('bad-scheme', 'This is not an otpauth-migration://offline link.');
    }
    const query = queryStart === -1 ? '' : text.slice(queryStart + 1);
    const dataPart = query.split('&').find((part) => /^data=/i.test(part));
    if (dataPart === undefined || dataPart.length === 'data='.length) {
      return fail('missing-data', 'The link has no data.');
    }
    const decoded = percentDecodeKeepingPlus(dataPart.slice('data='.length));
    const base64 = decoded === null ? null : normalizeBase64(decoded);
    if (base64 === null) return fail('bad-encoding', 'The data is not valid base64.');
    if (base64.length > Math.ceil(MAX_MIGRATION_PAYLOAD_BYTES / 3) * 4) {
      return fail('too-long', `The export is larger than ${MAX_MIGRATION_PAYLOAD_BYTES} bytes.`);
    }
    const bytes = base64ToBytes(base64);
    if (bytes === null) return fail('bad-encoding', 'The data is not valid base64.');
    return decodeMigrationPayload(bytes);
  } catch {
    // why: a last guard so no input can break the caller; every known failure returns a reason above.
    return fail('bad-payload', 'The export could not be read.');
  }
}

/** Thrown by the encoders for an account the Google format cannot carry. */
export class MigrationEncodeError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
    this.name = 'MigrationEncodeError';
  }
}

/** Why `account` cannot be written in Google's format, or null if it can. */
export function migrationUnsupportedReason(account: OtpAccountData): string | null {
  if (account.kind === 'steam') return 'Steam accounts cannot be exported in Google Authenticator format.';
  if (account.digits !== 6 && account.digits !== 8) return 'Only 6- and 8-digit codes fit the Google format.';
  if (account.kind === 'totp' && account.period !== DEFAULT_PERIOD)
    return 'Only 30-second periods fit the Google format.';
  return null;
}

const ALGORITHM_CODES: Record<OtpAlgorithm, number> = { SHA1: 1, SHA256: 2, SHA512: 3 };

function encodeEntry(account: OtpAccountData): Uint8Array {
  const issuer = cleanLabel(account.issuer);
  const name = cleanLabel(account.account);
  const entry = new ProtobufWriter()
    .writeBytesField(1, base32ToBytes(account.secret))
    // why: a bare account name is what Google writes; one that starts like the issuer prefix gets that
    // prefix written in front, so decoding removes exactly that and gives the name back.
    .writeStringField(2, name.startsWith(`${issuer}:`) ? `${issuer}:${name}` : name)
    .writeStringField(3, issuer)
    .writeVarintField(4, ALGORITHM_CODES[account.algorithm])
    .writeVarintField(5, account.digits === 8 ? 2 : 1)
    .writeVarintField(6, account.kind === 'hotp' ? 1 : 2);
  if (account.kind === 'hotp') entry.writeVarintField(7, account.counter);
  return entry.finish();
}

/** A MigrationPayload holding `accounts`. Throws MigrationEncodeError for one the format cannot carry. */
export function encodeMigrationPayload(
  accounts: OtpAccountData[],
  batch: MigrationBatch = { size: 1, index: 0, id: 0 },
): Uint8Array {
  const payload = new ProtobufWriter();
  accounts.forEach((account, index) => {
    const problem = migrationUnsupportedReason(account);
    if (problem !== null) throw new MigrationEncodeError(index, problem);
    payload.writeBytesField(1, encodeEntry(account));
  });
  return payload
    .writeVarintField(2, 1)
    .writeVarintField(3, batch.size)
    .writeVarintField(4, batch.index)
    .writeVarintField(5, batch.id)
    .finish();
}

/** One `otpauth-migration://offline?data=...` URI (data percent-encoded, as Google writes it). */
export function encodeMigrationUri(accounts: OtpAccountData[], batch?: MigrationBatch): string {
  return `${SCHEME}offline?data=${encodeURIComponent(bytesToBase64(encodeMigrationPayload(accounts, batch)))}`;
}

/** The URIs for a multi-QR export: `perBatch` accounts each, all sharing `batchId`. */
export function encodeMigrationUris(
  accounts: OtpAccountData[],
  options: { batchId: number; perBatch?: number },
): string[] {
  const perBatch = Math.max(1, Math.floor(options.perBatch ?? 10));
  const size = Math.max(1, Math.ceil(accounts.length / perBatch));
  const uris: string[] = [];
  for (let index = 0; index < size; index++) {
    const slice = accounts.slice(index * perBatch, (index + 1) * perBatch);
    try {
      uris.push(encodeMigrationUri(slice, { size, index, id: options.batchId }));
    } catch (error) {
      if (error instanceof MigrationEncodeError) {
        throw new MigrationEncodeError(index * perBatch + error.index, error.message);
      }
      throw error;
    }
  }
  return uris;
}
