/**
 * Which frame reports a QR element: the background tags each frame's answer with the origin the browser
 * reports for that frame, so an element must be reported by a frame of its own origin, never by a parent
 * that reaches it through `document.domain`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../lib/qr/candidates', () => ({
  findQrCandidates: vi.fn(),
}));
vi.mock('../../../lib/qr/candidate-image', () => ({
  readCandidateImage: vi.fn(async (candidate: { id: string }) => ({
    kind: 'data-url',
    dataUrl: `data:image/png;base64,${candidate.id}`,
  })),
}));

const { findQrCandidates } = await import('../../../lib/qr/candidates');
const { collectQrSources } = await import('../../../lib/content/qr-sources');

const PARENT = 'https://example.com';
const CHILD = 'https://login.example.com';
const rect = { x: 0, y: 0, width: 100, height: 100 };

function windowAt(origin: string, extra: Record<string, unknown> = {}) {
  return { origin, devicePixelRatio: 1, frameElement: null, ...extra } as unknown as Window;
}
function candidate(id: string, view: Window) {
  return { id, rect, kind: 'svg', frameDepth: 0, element: { ownerDocument: { defaultView: view } } };
}

afterEach(() => vi.mocked(findQrCandidates).mockReset());

describe('collectQrSources', () => {
  it('reports only elements of its own origin (a document.domain child is left to answer for itself)', async () => {
    const parent = windowAt(PARENT);
    const child = windowAt(CHILD);
    vi.mocked(findQrCandidates).mockReturnValue([
      candidate('own', parent),
      candidate('child', child),
    ] as never);
    const answer = await collectQrSources({} as Document, parent);
    expect(answer.sources.map((s) => s.dataUrl)).toEqual(['data:image/png;base64,own']);
  });

  it('a frame its parent can reach answers only when its origin differs from the parent', async () => {
    const parent = windowAt(PARENT);
    const sameOrigin = windowAt(PARENT, { frameElement: {}, parent });
    vi.mocked(findQrCandidates).mockReturnValue([candidate('same', sameOrigin)] as never);
    expect((await collectQrSources({} as Document, sameOrigin)).sources).toEqual([]);

    const relaxed = windowAt(CHILD, { frameElement: {}, parent });
    vi.mocked(findQrCandidates).mockReturnValue([candidate('relaxed', relaxed)] as never);
    expect((await collectQrSources({} as Document, relaxed)).sources.map((s) => s.dataUrl)).toEqual([
      'data:image/png;base64,relaxed',
    ]);
  });
});
