// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import {
  MessageError,
  type AddAccountRequest,
  type FillTabRequest,
  type NewAccount,
  type QrSource,
  type ScanTabResult,
  type UiIntent,
} from '../../../lib/messaging';
import {
  account,
  click,
  fakeScanKit,
  fakeServices,
  mountApp,
  NOW,
  typeInto,
  waitFor,
  type FakeHandlers,
  type Mounted,
} from './harness';
import { initialAllowedSites } from '../../../lib/sites/binding';
import { SUFFIXES } from '../sites/suffixes';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

const ALICE = 'otpauth://totp/Aliyun:alice?secret=JBSWY3DPEHPK3PXP&issuer=Aliyun';
const BOB = 'otpauth://totp/Aliyun:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Aliyun&digits=8&period=60';
const ORIGIN = 'https://account.console.aliyun.com';

const image = (dataUrl: string, x = 0, origin: string | null = ORIGIN): QrSource => ({
  frameId: origin === ORIGIN ? 0 : 3,
  origin,
  dataUrl,
  rect: { x, y: 0, width: 120, height: 120 },
  screenshot: false,
});
const screenshot: QrSource = {
  frameId: 0,
  origin: ORIGIN,
  dataUrl: 'data:image/png;base64,SHOT',
  rect: { x: 0, y: 0, width: 0, height: 0 },
  screenshot: true,
};

interface PageOptions {
  /** Images the content scripts find, by data URL → QR text ('' = not a QR code). */
  dom: Record<string, string>;
  /** QR text visible only in the screenshot, if any. */
  screenshotText?: string;
  /** Origin of the frame that shows an image, by data URL (default: the page's own origin). */
  frames?: Record<string, string | null>;
  addAccount?: FakeHandlers['addAccount'];
  fillTab?: FakeHandlers['fillTab'];
  intents?: (UiIntent | null)[];
  /** Keys the content scripts find shown as text. */
  textKeys?: ScanTabResult['textKeys'];
}

/** An unlocked popup over a page on account.console.aliyun.com (tab 7). */
function page(options: PageOptions) {
  const added: NewAccount[] = [];
  const fills: FillTabRequest[] = [];
  const intents = [...(options.intents ?? [])];
  const qrTexts: Record<string, string> = { ...options.dom };
  if (options.screenshotText) qrTexts[screenshot.dataUrl] = options.screenshotText;
  const handlers: FakeHandlers = {
    getVaultState: () => ({ state: 'unlocked', lockAt: NOW + 60_000 }),
    listAccounts: () => ({ accounts: [], broken: [] }),
    getSettings: () => ({ autoLockMinutes: 15, clearClipboard: false }),
    takeIntent: () => ({ intent: intents.shift() ?? null }),
    tabSite: () => ({ origin: ORIGIN, suggestedSites: ['aliyun.com'] }),
    scanTab: ({ screenshot: withShot }) => ({
      sources: [
        ...Object.keys(options.dom).map((url, i) =>
          image(
            url,
            i * 200,
            options.frames && url in options.frames ? (options.frames[url] ?? null) : ORIGIN,
          ),
        ),
        ...(withShot ? [screenshot] : []),
      ],
      cropRects: [],
      devicePixelRatio: 1,
      textKeys: options.textKeys,
    }),
    addAccount:
      options.addAccount ??
      ((request) => {
        added.push(request);
        return { id: `new-${added.length}` };
      }),
    fillTab:
      options.fillTab ??
      ((request) => {
        fills.push(request);
        return { filledFrames: 1, usedNext: false };
      }),
  };
  const fake = fakeServices(handlers, { loadScanKit: async () => fakeScanKit(qrTexts) });
  mounted = mountApp(fake.services);
  return { ...fake, added, fills };
}

async function startScan() {
  await waitFor(() => mounted?.byTestId('account-list'));
  await click(mounted?.byTestId('scan-open') ?? null);
}

const scanRequests = (calls: { type: string; payload: unknown }[]) =>
  calls.filter((call) => call.type === 'scanTab').map((call) => call.payload);

describe('scan QR on this page', () => {
  it('scans, confirms, adds with the bound sites, then fills two codes with the new account', async () => {
    const { calls, added, fills } = page({ dom: { 'data:image/png;base64,QR': ALICE } });
    await startScan();
    const card = await waitFor(() => mounted?.byTestId<HTMLElement>('scan-account'));
    expect(card.dataset.issuer).toBe('Aliyun');
    expect(card.dataset.account).toBe('alice');
    expect(mounted?.byTestId<HTMLInputElement>('scan-issuer')?.value).toBe('Aliyun');
    expect(mounted?.byTestId<HTMLInputElement>('scan-account-name')?.value).toBe('alice');
    expect(mounted?.byTestId<HTMLTextAreaElement>('scan-sites')?.value).toBe('aliyun.com\nalibabacloud.com');
    expect(mounted?.byTestId('scan-details')?.textContent).toBe('previewTotpDetails');
    expect(mounted?.byTestId('scan-include')).toBeNull();
    expect(mounted?.container.textContent).not.toContain('JBSWY3DPEHPK3PXP');
    expect(added).toHaveLength(0);
    // The DOM image was enough: no screenshot was taken.
    expect(scanRequests(calls)).toEqual([{ tabId: 7, screenshot: false }]);

    await typeInto(mounted?.byTestId('scan-account-name') ?? null, 'alice@corp');
    await click(mounted?.byTestId('scan-add') ?? null);
    const done = await waitFor(() => mounted?.byTestId<HTMLElement>('scan-done'));
    expect(added).toEqual([
      {
        data: expect.objectContaining({
          issuer: 'Aliyun',
          account: 'alice@corp',
          secret: 'JBSWY3DPEHPK3PXP',
        }),
        allowedSites: ['aliyun.com', 'alibabacloud.com'],
        enrolledOrigin: ORIGIN,
        onNameClash: 'ask',
      },
    ]);
    expect(fills).toEqual([{ tabId: 7, accountId: 'new-1', twoCodes: true }]);
    expect(done.dataset.filled).toBe('true');
    expect(mounted?.byTestId('scan-done-message')?.textContent).toBe('scanDoneFilled');
    expect(mounted?.byTestId('scan-backup-hint')).not.toBeNull();
  });

  it('offers a key the page shows as text like a QR code: issuer of the site, account from its label, bound and filled', async () => {
    const { calls, added, fills } = page({
      dom: {},
      textKeys: [{ secret: 'JBSWY3DPEHPK3PXP', account: 'alice@example.com', origin: ORIGIN }],
    });
    await startScan();
    const card = await waitFor(() => mounted?.byTestId<HTMLElement>('scan-account'));
    expect(card.dataset.issuer).toBe('Aliyun');
    expect(card.dataset.account).toBe('alice@example.com');
    expect(mounted?.byTestId<HTMLTextAreaElement>('scan-sites')?.value).toBe('aliyun.com\nalibabacloud.com');
    // A key found as text needs no screenshot.
    expect(scanRequests(calls)).toEqual([{ tabId: 7, screenshot: false }]);
    await click(mounted?.byTestId('scan-add') ?? null);
    await waitFor(() => mounted?.byTestId<HTMLElement>('scan-done'));
    expect(added).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          issuer: 'Aliyun',
          account: 'alice@example.com',
          secret: 'JBSWY3DPEHPK3PXP',
        }),
        enrolledOrigin: ORIGIN,
      }),
    ]);
    expect(fills).toEqual([{ tabId: 7, accountId: 'new-1', twoCodes: true }]);
  });

  it('shows a spinner and status while scanning', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { services } = fakeServices({
      getVaultState: () => ({ state: 'unlocked', lockAt: NOW + 60_000 }),
      listAccounts: () => ({ accounts: [], broken: [] }),
      getSettings: () => ({ autoLockMinutes: 15, clearClipboard: false }),
      tabSite: () => ({ origin: null, suggestedSites: [] }),
      scanTab: async () => {
        await gate;
        return { sources: [], cropRects: [], devicePixelRatio: 1 };
      },
    });
    mounted = mountApp(services);
    await startScan();
    const status = await waitFor(() => mounted?.byTestId<HTMLElement>('scan-status'));
    expect(status.dataset.phase).toBe('page');
    expect(mounted.container.querySelector('.spinner')).not.toBeNull();
    release();
    await waitFor(() => mounted?.byTestId('scan-empty'));
  });

  it('falls back to the screenshot when the page images hold no key', async () => {
    const { calls } = page({ dom: { 'data:image/png;base64,LOGO': '' }, screenshotText: ALICE });
    await startScan();
    await waitFor(() => mounted?.byTestId('scan-confirm'));
    expect(scanRequests(calls)).toEqual([
      { tabId: 7, screenshot: false },
      { tabId: 7, screenshot: true },
    ]);
  });

  it('refuses a QR code that holds a web link: the reason, and nothing added', async () => {
    const { calls } = page({ dom: { 'data:image/png;base64,URL': 'https://example.com/download' } });
    await startScan();
    const error = await waitFor(() => mounted?.byTestId('scan-error'));
    expect(error.textContent).toContain('scanRejectLink');
    expect(error.textContent).toContain('scanNothingAdded');
    expect(mounted?.byTestId('scan-confirm')).toBeNull();
    expect(calls.some((call) => call.type === 'addAccount')).toBe(false);
  });

  it('reports a duplicate in the background words and fills nothing', async () => {
    const { fills } = page({
      dom: { 'data:image/png;base64,QR': ALICE },
      addAccount: () => {
        throw new MessageError(
          'duplicate',
          'This account is already in the vault (Aliyun · alice). Nothing was added.',
        );
      },
    });
    await startScan();
    await waitFor(() => mounted?.byTestId('scan-add'));
    await click(mounted?.byTestId('scan-add') ?? null);
    await waitFor(() => mounted?.byTestId<HTMLElement>('scan-done'));
    expect(mounted?.byTestId('scan-duplicate')?.textContent).toBe(
      'This account is already in the vault (Aliyun · alice). Nothing was added.',
    );
    expect(mounted?.byTestId('scan-done-message')?.textContent).toBe('scanNothingAdded');
    expect(fills).toEqual([]);
  });

  it('keeps the screen and says why when the background refuses the sites', async () => {
    page({
      dom: { 'data:image/png;base64,QR': ALICE },
      addAccount: () => {
        throw new MessageError('invalid-sites', '"com" is not a site: public-suffix.');
      },
    });
    await startScan();
    await waitFor(() => mounted?.byTestId('scan-add'));
    await click(mounted?.byTestId('scan-add') ?? null);
    const error = await waitFor(() => mounted?.byTestId('scan-account-error'));
    expect(error.textContent).toContain('public-suffix');
    expect(mounted?.byTestId<HTMLElement>('scan-done')).toBeNull();
    expect(mounted?.byTestId<HTMLButtonElement>('scan-add')?.disabled).toBe(false);
  });

  it('says when the page had no code field', async () => {
    page({
      dom: { 'data:image/png;base64,QR': ALICE },
      fillTab: () => {
        throw new MessageError('no-field', 'No MFA code field was found on this page.');
      },
    });
    await startScan();
    await waitFor(() => mounted?.byTestId('scan-add'));
    await click(mounted?.byTestId('scan-add') ?? null);
    const done = await waitFor(() => mounted?.byTestId<HTMLElement>('scan-done'));
    expect(done.dataset.filled).toBe('false');
    expect(mounted?.byTestId('scan-done-message')?.textContent).toBe('scanDoneNoField');
  });

  it('offers every account found, each with a checkbox, and adds only the checked ones', async () => {
    const { added, fills } = page({
      dom: { 'data:image/png;base64,A': ALICE, 'data:image/png;base64,B': BOB },
    });
    await startScan();
    await waitFor(() => mounted?.byTestId('scan-confirm'));
    const cards = mounted?.allByTestId('scan-account') ?? [];
    expect(cards.map((card) => card.dataset.account)).toEqual(['alice', 'bob']);
    const bobDetails = cards[1]?.querySelector('[data-testid="scan-details"]');
    expect(bobDetails?.textContent).toBe('previewTotpDetails');
    const boxes = mounted?.allByTestId<HTMLInputElement>('scan-include') ?? [];
    expect(boxes).toHaveLength(2);
    await click(boxes[0] ?? null);
    await click(mounted?.byTestId('scan-add') ?? null);
    await waitFor(() => mounted?.byTestId<HTMLElement>('scan-done'));
    expect(added.map((request) => request.data.account)).toEqual(['bob']);
    expect(added[0]?.data).toMatchObject({ digits: 8, period: 60 });
    expect(fills).toEqual([{ tabId: 7, accountId: 'new-1', twoCodes: true }]);
  });

  it('follows an edited issuer with its profile sites until the sites are edited', async () => {
    const { added } = page({ dom: { 'data:image/png;base64,QR': ALICE } });
    await startScan();
    await waitFor(() => mounted?.byTestId('scan-confirm'));
    await typeInto(mounted?.byTestId('scan-issuer') ?? null, 'GitHub');
    const sites = mounted?.byTestId<HTMLTextAreaElement>('scan-sites');
    // why: the issuer's profile is lib/sites' call (a label alone gives no github.com); the text follows it.
    expect(sites?.value).toBe(initialAllowedSites(ORIGIN, 'GitHub', SUFFIXES).join('\n'));
    await typeInto(sites ?? null, 'console.aliyun.com\n\nconsole.aliyun.com');
    await typeInto(mounted?.byTestId('scan-issuer') ?? null, 'Aliyun');
    expect(mounted?.byTestId<HTMLTextAreaElement>('scan-sites')?.value).toBe(
      'console.aliyun.com\n\nconsole.aliyun.com',
    );
    await click(mounted?.byTestId('scan-add') ?? null);
    await waitFor(() => mounted?.byTestId<HTMLElement>('scan-done'));
    expect(added[0]?.allowedSites).toEqual(['console.aliyun.com']);
  });

  it('finds nothing, then enters the key by hand with the issuer of the site, bound and filled', async () => {
    const { added, fills } = page({ dom: {} });
    await startScan();
    const empty = await waitFor(() => mounted?.byTestId('scan-empty'));
    expect(empty.textContent).toContain('scanNone');
    expect(mounted?.byTestId('scan-select-area')).not.toBeNull();
    await click(mounted?.byTestId('scan-manual') ?? null);
    const issuer = await waitFor(() => mounted?.byTestId<HTMLInputElement>('add-issuer'));
    expect(issuer.value).toBe('Aliyun');
    await typeInto(mounted?.byTestId('add-account') ?? null, 'alice');
    await typeInto(mounted?.byTestId('add-secret') ?? null, 'jbsw y3dp ehpk 3pxp');
    await click(mounted?.byTestId('add-fields-submit') ?? null);
    await click(await waitFor(() => mounted?.byTestId('add-confirm')));
    await waitFor(() => fills.length > 0);
    expect(added).toEqual([
      {
        data: expect.objectContaining({ issuer: 'Aliyun', account: 'alice', secret: 'JBSWY3DPEHPK3PXP' }),
        allowedSites: [],
        enrolledOrigin: ORIGIN,
        onNameClash: 'ask',
      },
    ]);
    expect(fills).toEqual([{ tabId: 7, accountId: 'new-1', twoCodes: true }]);
    expect((await waitFor(() => mounted?.byTestId('toast'))).textContent).toBe('fillDone');
  });

  it('lets the user select the QR area on the screenshot', async () => {
    page({ dom: {} });
    await startScan();
    await waitFor(() => mounted?.byTestId('scan-empty'));
    await click(mounted?.byTestId('scan-select-area') ?? null);
    const shot = await waitFor(() => mounted?.byTestId<HTMLImageElement>('scan-area-image'));
    expect(shot.getAttribute('src')).toBe(screenshot.dataUrl);
    await click(mounted?.byTestId('scan-area-cancel') ?? null);
    await waitFor(() => mounted?.byTestId('scan-empty'));
  });
});

describe('a stored account with the same name and another secret', () => {
  const GITHUB = 'otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQ&issuer=GitHub';
  const CLASH = {
    existing: { id: 'old-1', issuer: 'GitHub', account: 'alice', allowedSites: ['ads.example.net'] },
    incomingSites: ['aliyun.com'],
  };
  /** The background: asks while `onNameClash` is 'ask', then does what the user chose. */
  function clashing() {
    const requests: AddAccountRequest[] = [];
    const addAccount: FakeHandlers['addAccount'] = (request) => {
      requests.push(request);
      if ((request.onNameClash ?? 'ask') === 'ask')
        throw new MessageError('name-clash', 'An account named GitHub · alice already exists.', CLASH);
      return request.onNameClash === 'replace'
        ? { id: request.replaceId ?? '', replaced: true }
        : { id: 'new-2', replaced: false };
    };
    return { requests, addAccount };
  }

  it('shows both sets of sites and keeps both on request, then fills with the new account', async () => {
    const { requests, addAccount } = clashing();
    const { fills } = page({ dom: { 'data:image/png;base64,QR': GITHUB }, addAccount });
    await startScan();
    await click(await waitFor(() => mounted?.byTestId('scan-add')));
    const clash = await waitFor(() => mounted?.byTestId<HTMLElement>('name-clash'));
    expect(clash.dataset.existingId).toBe('old-1');
    expect(mounted?.byTestId('name-clash-existing-sites')?.textContent).toBe('ads.example.net');
    expect(mounted?.byTestId('name-clash-new-sites')?.textContent).toBe('aliyun.com');
    expect(mounted?.byTestId<HTMLElement>('scan-done')).toBeNull();
    // Nothing is decided for the user: the Add button waits for a choice.
    expect(mounted?.byTestId<HTMLButtonElement>('scan-add')?.disabled).toBe(true);
    await click(mounted?.byTestId('name-clash-keep-both') ?? null);
    await waitFor(() => mounted?.byTestId<HTMLElement>('scan-done'));
    expect(requests.map((r) => [r.onNameClash, r.replaceId])).toEqual([
      ['ask', undefined],
      ['keep-both', undefined],
    ]);
    expect(fills).toEqual([{ tabId: 7, accountId: 'new-2', twoCodes: true }]);
    expect(mounted?.byTestId('scan-replaced')).toBeNull();
  });

  it('replaces only with the explicit button, naming the account replaced', async () => {
    const { requests, addAccount } = clashing();
    page({ dom: { 'data:image/png;base64,QR': GITHUB }, addAccount });
    await startScan();
    await click(await waitFor(() => mounted?.byTestId('scan-add')));
    await click(await waitFor(() => mounted?.byTestId('name-clash-replace')));
    await waitFor(() => mounted?.byTestId<HTMLElement>('scan-done'));
    expect(requests.at(-1)).toMatchObject({ onNameClash: 'replace', replaceId: 'old-1' });
    expect(mounted?.byTestId('scan-replaced')?.textContent).toBe('scanDoneReplaced');
  });

  it('asks again after the name was edited, instead of acting on the old answer', async () => {
    const { requests, addAccount } = clashing();
    page({ dom: { 'data:image/png;base64,QR': GITHUB }, addAccount });
    await startScan();
    await click(await waitFor(() => mounted?.byTestId('scan-add')));
    await waitFor(() => mounted?.byTestId('name-clash'));
    await typeInto(mounted?.byTestId('scan-account-name') ?? null, 'alice-work');
    expect(mounted?.byTestId('name-clash')).toBeNull();
    await click(mounted?.byTestId('scan-add') ?? null);
    await waitFor(() => mounted?.byTestId('name-clash'));
    expect(requests.map((r) => r.onNameClash)).toEqual(['ask', 'ask']);
  });
});

describe('a QR code shown by a frame of another site', () => {
  const FRAME = 'https://widget.example.net';

  it('binds the account to the frame origin and warns that it is not the page', async () => {
    const { added } = page({
      dom: { 'data:image/png;base64,QR': ALICE },
      frames: { 'data:image/png;base64,QR': FRAME },
    });
    await startScan();
    const warning = await waitFor(() => mounted?.byTestId<HTMLElement>('scan-frame-warning'));
    expect(warning.dataset.frameOrigin).toBe(FRAME);
    expect(warning.textContent).toBe('scanFrameWarning');
    expect(mounted?.byTestId<HTMLTextAreaElement>('scan-sites')?.value).toBe(
      initialAllowedSites(FRAME, 'Aliyun', SUFFIXES).join('\n'),
    );
    await click(mounted?.byTestId('scan-add') ?? null);
    await waitFor(() => mounted?.byTestId<HTMLElement>('scan-done'));
    expect(added[0]).toMatchObject({
      enrolledOrigin: FRAME,
      allowedSites: initialAllowedSites(FRAME, 'Aliyun', SUFFIXES),
    });
  });

  it('binds nothing for a sandboxed (opaque) frame, and says so', async () => {
    const { added } = page({
      dom: { 'data:image/png;base64,QR': ALICE },
      frames: { 'data:image/png;base64,QR': null },
    });
    await startScan();
    const warning = await waitFor(() => mounted?.byTestId<HTMLElement>('scan-frame-warning'));
    expect(warning.textContent).toBe('scanFrameOpaque');
    expect(warning.dataset.frameOrigin).toBe('');
    expect(mounted?.byTestId<HTMLTextAreaElement>('scan-sites')?.value).toBe('');
    await click(mounted?.byTestId('scan-add') ?? null);
    await waitFor(() => mounted?.byTestId<HTMLElement>('scan-done'));
    expect(added[0]).toMatchObject({ enrolledOrigin: '', allowedSites: [] });
  });

  it('shows no warning for a QR code of the page itself', async () => {
    page({ dom: { 'data:image/png;base64,QR': ALICE } });
    await startScan();
    await waitFor(() => mounted?.byTestId('scan-confirm'));
    expect(mounted?.byTestId('scan-frame-warning')).toBeNull();
  });
});

describe('intents from the keyboard command or context menu', () => {
  it('starts a scan of the intent tab without a click, asking again once when the first answer is empty', async () => {
    const { calls } = page({
      dom: { 'data:image/png;base64,QR': ALICE },
      intents: [null, { action: 'scan', tabId: 42, at: NOW }],
    });
    await waitFor(() => mounted?.byTestId('scan-confirm'));
    expect(calls.filter((call) => call.type === 'takeIntent')).toHaveLength(2);
    expect(scanRequests(calls)).toEqual([{ tabId: 42, screenshot: false }]);
  });

  it('asks only twice when there is no intent', async () => {
    const { calls } = page({ dom: {} });
    await waitFor(() => mounted?.byTestId('account-list'));
    await waitFor(() => calls.filter((call) => call.type === 'takeIntent').length === 2);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls.filter((call) => call.type === 'takeIntent')).toHaveLength(2);
    expect(mounted?.byTestId('fill-hint')).toBeNull();
  });

  it('says why the fill shortcut filled nothing (a field too short for the code)', async () => {
    page({ dom: {}, intents: [{ action: 'fill', tabId: 42, at: NOW, refusal: 'field-too-short' }] });
    const toast = await waitFor(() => mounted?.byTestId('toast'));
    expect(toast.textContent).toBe('fillFieldTooShort');
    expect(mounted?.byTestId('fill-hint')).not.toBeNull();
  });

  it('shows the list for the intent tab with a hint to choose the account to fill', async () => {
    const { calls } = page({ dom: {}, intents: [{ action: 'fill', tabId: 42, at: NOW }] });
    const hint = await waitFor(() => mounted?.byTestId('fill-hint'));
    expect(hint.textContent).toBe('fillHintNone');
    expect(calls.filter((call) => call.type === 'listAccounts').at(-1)?.payload).toEqual({ tabId: 42 });
  });
});

describe('fill from the list', () => {
  function listWith(fillTab: FakeHandlers['fillTab']) {
    return fakeServices({
      getVaultState: () => ({ state: 'unlocked', lockAt: NOW + 60_000 }),
      listAccounts: () => ({
        accounts: [account({ id: 'here', matchesTab: true }), account({ id: 'elsewhere', order: 1 })],
        broken: [],
      }),
      getSettings: () => ({ autoLockMinutes: 15, clearClipboard: false }),
      fillTab,
    });
  }

  it('offers Fill only on rows bound to the current tab, and fills one code', async () => {
    const { services, calls } = listWith(() => ({ filledFrames: 1, usedNext: false }));
    mounted = mountApp(services);
    await waitFor(() => mounted?.allByTestId('account-row').length === 2);
    const [here, elsewhere] = mounted.allByTestId('account-row');
    expect(here?.querySelector('[data-testid="row-fill"]')).not.toBeNull();
    expect(elsewhere?.querySelector('[data-testid="row-fill"]')).toBeNull();
    await click(here?.querySelector('[data-testid="row-fill"]') ?? null);
    expect((await waitFor(() => mounted?.byTestId('toast'))).textContent).toBe('fillDone');
    expect(calls.find((call) => call.type === 'fillTab')?.payload).toEqual({
      tabId: 7,
      accountId: 'here',
      twoCodes: false,
    });
  });

  it('says when it filled the next code', async () => {
    const { services } = listWith(() => ({ filledFrames: 1, usedNext: true }));
    mounted = mountApp(services);
    await click(await waitFor(() => mounted?.byTestId('row-fill')));
    expect((await waitFor(() => mounted?.byTestId('toast'))).textContent).toBe('fillDoneNext');
  });

  it('shows a refusal as an error', async () => {
    const { services } = listWith(() => {
      throw new MessageError('site-not-allowed', 'not bound');
    });
    mounted = mountApp(services);
    await click(await waitFor(() => mounted?.byTestId('row-fill')));
    const toast = await waitFor(() => mounted?.byTestId('toast'));
    expect(toast.textContent).toBe('fillSiteNotAllowed');
    expect(toast.className).toContain('toast-error');
  });
});
