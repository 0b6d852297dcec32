import { describe, expect, it } from 'vitest';
import { clearIfStillOurs, copyCode, createBrowserClipboard } from '../../../lib/ui/clipboard';

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

describe('createBrowserClipboard', () => {
  const system = { writeText: async () => {}, readText: async () => '123456' };

  it('reads back only when clipboard-read is already granted (no prompt 30 s later)', async () => {
    const granted = createBrowserClipboard(system, { query: async () => ({ state: 'granted' }) });
    expect(await granted.readText?.()).toBe('123456');
    const prompt = createBrowserClipboard(system, { query: async () => ({ state: 'prompt' }) });
    await expect(prompt.readText?.()).rejects.toThrow();
  });

  it('treats an unknown permission name (Firefox) or no Permissions API as not granted', async () => {
    const unknown = createBrowserClipboard(system, {
      query: () => Promise.reject(new TypeError("'clipboard-read' is not a valid permission name")),
    });
    await expect(unknown.readText?.()).rejects.toThrow();
    await expect(createBrowserClipboard(system, undefined).readText?.()).rejects.toThrow();
  });
});
