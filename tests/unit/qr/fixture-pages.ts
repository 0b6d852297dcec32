/** Test helper: the enrollment fixture pages, loaded in happy-dom as if served from a console host. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Browser } from 'happy-dom';

export const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/pages/enroll/', import.meta.url));
export const FIXTURE_ORIGIN = 'https://account.console.aliyun.com';

export interface FixtureEntry {
  source: string;
  qrSelector: string;
  expected: string[] | 'none';
  rejection?: string;
  otherQrTexts?: string[];
  migrationAccounts?: { issuer: string; account: string; secret: string; type: string }[];
  frame?: string;
  offscreen?: boolean;
  codeFields: string[];
  consecutiveCodes: boolean;
}

export const FIXTURES = (
  JSON.parse(readFileSync(`${FIXTURE_DIR}index.json`, 'utf8')) as { pages: Record<string, FixtureEntry> }
).pages;

export interface LoadedPage {
  document: Document;
  close: () => Promise<void>;
}

/** Loads `file` from a virtual server at FIXTURE_ORIGIN; same-origin iframes load too, scripts do not run. */
export async function loadFixture(file: string): Promise<LoadedPage> {
  const browser = new Browser({
    settings: {
      enableIframePageLoading: true,
      fetch: { virtualServers: [{ url: `${FIXTURE_ORIGIN}/enroll/`, directory: FIXTURE_DIR }] },
    },
  });
  const page = browser.newPage();
  await page.goto(`${FIXTURE_ORIGIN}/enroll/${file}`);
  await page.waitUntilComplete();
  // why: happy-dom's Document type is not the DOM lib's, but it implements the parts we use.
  const document = page.mainFrame.document as unknown as Document;
  return { document, close: () => browser.close() };
}

/** Resolves a fixture qrSelector, where "a >>> b" means "b inside the same-origin iframe a". */
export function queryFixtureSelector(doc: Document, selector: string): Element | null {
  const [outer, inner] = selector.split('>>>').map((part) => part.trim());
  if (!outer) return null;
  const element = doc.querySelector(outer);
  if (inner === undefined) return element;
  return (element as HTMLIFrameElement | null)?.contentDocument?.querySelector(inner) ?? null;
}
