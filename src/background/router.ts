/** runtime.onMessage listener: checks sender and shape, then runs the matching handler. */
import {reply} from '../shared/messaging.js';
import {CONTENT_REQUESTS, parseMessage, senderKind, type Protocol, type Reply, type Req, type Res, type SenderInfo} from '../shared/protocol.js';

/** Who is asking: the tab (and frame) for content scripts, nothing for extension pages. */
export interface CallContext {
  tabId?: number;
  frameId?: number;
}

export type Handlers = {
  [K in keyof Protocol]: (req: Req<Protocol, K>, ctx: CallContext) => Res<Protocol, K> | Promise<Res<Protocol, K>>;
};

export interface RouterIds {
  extensionId: string;
  /** e.g. chrome-extension://<id>/ : pages under it are our popup and options. */
  extensionOrigin: string;
}

type Listener = (message: unknown, sender: SenderInfo & {frameId?: number}) => Promise<Reply<unknown>> | undefined;

const originOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
};

/**
 * A content script speaks only for the page it runs in: a pageUrl of another origin than the
 * sending frame (a compromised renderer writing history for another site) is refused.
 */
function ownPage(req: unknown, senderUrl: string | undefined): boolean {
  const pageUrl = (req as {pageUrl?: unknown}).pageUrl;
  if (pageUrl === undefined) return true;
  const origin = originOf(senderUrl);
  return origin !== null && origin !== 'null' && originOf(pageUrl as string) === origin;
}

export function createRouter(handlers: Handlers, ids: RouterIds): Listener {
  return (message, sender) => {
    const kind = senderKind(sender, ids.extensionId, ids.extensionOrigin);
    if (!kind) return undefined;
    const msg = parseMessage(message);
    // Returning undefined leaves the message to other listeners (content-script replies, etc.).
    if (!msg) return undefined;
    if (kind === 'content' && (!CONTENT_REQUESTS.has(msg.type) || !ownPage(msg.req, sender.url))) return undefined;
    const ctx: CallContext = kind === 'content' ? {tabId: sender.tab?.id, frameId: sender.frameId} : {};
    const handler = handlers[msg.type] as (req: unknown, ctx: CallContext) => unknown;
    return reply(() => handler(msg.req, ctx));
  };
}
