import { browser } from 'wxt/browser';

/** The shape of `browser.i18n.getMessage`, loosened so keys are plain strings (the generated types list only known keys). */
export type GetMessage = (key: string, substitutions?: string | string[]) => string;

/**
 * Builds a translator over a message source. A missing key (or a source that throws, as WXT's fake
 * browser does in unit tests) yields the key itself, so a screen is never blank.
 */
export function createTranslator(getMessage: GetMessage) {
  return function translate(key: string, substitutions?: string | string[]): string {
    try {
      const message = getMessage(key, substitutions);
      return message || key;
    } catch {
      return key;
    }
  };
}

function browserGetMessage(key: string, substitutions?: string | string[]): string {
  // why: WXT types getMessage with the keys it generated at `wxt prepare`; new keys must not need a regeneration.
  const getMessage = browser.i18n.getMessage as unknown as GetMessage;
  return getMessage(key, substitutions);
}

/** Translates `key` with the browser's i18n (messages.json under public/_locales); falls back to the key. */
export const t = createTranslator(browserGetMessage);
