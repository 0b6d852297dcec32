// @vitest-environment happy-dom
/** The options page's exports for Aegis and 2FAS (issue 16): master password again, file saved at once. */
import { afterEach, describe, expect, it } from 'vitest';
import { MessageError } from '../../../../lib/messaging';
import { click, typeInto, waitFor, type Mounted } from '../harness';
import { fakeOptions, mountOptions, payloadsOf } from './options-harness';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const byId = <T extends HTMLElement = HTMLElement>(id: string) => mounted?.byTestId<T>(id) ?? null;

describe('options page: export to Aegis and 2FAS', () => {
  it.each([
    ['export-aegis', 'aegis', 'aegis-export-plain-2025-01-01.json'],
    ['export-2fas', '2fas', '2fas-backup-2025-01-01.2fas'],
  ] as const)(
    '%s asks for the master password, then saves the file and names it',
    async (button, kind, fileName) => {
      const { services, calls, downloads } = fakeOptions({
        exportPlain: ({ password, kind: asked }) => {
          if (password !== 'master pw') throw new MessageError('wrong-password', 'Wrong password.');
          return { kind: asked as 'aegis' | '2fas', text: `{"kind":"${asked}"}\n`, count: 2, fileName };
        },
      });
      mounted = mountOptions(services);
      const start = await waitFor(() => byId<HTMLButtonElement>(button));
      expect(start.disabled).toBe(true);

      await typeInto(byId<HTMLInputElement>('export-plain-password'), 'guess');
      await click(start);
      expect((await waitFor(() => byId('export-error'))).dataset.code).toBe('wrong-password');
      expect(downloads).toEqual([]);

      await typeInto(byId<HTMLInputElement>('export-plain-password'), 'master pw');
      await click(start);
      const saved = await waitFor(() => byId('export-file-saved'));
      expect(saved.textContent).toBe('exportFileSaved');
      expect(downloads).toEqual([{ fileName, text: `{"kind":"${kind}"}\n`, mimeType: 'application/json' }]);
      expect(payloadsOf(calls, 'exportPlain')).toEqual([
        { password: 'guess', kind },
        { password: 'master pw', kind },
      ]);
      // The password is not kept once the file is made.
      expect(byId<HTMLInputElement>('export-plain-password')?.value).toBe('');
    },
  );
});
