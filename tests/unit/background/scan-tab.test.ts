// scanTab tags every image with the origin of the frame that gave it, as the browser reports the frame
// (frameOrigins), never as the frame's own answer says; the screenshot carries the top frame's origin.
import { describe, expect, it } from 'vitest';
import { scanTabHandler } from '../../../lib/background/handlers/scan-tab';
import { fakeDeps } from './fakes';

const TOP = 'https://shop.example.com';
const WIDGET = 'https://widget.example.net';
const rect = { x: 1, y: 2, width: 100, height: 100 };
const png = (tag: string) => `data:image/png;base64,${tag}`;

async function scanWith(answers: Record<number, unknown>, screenshot = false) {
  const env = fakeDeps();
  await env.session.save(new Uint8Array(32).fill(7), env.clock.now + 60_000);
  env.frames.list = [
    { frameId: 0, origin: TOP, documentId: 'doc-top' },
    { frameId: 4, origin: WIDGET, documentId: 'doc-widget' },
    { frameId: 6, origin: null },
  ];
  env.frames.answer = (frameId) => answers[frameId];
  const result = await scanTabHandler(env.deps).handle({ tabId: 9, screenshot }, {} as never);
  return { result, sent: env.frames.sent };
}

describe('scanTab', () => {
  it('tags each image with the origin the browser reports for its frame, not what the frame claims', async () => {
    const { result, sent } = await scanWith({
      0: { sources: [{ dataUrl: png('TOP'), rect }], cropRects: [], devicePixelRatio: 2 },
      // A frame cannot choose its origin: an `origin` in its answer is ignored.
      4: { sources: [{ dataUrl: png('FRAME'), rect, origin: TOP }], cropRects: [rect] },
      6: { sources: [{ dataUrl: png('SANDBOX'), rect }] },
    });
    expect(result.sources.map((s) => [s.dataUrl, s.frameId, s.origin])).toEqual([
      [png('TOP'), 0, TOP],
      [png('FRAME'), 4, WIDGET],
      [png('SANDBOX'), 6, null],
    ]);
    // Only the top frame's crop rectangles are in screenshot coordinates.
    expect(result.cropRects).toEqual([]);
    expect(result.devicePixelRatio).toBe(2);
    // Each frame was asked through the document whose origin was read.
    expect(sent.map((m) => [m.frameId, m.documentId])).toEqual([
      [0, 'doc-top'],
      [4, 'doc-widget'],
      [6, undefined],
    ]);
  });

  it('gives the screenshot the top frame origin', async () => {
    const { result } = await scanWith({ 0: { sources: [] }, 4: { sources: [] } }, true);
    expect(result.sources).toEqual([expect.objectContaining({ screenshot: true, frameId: 0, origin: TOP })]);
  });

  it('tags each text key with its frame origin as the browser reports it, and drops malformed ones', async () => {
    const { result } = await scanWith({
      0: { sources: [], textKeys: [{ secret: 'JBSWY3DPEHPK3PXP', account: 'alice', origin: WIDGET }] },
      4: {
        sources: [],
        textKeys: [
          { secret: 'GEZDGNBVGY3TQOJQ', account: '' },
          { secret: 'not base32!', account: '' },
          { secret: 'GEZDGNBVGY3TQOJQGEZD', account: 'x'.repeat(500) },
          'JBSWY3DPEHPK3PXP',
        ],
      },
    });
    expect(result.textKeys).toEqual([
      { secret: 'JBSWY3DPEHPK3PXP', account: 'alice', origin: TOP },
      { secret: 'GEZDGNBVGY3TQOJQ', account: '', origin: WIDGET },
    ]);
  });
});
