import type { Browser } from 'wxt/browser';
import { isEnvelope, type MessageType, type Reply, type RequestOf, type ResponseOf } from '../messaging';
import { toErrorInfo } from './errors';

type MessageSenderInfo = Browser.runtime.MessageSender;

/** Who may send a message: our own pages, or content scripts in web pages. */
export type Access = 'extension' | 'content';

export interface HandlerContext {
  sender: MessageSenderInfo;
  /** Origin the browser reports for the sending frame; never taken from the payload. */
  senderOrigin: string | null;
  now: () => number;
}

export interface Handler<K extends MessageType> {
  access: Access;
  handle(payload: RequestOf<K>, ctx: HandlerContext): Promise<ResponseOf<K>>;
}

export type HandlerTable = { [K in MessageType]: Handler<K> };

export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.origin !== 'null') return parsed.origin;
    // why: some URL implementations give extension schemes an opaque origin; scheme + host identifies them.
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

/**
 * True only for our own extension pages. A page opened as a tab (tests do this) counts only when the
 * tab itself shows an extension page; an extension iframe inside a web page does not.
 */
export function isExtensionPage(
  sender: MessageSenderInfo,
  extensionId: string,
  extensionOrigin: string,
): boolean {
  if (sender.id !== extensionId) return false;
  if (originOf(sender.url) !== extensionOrigin) return false;
  if (sender.tab) {
    if (originOf(sender.tab.url) !== extensionOrigin) return false;
    if (sender.frameId !== undefined && sender.frameId !== 0) return false;
  }
  return true;
}

export interface RouterOptions {
  extensionId: string;
  extensionOrigin: string;
  now?: () => number;
}

/** Returns the listener body: undefined for messages that are not ours (so other listeners may answer). */
export function createRouter(table: HandlerTable, options: RouterOptions) {
  const now = options.now ?? Date.now;
  return (message: unknown, sender: MessageSenderInfo): Promise<Reply<unknown>> | undefined => {
    if (!isEnvelope(message) || !Object.hasOwn(table, message.type)) return undefined;
    const type = message.type as MessageType;
    const handler = table[type] as Handler<MessageType>;
    const fromExtension = isExtensionPage(sender, options.extensionId, options.extensionOrigin);
    if (handler.access === 'extension' && !fromExtension) {
      return Promise.resolve({
        ok: false,
        error: { code: 'forbidden', message: 'Not allowed from this context.' },
      });
    }
    if (handler.access === 'content' && (fromExtension || !sender.tab)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'forbidden', message: 'Only content scripts may send this.' },
      });
    }
    const ctx: HandlerContext = {
      sender,
      senderOrigin: (sender as { origin?: string }).origin ?? originOf(sender.url),
      now,
    };
    // why: the one place errors become replies; handlers only throw.
    return handler.handle(message.payload as RequestOf<MessageType>, ctx).then(
      (value): Reply<unknown> => ({ ok: true, value }),
      (error: unknown): Reply<unknown> => ({ ok: false, error: toErrorInfo(error) }),
    );
  };
}
