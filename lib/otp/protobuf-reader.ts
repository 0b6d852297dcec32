/**
 * The small part of the protobuf wire format that Google Authenticator's export uses: varints and
 * length-delimited fields, plus skipping fixed32/fixed64. Hand-rolled because a schema library would be a
 * large dependency for two messages; every read is bounds-checked and throws ProtobufError, never reads
 * past the end, and never allocates more than the input holds.
 */

export class ProtobufError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufError';
  }
}

export const WireType = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

const FIXED_WIDTH_BYTES = { [WireType.fixed64]: 8, [WireType.fixed32]: 4 } as const;

/** Largest field number protobuf allows (2^29 − 1). */
const MAX_FIELD_NUMBER = 0x1fffffff;

export interface FieldTag {
  field: number;
  wireType: WireType;
}

export class ProtobufReader {
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  /** An unsigned varint of up to 10 bytes (64 bits), as a bigint so nothing is rounded. */
  readVarint(): bigint {
    let result = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.offset >= this.bytes.length) throw new ProtobufError('Truncated varint.');
      const byte = this.bytes[this.offset++] ?? 0;
      result |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    throw new ProtobufError('Varint longer than 10 bytes.');
  }

  readTag(): FieldTag {
    const tag = this.readVarint();
    const field = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    if (field < 1 || field > MAX_FIELD_NUMBER) throw new ProtobufError(`Invalid field number ${field}.`);
    if (wireType !== 0 && wireType !== 1 && wireType !== 2 && wireType !== 5) {
      throw new ProtobufError(`Unsupported wire type ${wireType}.`);
    }
    return { field, wireType };
  }

  /** The bytes of a length-delimited field (a view, not a copy). */
  readLengthDelimited(): Uint8Array {
    const length = this.readVarint();
    if (length > BigInt(this.bytes.length - this.offset))
      throw new ProtobufError('Truncated length-delimited field.');
    const start = this.offset;
    this.offset += Number(length);
    return this.bytes.subarray(start, this.offset);
  }

  private advance(count: number): void {
    if (this.bytes.length - this.offset < count) throw new ProtobufError('Truncated fixed-width field.');
    this.offset += count;
  }

  /** Skips the value of a field this reader does not know. */
  skip(wireType: WireType): void {
    if (wireType === WireType.varint) this.readVarint();
    else if (wireType === WireType.lengthDelimited) this.readLengthDelimited();
    else this.advance(FIXED_WIDTH_BYTES[wireType]);
  }
}

/** The matching writer, for building exports (and test payloads). */
export class ProtobufWriter {
  private readonly chunks: number[] = [];

  /** Negative numbers are written as 64-bit two's complement (10 bytes), as protobuf does for int32/int64. */
  writeVarint(value: number | bigint): this {
    if (typeof value === 'number' && !Number.isSafeInteger(value))
      throw new RangeError(`Not an integer: ${value}`);
    let rest = BigInt.asUintN(64, BigInt(value));
    while (rest >= 0x80n) {
      this.chunks.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.chunks.push(Number(rest));
    return this;
  }

  writeTag(field: number, wireType: WireType): this {
    return this.writeVarint(BigInt(field) * 8n + BigInt(wireType));
  }

  writeVarintField(field: number, value: number | bigint): this {
    return this.writeTag(field, WireType.varint).writeVarint(value);
  }

  writeBytesField(field: number, bytes: Uint8Array): this {
    this.writeTag(field, WireType.lengthDelimited).writeVarint(bytes.length);
    for (const byte of bytes) this.chunks.push(byte);
    return this;
  }

  writeStringField(field: number, text: string): this {
    return this.writeBytesField(field, new TextEncoder().encode(text));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}
