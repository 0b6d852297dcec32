import { encode } from 'uqr';

/**
 * A QR code of `text` as an SVG data URL for an `<img>`. why: SVG needs no canvas (it renders the same in
 * both browsers and in unit tests), scales sharply on any screen, and an `<img>` keeps it out of the DOM.
 * Error correction M and a 4-module quiet zone are what phone scanners read best.
 */
export async function qrImageDataUrl(text: string): Promise<string> {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg(text))}`;
}

/** One white square and one path of horizontal dark runs ("M x y.5 h n"), each one module high. */
export function qrSvg(text: string): string {
  const { size, data } = encode(text, { ecc: 'M', border: 4 });
  const runs: string[] = [];
  data.forEach((row, y) => {
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      const start = x;
      while (x < size && row[x]) x++;
      runs.push(`M${start} ${y + 0.5}h${x - start}`);
    }
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<path fill="#ffffff" d="M0 0h${size}v${size}H0z"/>` +
    `<path stroke="#000000" d="${runs.join('')}"/></svg>`
  );
}
