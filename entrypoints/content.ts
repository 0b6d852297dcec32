import { browser, type Browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { send, type FillCommand, type FillProbe } from '../lib/messaging';
import { createContentController } from '../lib/content/controller';
import { collectQrSources } from '../lib/content/qr-sources';

function isFillCommand(message: unknown): message is FillCommand {
  const m = message as Partial<FillCommand> | null;
  return (
    m?.type === 'fillCodes' &&
    typeof m.expectedOrigin === 'string' &&
    Array.isArray(m.codes) &&
    m.codes.every((c) => typeof c === 'string')
  );
}

function isFillProbe(message: unknown): message is FillProbe {
  const m = message as Partial<FillProbe> | null;
  return m?.type === 'probeFill' && typeof m.expectedOrigin === 'string';
}

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  // why: logon widgets are sometimes rendered in srcdoc/about:blank frames of the logon page itself.
  matchAboutBlank: true,
  runAt: 'document_idle',
  // why: everything below is tied to `ctx`, so an extension update or reload leaves nothing of ours running.
  main(ctx) {
    const controller = createContentController({
      doc: document,
      view: window,
      messenger: {
        contentHello: (fieldCount) => send(browser, 'contentHello', { fieldCount }),
        requestFill: (req) => send(browser, 'requestFill', req),
      },
      // why: keys come from lib/content, checked against _locales by tests/unit/ui locale tests.
      t: (key, substitutions) => browser.i18n.getMessage(key as 'extName', substitutions) || key,
    });
    controller.start(ctx.signal);

    // Commands come only from our background or popup (an extension sender without a tab), never a page.
    const onMessage = (
      message: unknown,
      sender: Browser.runtime.MessageSender,
      sendResponse: (response: unknown) => void,
    ): true | undefined => {
      if (sender.id !== browser.runtime.id || sender.tab) return undefined;
      if (isFillCommand(message)) {
        void controller.onFillCommand(message).then(sendResponse);
        return true;
      }
      if (isFillProbe(message)) {
        void controller.onFillProbe(message).then(sendResponse);
        return true;
      }
      if ((message as { type?: unknown } | null)?.type === 'collectQr') {
        void collectQrSources(document, window).then(sendResponse);
        return true;
      }
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  },
});
