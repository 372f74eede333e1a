/** The UI's calls to the background, typed by the shared Protocol. */
import {browser} from '../shared/browser.js';
import {call} from '../shared/messaging.js';
import type {Protocol, Req, Res} from '../shared/protocol.js';

export const api = <K extends keyof Protocol>(type: K, req: Req<Protocol, K>): Promise<Res<Protocol, K>> =>
  call((m) => browser.runtime.sendMessage(m), type, req);
