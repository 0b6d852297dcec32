/** What detection reports: a single code field or a split widget of one-character boxes, with its score. */

/** Where the code comes from: an authenticator app, an SMS/e-mail (never offered automatically), or unsaid. */
export type CodeKind = 'totp' | 'sms' | 'unknown';

interface MatchFacts {
  score: number;
  codeKind: CodeKind;
  /** Why the field matched, for debugging and tests (e.g. `autocomplete=one-time-code`, `label:验证码`). */
  reasons: string[];
}

export type OtpFieldMatch =
  | ({ kind: 'single'; input: HTMLInputElement } & MatchFacts)
  | ({ kind: 'split'; inputs: HTMLInputElement[] } & MatchFacts);

/** Is this match offered without the user asking (the inline button, the shortcut)? SMS/e-mail codes are not. */
export function isAutoOffered(match: OtpFieldMatch): boolean {
  return match.codeKind !== 'sms';
}

/** The inputs of a match, in fill order. */
export function matchInputs(match: OtpFieldMatch): HTMLInputElement[] {
  return match.kind === 'single' ? [match.input] : match.inputs;
}
