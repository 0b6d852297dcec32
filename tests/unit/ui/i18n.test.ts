import { describe, expect, it } from 'vitest';
import { createTranslator, t } from '../../../lib/ui/i18n';

describe('t', () => {
  it('returns the message for a key, passing substitutions through', () => {
    const translate = createTranslator((key, substitutions) =>
      key === 'hello' ? `Hello ${String(substitutions)}` : '',
    );
    expect(translate('hello', 'Ann')).toBe('Hello Ann');
  });

  it('falls back to the key when the message is missing', () => {
    expect(createTranslator(() => '')('missingKey')).toBe('missingKey');
  });

  it('falls back to the key when the i18n API throws (as in unit tests)', () => {
    expect(t('copied')).toBe('copied');
  });
});
