// why: pngjs (a dependency of qrcode) ships no types; the tests only decode PNGs synchronously.
declare module 'pngjs' {
  export const PNG: {
    sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } };
  };
}
