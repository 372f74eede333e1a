/** Right-click "Check this image": resolves the image (even a CSS background), checks, answers in the page. */
import type {CheckResult} from '../shared/protocol.js';
import {checkAndRecord, type Services} from './handlers.js';

export const MENU_ID = 'cliche-check-image';
/** Page and link too: a CSS background image is not an "image" to the menu API. */
export const MENU_CONTEXTS = ['image', 'page', 'link'] as const;

export interface ClickInfo {
  menuItemId: string | number;
  srcUrl?: string;
  mediaType?: string;
  frameId?: number;
  pageUrl?: string;
}

export interface PageChannel {
  /** URL of the image under the last right-click in that frame, if the content script saw one. */
  contextTarget(tabId: number, frameId: number): Promise<string | null>;
  showCheck(tabId: number, frameId: number, url: string, result: CheckResult): Promise<void>;
}

export async function onMenuClick(info: ClickInfo, tab: {id?: number; url?: string} | undefined, s: Services, page: PageChannel): Promise<CheckResult | null> {
  if (info.menuItemId !== MENU_ID || tab?.id === undefined) return null;
  const frameId = info.frameId ?? 0;
  const pageUrl = info.pageUrl ?? tab.url ?? '';
  let url = info.mediaType === 'image' && info.srcUrl ? info.srcUrl : null;
  url ??= await page.contextTarget(tab.id, frameId).catch(() => null);
  const result: CheckResult = url && /^https?:/i.test(url)
    ? await checkAndRecord(s, tab.id, url, pageUrl, 'other')
    : {error: 'noImageHere'};
  await page.showCheck(tab.id, frameId, url ?? '', result).catch(() => undefined);
  return result;
}
