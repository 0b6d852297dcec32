import { describe, expect, it } from 'vitest';
import { ProtobufError, ProtobufReader, ProtobufWriter, WireType } from '../../../lib/otp/protobuf-reader';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('varints', () => {
  it.each([
    [0, [0x00]],
    [1, [0x01]],
    [127, [0x7f]],
    [128, [0x80, 0x01]],
    [300, [0xac, 0x02]],
    [2 ** 32, [0x80, 0x80, 0x80, 0x80, 0x10]],
    [-1, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
  ])('%d is written as %j and read back', (value, encoded) => {
    expect(new ProtobufWriter().writeVarint(value).finish()).toEqual(Uint8Array.from(encoded));
    expect(new ProtobufReader(Uint8Array.from(encoded)).readVarint()).toBe(BigInt.asUintN(64, BigInt(value)));
  });

  it('reads 64-bit values exactly', () => {
    const max = 2n ** 64n - 1n;
    expect(new ProtobufReader(new ProtobufWriter().writeVarint(max).finish()).readVarint()).toBe(max);
    const safe = BigInt(Number.MAX_SAFE_INTEGER);
    expect(new ProtobufReader(new ProtobufWriter().writeVarint(safe).finish()).readVarint()).toBe(safe);
  });

  it('refuses truncated and over-long varints', () => {
    expect(() => new ProtobufReader(bytes(0x80)).readVarint()).toThrow(ProtobufError);
    expect(() => new ProtobufReader(bytes()).readVarint()).toThrow(ProtobufError);
    expect(() => new ProtobufReader(new Uint8Array(11).fill(0x80)).readVarint()).toThrow(ProtobufError);
  });

  it('refuses non-integer numbers when writing', () => {
    expect(() => new ProtobufWriter().writeVarint(1.5)).toThrow(RangeError);
    expect(() => new ProtobufWriter().writeVarint(2 ** 60)).toThrow(RangeError);
  });
});

describe('ProtobufReader fields', () => {
  it('reads tags and length-delimited values', () => {
    const reader = new ProtobufReader(bytes(0x12, 0x03, 0x61, 0x62, 0x63, 0x18, 0x05));
    expect(reader.readTag()).toEqual({ field: 2, wireType: WireType.lengthDelimited });
    expect(new TextDecoder().decode(reader.readLengthDelimited())).toBe('abc');
    expect(reader.readTag()).toEqual({ field: 3, wireType: WireType.varint });
    expect(reader.readVarint()).toBe(5n);
    expect(reader.done).toBe(true);
  });

  it('skips fixed32, fixed64, varint and length-delimited fields', () => {
    const reader = new ProtobufReader(
      bytes(0x0d, 1, 2, 3, 4, 0x09, 1, 2, 3, 4, 5, 6, 7, 8, 0x08, 0x96, 0x01, 0x12, 0x01, 0x00, 0x18, 0x07),
    );
    for (let i = 0; i < 4; i++) reader.skip(reader.readTag().wireType);
    expect(reader.readTag().field).toBe(3);
    expect(reader.readVarint()).toBe(7n);
  });

  it('refuses lengths past the end, truncated fixed fields, groups and field 0', () => {
    expect(() => new ProtobufReader(bytes(0x05, 0x61)).readLengthDelimited()).toThrow(ProtobufError);
    // A 10-byte length claiming 2^63 bytes must not be believed (or allocated).
    const huge = new ProtobufWriter().writeVarint(2n ** 63n).finish();
    expect(() => new ProtobufReader(huge).readLengthDelimited()).toThrow(ProtobufError);
    expect(() => new ProtobufReader(bytes(1, 2)).skip(WireType.fixed32)).toThrow(ProtobufError);
    expect(() => new ProtobufReader(bytes(1, 2, 3, 4, 5, 6, 7)).skip(WireType.fixed64)).toThrow(
      ProtobufError,
    );
    expect(() => new ProtobufReader(bytes(0x0b)).readTag()).toThrow(ProtobufError); // start group
    expect(() => new ProtobufReader(bytes(0x0c)).readTag()).toThrow(ProtobufError); // end group
    expect(() => new ProtobufReader(bytes(0x00)).readTag()).toThrow(ProtobufError); // field 0
  });
});

describe('ProtobufWriter', () => {
  it('writes fields a reader reads back', () => {
    const written = new ProtobufWriter()
      .writeBytesField(1, bytes(0xde, 0xad))
      .writeStringField(2, '阿里云')
      .writeVarintField(7, 300)
      .finish();
    const reader = new ProtobufReader(written);
    expect(reader.readTag()).toEqual({ field: 1, wireType: WireType.lengthDelimited });
    expect(reader.readLengthDelimited()).toEqual(bytes(0xde, 0xad));
    expect(reader.readTag()).toEqual({ field: 2, wireType: WireType.lengthDelimited });
    expect(new TextDecoder().decode(reader.readLengthDelimited())).toBe('阿里云');
    expect(reader.readTag()).toEqual({ field: 7, wireType: WireType.varint });
    expect(reader.readVarint()).toBe(300n);
    expect(reader.done).toBe(true);
  });
});
