import { describe, expect, it } from 'vitest';
import { clearIfStillOurs, copyCode } from '../../../lib/ui/clipboard';

interface FakeClipboard {
  text: string;
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
}

function fakeClipboard(readable = true): FakeClipboard {
  const clipboard: FakeClipboard = {
    text: '',
    async writeText(text: string) {
      clipboard.text = text;
    },
    readText: readable
      ? async () => clipboard.text
      : async () => {
          throw new Error('Read permission denied.');
        },
  };
  return clipboard;
}

function manualScheduler() {
  const pending: Array<{ callback: () => void; ms: number }> = [];
  return { pending, setTimeout: (callback: () => void, ms: number) => pending.push({ callback, ms }) };
}

describe('copyCode', () => {
  it('writes the code and schedules nothing when clearing is off', async () => {
    const clipboard = fakeClipboard();
    const scheduler = manualScheduler();
    await copyCode(clipboard, '123456', { scheduler });
    expect(clipboard.text).toBe('123456');
    expect(scheduler.pending).toHaveLength(0);
  });

  it('clears after the delay when the clipboard still holds the code', async () => {
    const clipboard = fakeClipboard();
    const scheduler = manualScheduler();
    await copyCode(clipboard, '123456', { clearAfterMs: 30_000, scheduler });
    expect(scheduler.pending[0]?.ms).toBe(30_000);
    expect(await clearIfStillOurs(clipboard, '123456')).toBe(true);
    expect(clipboard.text).toBe('');
  });

  it('leaves text the user copied since alone', async () => {
    const clipboard = fakeClipboard();
    await clipboard.writeText('something else');
    expect(await clearIfStillOurs(clipboard, '123456')).toBe(false);
    expect(clipboard.text).toBe('something else');
  });

  it('leaves the clipboard alone when it cannot be read', async () => {
    const clipboard = fakeClipboard(false);
    await clipboard.writeText('123456');
    expect(await clearIfStillOurs(clipboard, '123456')).toBe(false);
    expect(clipboard.text).toBe('123456');
  });
});
