/**
 * Plain RGBA pixel buffers and the transforms the decoder tries. Structurally compatible with `ImageData`,
 * so a real ImageData can be passed in, and usable in Node tests and any extension context.
 */

export interface RgbaImage {
  /** RGBA, 4 bytes per pixel, row-major, length = width × height × 4. */
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export function createRgbaImage(width: number, height: number, fill = 255): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  data.fill(fill);
  return { data, width, height };
}

/** Writes an opaque grey pixel at byte offset `to`. */
function putGrey(data: Uint8ClampedArray, to: number, value: number): void {
  data[to] = value;
  data[to + 1] = value;
  data[to + 2] = value;
  data[to + 3] = 255;
}

function luminance(data: Uint8ClampedArray, offset: number): number {
  // why: transparent pixels render over a white page, so blend alpha towards white.
  const alpha = (data[offset + 3] ?? 255) / 255;
  const r = (data[offset] ?? 0) * alpha + 255 * (1 - alpha);
  const g = (data[offset + 1] ?? 0) * alpha + 255 * (1 - alpha);
  const b = (data[offset + 2] ?? 0) * alpha + 255 * (1 - alpha);
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

/** Swaps dark and light, so light-on-dark codes look like ordinary dark-on-light ones. */
export function invertImage(image: RgbaImage): RgbaImage {
  const out = new Uint8ClampedArray(image.data.length);
  for (let i = 0; i < out.length; i += 4) putGrey(out, i, 255 - luminance(image.data, i));
  return { data: out, width: image.width, height: image.height };
}

/** Adds a border of one grey level around the image: a synthetic quiet zone for codes cropped too tight. */
export function padImage(image: RgbaImage, border: number, level = 255): RgbaImage {
  const width = image.width + 2 * border;
  const height = image.height + 2 * border;
  const out = createRgbaImage(width, height, level);
  for (let i = 3; i < out.data.length; i += 4) out.data[i] = 255;
  for (let y = 0; y < image.height; y++) {
    const from = y * image.width * 4;
    out.data.set(image.data.subarray(from, from + image.width * 4), ((y + border) * width + border) * 4);
  }
  return out;
}

/** Nearest-neighbour upscaling by an integer factor: keeps module edges sharp for tiny codes. */
export function upscaleNearest(image: RgbaImage, factor: number): RgbaImage {
  const width = image.width * factor;
  const height = image.height * factor;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sourceRow = Math.floor(y / factor) * image.width;
    for (let x = 0; x < width; x++) {
      const from = (sourceRow + Math.floor(x / factor)) * 4;
      const to = (y * width + x) * 4;
      out[to] = image.data[from] ?? 0;
      out[to + 1] = image.data[from + 1] ?? 0;
      out[to + 2] = image.data[from + 2] ?? 0;
      out[to + 3] = image.data[from + 3] ?? 255;
    }
  }
  return { data: out, width, height };
}

/** Bilinear upscaling by an integer factor: recovers module edges of codes drawn at under 2 px per module. */
export function upscaleBilinear(image: RgbaImage, factor: number): RgbaImage {
  const width = image.width * factor;
  const height = image.height * factor;
  const out = new Uint8ClampedArray(width * height * 4);
  const grey = (x: number, y: number): number => {
    const cx = Math.min(image.width - 1, Math.max(0, x));
    const cy = Math.min(image.height - 1, Math.max(0, y));
    return luminance(image.data, (cy * image.width + cx) * 4);
  };
  for (let y = 0; y < height; y++) {
    const sy = (y + 0.5) / factor - 0.5;
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = (x + 0.5) / factor - 0.5;
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      const top = grey(x0, y0) * (1 - fx) + grey(x0 + 1, y0) * fx;
      const bottom = grey(x0, y0 + 1) * (1 - fx) + grey(x0 + 1, y0 + 1) * fx;
      putGrey(out, (y * width + x) * 4, top * (1 - fy) + bottom * fy);
    }
  }
  return { data: out, width, height };
}

/** Box-filter downscaling so the longer side is at most `maxSide` pixels. */
export function downscaleToFit(image: RgbaImage, maxSide: number): RgbaImage {
  const longer = Math.max(image.width, image.height);
  if (longer <= maxSide) return image;
  const scale = longer / maxSide;
  const width = Math.max(1, Math.round(image.width / scale));
  const height = Math.max(1, Math.round(image.height / scale));
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * scale);
    const y1 = Math.min(image.height, Math.max(y0 + 1, Math.floor((y + 1) * scale)));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * scale);
      const x1 = Math.min(image.width, Math.max(x0 + 1, Math.floor((x + 1) * scale)));
      let sum = 0;
      for (let sy = y0; sy < y1; sy++)
        for (let sx = x0; sx < x1; sx++) sum += luminance(image.data, (sy * image.width + sx) * 4);
      putGrey(out, (y * width + x) * 4, sum / ((y1 - y0) * (x1 - x0)));
    }
  }
  return { data: out, width, height };
}

/** Grey levels → pure black/white at Otsu's threshold: helps low-contrast and anti-aliased codes. */
export function thresholdImage(image: RgbaImage): RgbaImage {
  const pixels = image.width * image.height;
  const grey = new Uint8Array(pixels);
  const histogram = new Array<number>(256).fill(0);
  for (let p = 0; p < pixels; p++) {
    const value = Math.round(luminance(image.data, p * 4));
    grey[p] = value;
    histogram[value] = (histogram[value] ?? 0) + 1;
  }
  let total = 0;
  for (let v = 0; v < 256; v++) total += v * (histogram[v] ?? 0);
  let backgroundCount = 0;
  let backgroundSum = 0;
  let bestVariance = -1;
  let threshold = 128;
  for (let v = 0; v < 256; v++) {
    backgroundCount += histogram[v] ?? 0;
    if (backgroundCount === 0) continue;
    const foregroundCount = pixels - backgroundCount;
    if (foregroundCount === 0) break;
    backgroundSum += v * (histogram[v] ?? 0);
    const meanBackground = backgroundSum / backgroundCount;
    const meanForeground = (total - backgroundSum) / foregroundCount;
    const variance = backgroundCount * foregroundCount * (meanBackground - meanForeground) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      threshold = v;
    }
  }
  const out = new Uint8ClampedArray(pixels * 4);
  for (let p = 0; p < pixels; p++) putGrey(out, p * 4, (grey[p] ?? 0) > threshold ? 255 : 0);
  return { data: out, width: image.width, height: image.height };
}
