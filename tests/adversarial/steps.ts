// Steps shared by the adversarial e2e specs. Thin wrappers over tests/e2e/steps: what differs here is
// that every step waits for the exact thing it expects (a named row, a stated error), so a crash or a
// terminated worker between two steps cannot be mistaken for success.
import type { Page as PlaywrightPage } from '@playwright/test';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { E2ePage, ExtensionBrowser } from '../e2e/harness/browsers';
import { sendFromExtensionPage, tid } from '../e2e/steps/popup';
import { generateCode } from '../../lib/otp/generate';
import { parseOtpauthUri } from '../../lib/otp/uri';
import type { AccountView, BrokenRecord, Reply } from '../../lib/messaging';

/** RFC 4226 key "12345678901234567890" in base32, and its first HOTP codes (counters 0–9). */
export const RFC4226_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
export const RFC4226_CODES = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
] as const;

/** A distinct TOTP account per index (distinct secret and name, so duplicates are never the reason). */
export function numberedAccountUri(index: number): { uri: string; name: string } {
  const name = `crash-probe-${index}@example.com`;
  // why: base32 of a per-index 20-character ASCII key keeps every secret distinct and valid.
  const key = `crash-probe-key-${String(index).padStart(4, '0')}`;
  const secret = base32(new TextEncoder().encode(key));
  return { uri: `otpauth://totp/Probe:${name}?secret=${secret}&issuer=Probe`, name };
}

function base32(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

/** Opens the add dialog, pastes the URI and confirms; does not wait for the result. */
export async function submitUriInPopup(popup: E2ePage, uri: string): Promise<void> {
  await popup.click(tid('add-open'));
  await popup.fill(tid('add-uri'), uri);
  await popup.click(tid('add-uri-submit'));
  await popup.click(tid('add-confirm'));
}

export function rowSelector(accountName: string): string {
  return `${tid('account-row')}[data-account="${accountName}"]`;
}

/** The account names of every row the popup shows, in order. */
export async function rowNames(popup: E2ePage): Promise<string[]> {
  return popup.evaluate(
    (selector) =>
      Array.from(document.querySelectorAll(selector)).map((row) => row.getAttribute('data-account') ?? ''),
    tid('account-row'),
  );
}

/** Sends a message and returns the whole reply (never throws on `{ ok: false }`). */
export function ask<T>(page: E2ePage, type: string, payload: unknown): Promise<Reply<T>> {
  return sendFromExtensionPage<Reply<T>>(page, type, payload);
}

export async function listAccounts(
  page: E2ePage,
): Promise<{ accounts: AccountView[]; broken: BrokenRecord[] }> {
  const reply = await ask<{ accounts: AccountView[]; broken: BrokenRecord[] }>(page, 'listAccounts', {});
  if (!reply.ok) throw new Error(`listAccounts failed: ${reply.error.code} ${reply.error.message}`);
  return reply.value;
}

/** Codes an honest fill may have used around now (previous, current, next period). */
export function plausibleCodes(uri: string, nowMs = Date.now()): string[] {
  const parsed = parseOtpauthUri(uri);
  if (!parsed.ok) throw new Error(`bad test URI: ${parsed.error.message}`);
  const period = parsed.account.period * 1000;
  return [-1, 0, 1].map((k) => generateCode(parsed.account, nowMs + k * period));
}

/**
 * Everything a page could show a code in: its text, every input's value (main document and same-origin
 * frames), and attribute values. Used to prove "no code disclosed".
 */
export async function pageCodeSurface(page: E2ePage): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const visit = (doc: Document) => {
      parts.push(doc.documentElement.outerHTML);
      for (const input of Array.from(doc.querySelectorAll('input, textarea'))) {
        parts.push((input as HTMLInputElement).value);
      }
      for (const frame of Array.from(doc.querySelectorAll('iframe'))) {
        try {
          if (frame.contentDocument) visit(frame.contentDocument);
        } catch {
          // cross-origin frame: not readable by the page either
        }
      }
    };
    visit(document);
    const log = (window as unknown as { __seen?: unknown[] }).__seen;
    if (log) parts.push(JSON.stringify(log));
    return parts.join('\n');
  });
}

/** A real mouse move, press and release at a point (Playwright or puppeteer). */
export async function mouseClickAt(page: E2ePage, x: number, y: number): Promise<void> {
  if (page.kind === 'chromium') await (page.raw as PlaywrightPage).mouse.click(x, y);
  else await (page.raw as PuppeteerPage).mouse.click(x, y);
}

export async function mouseMoveTo(page: E2ePage, x: number, y: number): Promise<void> {
  if (page.kind === 'chromium') await (page.raw as PlaywrightPage).mouse.move(x, y);
  else await (page.raw as PuppeteerPage).mouse.move(x, y);
}

export async function mouseDownUp(page: E2ePage): Promise<void> {
  if (page.kind === 'chromium') {
    const mouse = (page.raw as PlaywrightPage).mouse;
    await mouse.down();
    await mouse.up();
  } else {
    const mouse = (page.raw as PuppeteerPage).mouse;
    await mouse.down();
    await mouse.up();
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * SIGKILL the browser and launch it again on the same profile.
 *
 * why: after Firefox exits, puppeteer restores its backups of prefs.js/user.js asynchronously; a launch
 * that starts before that finishes races it (ENOENT on user.js). Wait until the backups are gone.
 */
export async function killAndRelaunch(ext: ExtensionBrowser): Promise<void> {
  await ext.kill();
  if (ext.kind === 'firefox') {
    const backups = ['prefs.js.puppeteer', 'user.js.puppeteer'].map((f) => path.join(ext.profileDir, f));
    const deadline = Date.now() + 5_000;
    while (backups.some((f) => existsSync(f)) && Date.now() < deadline) await sleep(50);
    await sleep(100);
  }
  await ext.restart();
}
