// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { copyCode, createBrowserClipboard, overwriteClipboard } from '../../../lib/ui/clipboard';
import {
  clearClipboard,
  OFFSCREEN_CLEAR_MESSAGE,
  OFFSCREEN_PATH,
} from '../../../lib/background/clipboard-clear';

function fakeClipboard() {
  const clipboard = {
    text: '',
    async writeText(text: string) {
      clipboard.text = text;
    },
  };
  return clipboard;
}

describe('copyCode', () => {
  it('writes the code and asks for nothing more when clearing is off', async () => {
    const clipboard = fakeClipboard();
    await copyCode(clipboard, '123456');
    expect(clipboard.text).toBe('123456');
  });

  it('asks the background to clear later, after the code is on the clipboard', async () => {
    const clipboard = fakeClipboard();
    const seen: string[] = [];
    await copyCode(clipboard, '123456', { clearLater: async () => seen.push(clipboard.text) });
    expect(seen).toEqual(['123456']);
  });

  it('keeps the copy when the background cannot be reached', async () => {
    const clipboard = fakeClipboard();
    await copyCode(clipboard, '123456', { clearLater: () => Promise.reject(new Error('locked')) });
    expect(clipboard.text).toBe('123456');
  });

  it('createBrowserClipboard only writes (the extension never reads the clipboard)', async () => {
    const system = { writeText: vi.fn(async () => undefined) };
    const clipboard = createBrowserClipboard(system);
    await clipboard.writeText('1');
    expect(system.writeText).toHaveBeenCalledWith('1');
    expect(Object.keys(clipboard)).toEqual(['writeText']);
  });
});

/** happy-dom has no execCommand: install one for a test. */
function stubExecCommand(impl: (command: string) => boolean) {
  const fn = vi.fn(impl);
  Object.defineProperty(document, 'execCommand', { value: fn, configurable: true });
  return { fn, mockRestore: () => delete (document as { execCommand?: unknown }).execCommand };
}

describe('overwriteClipboard', () => {
  it('runs the copy command with empty text in place of any selection', () => {
    const written: string[] = [];
    let prevented = false;
    const exec = stubExecCommand((command) => {
      const event = new Event('copy', { cancelable: true }) as ClipboardEvent;
      Object.defineProperty(event, 'clipboardData', {
        value: { setData: (type: string, text: string) => written.push(`${type}:${text}`) },
      });
      document.dispatchEvent(event);
      prevented = event.defaultPrevented;
      return command === 'copy';
    });
    expect(overwriteClipboard(document)).toBe(true);
    expect(written).toEqual(['text/plain:']);
    expect(prevented).toBe(true);
    exec.mockRestore();
  });

  it('says false when the browser refuses the command', () => {
    const exec = stubExecCommand(() => {
      throw new Error('not allowed');
    });
    expect(overwriteClipboard(document)).toBe(false);
    exec.mockRestore();
  });
});

describe('clearClipboard (background, when the alarm fires)', () => {
  it('Chrome: opens the offscreen document, has it clear, and closes it again', async () => {
    const calls: string[] = [];
    const env = {
      offscreen: {
        createDocument: async (o: { url: string; reasons: string[] }) =>
          void calls.push(`create ${o.url} ${o.reasons}`),
        closeDocument: async () => void calls.push('close'),
      },
      sendMessage: async (m: unknown) => {
        calls.push(`send ${JSON.stringify(m)}`);
        return true;
      },
      getURL: (path: string) => `chrome-extension://id${path}`,
    };
    expect(await clearClipboard(env)).toBe(true);
    expect(calls).toEqual([
      `create chrome-extension://id${OFFSCREEN_PATH} CLIPBOARD`,
      `send ${JSON.stringify(OFFSCREEN_CLEAR_MESSAGE)}`,
      'close',
    ]);
  });

  it('Chrome: reuses a leftover offscreen document and closes it even when the clear fails', async () => {
    const close = vi.fn(async () => undefined);
    const env = {
      offscreen: {
        createDocument: () => Promise.reject(new Error('Only a single offscreen document')),
        closeDocument: close,
      },
      sendMessage: () => Promise.reject(new Error('no receiver')),
      getURL: (path: string) => path,
    };
    expect(await clearClipboard(env)).toBe(false);
    expect(close).toHaveBeenCalled();
  });

  it('Firefox: the background page clears with its own document', async () => {
    const exec = stubExecCommand(() => true);
    const sendMessage = vi.fn();
    expect(await clearClipboard({ document, sendMessage, getURL: (p) => p })).toBe(true);
    expect(exec.fn).toHaveBeenCalledWith('copy');
    expect(sendMessage).not.toHaveBeenCalled();
    exec.mockRestore();
  });
});
