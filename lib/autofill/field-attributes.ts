/** What an input's own attributes say about it: type, autocomplete tokens, maxlength. */

/** Input types a code can be typed into. */
export const FILLABLE_TYPES = new Set(['text', 'tel', 'number', 'password']);

// why: autocomplete tokens that name something else; a field carrying them is never an MFA target.
const FOREIGN_AUTOCOMPLETE =
  /^(username|email|current-password|new-password|tel.*|postal-code|cc-.*|street-address|address-.*|country.*|bday.*|name|given-name|family-name|organization|transaction-.*)$/;

export function autocompleteTokens(input: HTMLInputElement): string[] {
  const value = input.getAttribute('autocomplete');
  if (!value) return []; // why: most inputs have none; no split for them
  return value.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Does the autocomplete attribute name something other than a code (username, card number, address…)? */
export function hasForeignAutocomplete(input: HTMLInputElement): boolean {
  return autocompleteTokens(input).some(isForeignAutocompleteToken);
}

export function isForeignAutocompleteToken(token: string): boolean {
  return FOREIGN_AUTOCOMPLETE.test(token);
}

export function maxLengthOf(input: HTMLInputElement): number | undefined {
  const raw = input.getAttribute('maxlength');
  if (raw === null) return undefined;
  const n = Number.parseInt(raw, 10);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
