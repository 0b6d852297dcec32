import { describe, expect, it } from 'vitest';
import { MessageError } from '../../../lib/messaging';
import { fillFailure, fillOutcome } from '../../../lib/ui/fill-outcome';

describe('fill outcome', () => {
  it('says when the next code was used', () => {
    expect(fillOutcome({ filledFrames: 1, usedNext: false }).key).toBe('fillDone');
    expect(fillOutcome({ filledFrames: 1, usedNext: true }).key).toBe('fillDoneNext');
  });

  it.each([
    ['no-field', 'fillNoField'],
    ['site-not-allowed', 'fillSiteNotAllowed'],
    ['page-changed', 'fillPageChanged'],
    ['locked', null],
  ])('maps %s to %s and keeps the words', (code, key) => {
    expect(fillFailure(new MessageError(code, 'words'))).toEqual({ ok: false, key, code, message: 'words' });
  });

  it('treats a thrown runtime error as internal', () => {
    expect(fillFailure(new Error('boom'))).toMatchObject({ code: 'internal', key: null, message: 'boom' });
  });
});

describe('fill outcome after a clock correction', () => {
  it('keeps the skew to tell the user, and nothing when there was none', () => {
    expect(fillOutcome({ filledFrames: 1, usedNext: false, clockSkewSeconds: -42 })).toEqual({
      ok: true,
      key: 'fillDone',
      clockSkewSeconds: -42,
    });
    expect(fillOutcome({ filledFrames: 1, usedNext: false })).toEqual({ ok: true, key: 'fillDone' });
  });
});
