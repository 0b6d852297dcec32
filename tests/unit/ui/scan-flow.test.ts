import { describe, expect, it } from 'vitest';
import type { QrSource, ScanTabResult } from '../../../lib/messaging';
import { CAPTURE_RETRY_MS, scanTabForAccounts, screenshotPass } from '../../../lib/ui/scan-flow';
import type { SendFn } from '../../../lib/ui/api';
import { fakeScanKit } from '../components/harness';

const ALICE = 'otpauth://totp/Aliyun:alice?secret=JBSWY3DPEHPK3PXP&issuer=Aliyun';
const at = (x: number) => ({ x, y: 0, width: 100, height: 100 });
const TOP = 'https://account.aliyun.com';
const dom = (dataUrl: string, frameId = 0, x = 0, origin: string | null = TOP): QrSource => ({
  frameId,
  origin,
  dataUrl,
  rect: at(x),
  screenshot: false,
});
const shot = (dataUrl = 'data:image/png;base64,SHOT'): QrSource => ({
  frameId: 0,
  origin: TOP,
  dataUrl,
  rect: { x: 0, y: 0, width: 0, height: 0 },
  screenshot: true,
});
const result = (sources: QrSource[], cropRects: ScanTabResult['cropRects'] = []): ScanTabResult => ({
  sources,
  cropRects,
  devicePixelRatio: 1,
});

/** A background whose scanTab answers from a list, one answer per call; records the requests. */
function scanning(answers: ScanTabResult[]) {
  const requests: unknown[] = [];
  const send = (async (type: string, payload: unknown) => {
    requests.push(payload);
    if (type !== 'scanTab') throw new Error(`unexpected ${type}`);
    const answer = answers.shift();
    if (!answer) throw new Error('no more scans');
    return answer;
  }) as SendFn;
  return { send, requests };
}

describe('screenshotPass', () => {
  it('keeps the screenshot and new images, and turns already-decoded top-frame images into crop rectangles', () => {
    const first = result([dom('a', 0, 1), dom('b', 2, 2)]);
    const second = result([dom('a', 0, 5), dom('b', 2, 6), dom('new', 0, 7), shot()], [at(9)]);
    expect(screenshotPass(first, second)).toEqual({
      sources: [dom('new', 0, 7), shot()],
      cropRects: [at(9), at(5)],
      devicePixelRatio: 1,
    });
  });
});

describe('scanTabForAccounts', () => {
  it('stops after the DOM pass when it found an account (no screenshot)', async () => {
    const { send, requests } = scanning([result([dom('qr')])]);
    const phases: string[] = [];
    const found = await scanTabForAccounts(4, {
      send,
      kit: fakeScanKit({ qr: ALICE }),
      sleep: async () => {},
      onPhase: (phase) => phases.push(phase),
    });
    expect(found.accounts.map((a) => a.data.account)).toEqual(['alice']);
    expect(found.usedScreenshot).toBe(false);
    expect(requests).toEqual([{ tabId: 4, screenshot: false }]);
    expect(phases).toEqual(['page']);
  });

  it('falls back to a screenshot when the DOM gave no account, and keeps the DOM reasons', async () => {
    const { send, requests } = scanning([result([dom('link')]), result([dom('link'), shot('SHOT')])]);
    const found = await scanTabForAccounts(4, {
      send,
      kit: fakeScanKit({ link: 'https://example.com', SHOT: ALICE }),
      sleep: async () => {},
    });
    expect(requests).toEqual([
      { tabId: 4, screenshot: false },
      { tabId: 4, screenshot: true },
    ]);
    expect(found.accounts.map((a) => a.data.account)).toEqual(['alice']);
    expect(found.rejections.map((r) => r.key)).toEqual(['scanRejectLink']);
    expect(found.screenshot).toBe('SHOT');
  });

  it('waits out the capture quota once when the browser refused the screenshot', async () => {
    const { send, requests } = scanning([result([]), result([]), result([shot('SHOT')])]);
    const slept: number[] = [];
    const found = await scanTabForAccounts(4, {
      send,
      kit: fakeScanKit({ SHOT: ALICE }),
      sleep: async (ms) => void slept.push(ms),
    });
    expect(slept).toEqual([CAPTURE_RETRY_MS]);
    expect(requests).toHaveLength(3);
    expect(found.accounts).toHaveLength(1);
  });

  it('binds an account to the frame that showed its code, and a screenshot code to the top page', async () => {
    const frame = 'https://widget.example.net';
    const BOB = 'otpauth://totp/Aliyun:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Aliyun';
    const { send } = scanning([result([dom('framed', 2, 0, frame)])]);
    const fromFrame = await scanTabForAccounts(4, {
      send,
      kit: fakeScanKit({ framed: ALICE }),
      sleep: async () => {},
    });
    expect(fromFrame.accounts.map((a) => [a.data.account, a.origin])).toEqual([['alice', frame]]);

    const second = scanning([result([dom('x', 2, 0, frame)]), result([dom('x', 2, 0, frame), shot('SHOT')])]);
    const fromShot = await scanTabForAccounts(4, {
      send: second.send,
      kit: fakeScanKit({ SHOT: BOB }),
      sleep: async () => {},
    });
    expect(fromShot.accounts.map((a) => [a.data.account, a.origin])).toEqual([['bob', TOP]]);
  });

  it('reports nothing found without an account or a reason', async () => {
    const { send } = scanning([result([dom('x')]), result([dom('x'), shot()])]);
    const found = await scanTabForAccounts(4, { send, kit: fakeScanKit({}), sleep: async () => {} });
    expect(found).toMatchObject({ accounts: [], rejections: [], usedScreenshot: true });
  });
});

describe('keys the page shows as text', () => {
  const withKeys = (
    keys: NonNullable<ScanTabResult['textKeys']>,
    sources: QrSource[] = [],
  ): ScanTabResult => ({
    ...result(sources),
    textKeys: keys,
  });

  it('are offered when no QR code was found, with the issuer of the frame site and its origin, no screenshot', async () => {
    const { send, requests } = scanning([
      withKeys([
        { secret: 'JBSWY3DPEHPK3PXP', account: 'alice@example.com', origin: TOP },
        { secret: 'GEZDGNBVGY3TQOJQ', account: '', origin: 'https://widget.example.net' },
      ]),
    ]);
    const found = await scanTabForAccounts(4, { send, kit: fakeScanKit({}), sleep: async () => {} });
    expect(requests).toEqual([{ tabId: 4, screenshot: false }]);
    expect(
      found.accounts.map((a) => [a.data.issuer, a.data.account, a.data.secret, a.data.kind, a.origin]),
    ).toEqual([
      ['Aliyun', 'alice@example.com', 'JBSWY3DPEHPK3PXP', 'totp', TOP],
      ['widget.example.net', '', 'GEZDGNBVGY3TQOJQ', 'totp', 'https://widget.example.net'],
    ]);
  });

  it('are not offered when the page has a QR code', async () => {
    const { send } = scanning([
      withKeys([{ secret: 'GEZDGNBVGY3TQOJQ', account: 'bob', origin: TOP }], [dom('qr')]),
    ]);
    const found = await scanTabForAccounts(4, {
      send,
      kit: fakeScanKit({ qr: ALICE }),
      sleep: async () => {},
    });
    expect(found.accounts.map((a) => a.data.secret)).toEqual(['JBSWY3DPEHPK3PXP']);
  });
});
