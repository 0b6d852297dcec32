import QRCode from 'qrcode';

/**
 * A QR code of `text` as an SVG data URL for an `<img>`. why: SVG needs no canvas (it renders the same in
 * both browsers and in unit tests), scales sharply on any screen, and an `<img>` keeps it out of the DOM.
 * Error correction M and a 4-module quiet zone are what phone scanners read best.
 */
export async function qrImageDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
