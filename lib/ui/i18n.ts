import { browser } from 'wxt/browser';

import { createTranslator, type GetMessage } from './translator';

export { createTranslator, type GetMessage };

function browserGetMessage(key: string, substitutions?: string | string[]): string {
  // why: WXT types getMessage with the keys it generated at `wxt prepare`; new keys must not need a regeneration.
  const getMessage = browser.i18n.getMessage as unknown as GetMessage;
  return getMessage(key, substitutions);
}

/** Translates `key` with the browser's i18n (messages.json under public/_locales); falls back to the key. */
export const t = createTranslator(browserGetMessage);
