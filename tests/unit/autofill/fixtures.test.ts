/**
 * Every login fixture page, as a table: detection finds exactly the targets listed in index.json (and none on
 * the negatives), and filling them makes the page's own logic accept the code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { detectOtpFields } from '../../../lib/autofill/detect';
import { isAutoOffered, matchInputs, type OtpFieldMatch } from '../../../lib/autofill/match';
import { pairConsecutiveCodeFields } from '../../../lib/autofill/code-pairs';
import { fillCode, fillTwoCodes } from '../../../lib/autofill/fill';
import { LOGIN_FIXTURES_DIR, openFixture, settlePage, styleLayout, type Page } from './happy-page';

interface FixtureEntry {
  expect: 'totp' | 'sms' | 'none' | 'two-codes';
  codeKind?: 'totp' | 'unknown';
  targets?: (string | string[])[];
  frame?: string;
  appearsAfterMs?: number;
  code?: string;
}

const index = JSON.parse(readFileSync(`${LOGIN_FIXTURES_DIR}index.json`, 'utf8')) as {
  pages: Record<string, FixtureEntry>;
};
const entries = Object.entries(index.pages);

let page: Page | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

/** Resolves a selector where ' >>> ' steps into an open shadow root. */
function resolve(doc: Document, selector: string): HTMLInputElement {
  let scope: Document | ShadowRoot = doc;
  const steps = selector.split(' >>> ');
  steps.forEach((step, i) => {
    const found = scope.querySelector(step);
    if (!found) throw new Error(`fixture selector ${selector} found nothing at ${step}`);
    if (i < steps.length - 1) {
      if (!found.shadowRoot) throw new Error(`${step} has no open shadow root`);
      scope = found.shadowRoot;
    }
  });
  return scope.querySelector(steps[steps.length - 1] as string) as HTMLInputElement;
}

function targetInputs(doc: Document, target: string | string[]): HTMLInputElement[] {
  return (Array.isArray(target) ? target : [target]).map((s) => resolve(doc, s));
}

/** Opens a fixture and returns the document holding its fields (the frame's, when it has one). */
async function open(file: string, entry: FixtureEntry): Promise<{ doc: Document; view: Window }> {
  page = openFixture(file);
  if (entry.appearsAfterMs === undefined) await settlePage(page);
  if (!entry.frame) return { doc: page.document, view: page.view };
  const frame = page.document.querySelector(entry.frame) as HTMLIFrameElement;
  const doc = frame.contentDocument as Document;
  return { doc, view: doc.defaultView as Window };
}

function detect(doc: Document, view: Window): OtpFieldMatch[] {
  return detectOtpFields(doc, { view, layout: styleLayout(view) });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('login fixtures: detection', () => {
  it('index.json lists every fixture page, with at least 24 positives and 8 negatives', () => {
    const pages = readdirSync(LOGIN_FIXTURES_DIR).filter((name) => name.endsWith('.html'));
    expect(entries.map(([file]) => file).sort()).toEqual(pages.sort());
    const positives = entries.filter(([, e]) => e.expect === 'totp' || e.expect === 'two-codes');
    const negatives = entries.filter(([, e]) => e.expect === 'none' || e.expect === 'sms');
    expect(positives.length).toBeGreaterThanOrEqual(24);
    expect(negatives.length).toBeGreaterThanOrEqual(8);
  });

  it.each(entries)('%s', async (file, entry) => {
    const { doc, view } = await open(file, entry);
    if (entry.appearsAfterMs !== undefined) {
      expect(detect(doc, view)).toEqual([]);
      await sleep(entry.appearsAfterMs + 200);
    }
    const matches = detect(doc, view);
    const offered = matches.filter(isAutoOffered);
    const targets = (entry.targets ?? []).map((t) => targetInputs(doc, t));

    switch (entry.expect) {
      case 'none':
        expect(matches.map((m) => m.reasons)).toEqual([]);
        break;
      case 'sms':
        expect(offered).toEqual([]);
        expect(matches.map(matchInputs)).toContainEqual(targets[0]);
        expect(matches.every((m) => m.codeKind === 'sms')).toBe(true);
        break;
      case 'totp':
        expect(offered.map(matchInputs)).toEqual(targets);
        if (entry.codeKind) expect(offered[0]?.codeKind).toBe(entry.codeKind);
        break;
      case 'two-codes': {
        expect(new Set(offered.map(matchInputs).flat())).toEqual(new Set(targets.flat()));
        const pair = pairConsecutiveCodeFields(matches);
        expect(pair?.map(matchInputs)).toEqual(targets);
        if (entry.codeKind) expect(offered.every((m) => m.codeKind === entry.codeKind)).toBe(true);
        break;
      }
    }
  });
});

describe('login fixtures: the page accepts the filled code', () => {
  const positives = entries.filter(([, e]) => e.expect === 'totp' || e.expect === 'two-codes');

  it.each(positives)('%s', async (file, entry) => {
    const { doc, view } = await open(file, entry);
    if (entry.appearsAfterMs !== undefined) await sleep(entry.appearsAfterMs + 200);
    const matches = detect(doc, view);
    const topDocument = (page as Page).document;
    const result = () => topDocument.getElementById('result')?.getAttribute('data-result');

    if (entry.expect === 'two-codes') {
      const pair = pairConsecutiveCodeFields(matches);
      if (!pair) throw new Error('no pair detected');
      const filled = await fillTwoCodes(pair[0], pair[1], '123456', '654321', view);
      expect(filled.ok).toBe(true);
      expect(result()).toBe('accepted:123456,654321');
      return;
    }
    const code = entry.code ?? '123456';
    const target = matches.find(isAutoOffered);
    if (!target) throw new Error('no target detected');
    const filled = await fillCode(target, code, view);
    expect(filled).toMatchObject({ ok: true });
    expect(result()).toBe(`accepted:${code}`);
  });
});
