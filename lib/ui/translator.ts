// why: apart from i18n.ts (which binds the browser's i18n through the extension API module), so a script
// that must stay tiny, the popup's first-screen script, can translate without that module.
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
