// A QR code as a PNG, with no dependency beyond uqr: for the demo page and the e2e fixture generator.
import { deflateSync } from 'node:zlib';
import { encode } from 'uqr';

/**
 * A QR code (error correction M) as an RGBA PNG, `side` px square. Each pixel takes the colour of the module
 * under it, so modules are whole pixels (some one pixel wider than others when `side` does not divide evenly).
 */
export function qrPngBytes(text, { side, margin = 4, inverted = false }) {
  const { size, data } = encode(text, { ecc: 'M', border: margin });
  const scale = side / size;
  const raw = Buffer.alloc((side * 4 + 1) * side);
  for (let y = 0; y < side; y++) {
    const row = data[Math.floor(y / scale)];
    for (let x = 0; x < side; x++) {
      const dark = row[Math.floor(x / scale)] !== inverted;
      raw.fill(dark ? 0 : 255, y * (side * 4 + 1) + 1 + x * 4, y * (side * 4 + 1) + 1 + x * 4 + 3);
      raw[y * (side * 4 + 1) + 1 + x * 4 + 3] = 255;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function pngChunk(type, body) {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
  let crc = 0xffffffff;
  for (const byte of typed) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  const out = Buffer.alloc(typed.length + 8);
  out.writeUInt32BE(body.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, typed.length + 4);
  return out;
}

/** The same as a data URL for an <img>. */
export function qrPngDataUrl(text, options) {
  return `data:image/png;base64,${qrPngBytes(text, options).toString('base64')}`;
}
