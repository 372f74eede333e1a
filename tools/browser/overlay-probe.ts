/**
 * Reads and clicks the extension's in-page markers and panel. They live in a closed shadow root
 * (a page must not read or rewrite them), which page scripts and Playwright selectors cannot
 * enter; the DevTools protocol can (DOM.getDocument with pierce).
 */
import type {CDPSession, Page} from 'playwright-core';

/** The marker on a flagged image and the details/answer panel, inside the overlay's shadow root. */
export const MARKER = '.marker';
export const PANEL = '.panel';
const HOST = 'cliche-overlay';

interface DomNode {
  nodeId: number;
  localName?: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

export interface OverlayProbe {
  /** textContent of every element matching `selector` in the overlay, in document order ([] if no overlay). */
  texts(selector: string): Promise<string[]>;
  /** Clicks the `index`-th match with the mouse, as a user would. */
  click(selector: string, index?: number): Promise<void>;
}

function findHost(node: DomNode): DomNode | undefined {
  if (node.localName === HOST) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findHost(child);
    if (found) return found;
  }
  return undefined;
}

async function matches(cdp: CDPSession, selector: string): Promise<number[]> {
  const {root} = (await cdp.send('DOM.getDocument', {depth: -1, pierce: true})) as {root: DomNode};
  const shadow = findHost(root)?.shadowRoots?.[0];
  if (!shadow) return [];
  return (await cdp.send('DOM.querySelectorAll', {nodeId: shadow.nodeId, selector})).nodeIds;
}

const probes = new WeakMap<Page, Promise<OverlayProbe>>();

/** One DevTools session per page, made on first use. */
export function overlayProbe(page: Page): Promise<OverlayProbe> {
  let probe = probes.get(page);
  if (!probe) probes.set(page, (probe = makeProbe(page)));
  return probe;
}

async function makeProbe(page: Page): Promise<OverlayProbe> {
  const cdp = await page.context().newCDPSession(page);
  return {
    async texts(selector) {
      const out: string[] = [];
      for (const nodeId of await matches(cdp, selector)) {
        const {object} = await cdp.send('DOM.resolveNode', {nodeId});
        const {result} = await cdp.send('Runtime.callFunctionOn', {objectId: object.objectId, functionDeclaration: 'function () { return this.textContent; }', returnByValue: true});
        out.push(String(result.value ?? ''));
      }
      return out;
    },
    async click(selector, index = 0) {
      const nodeId = (await matches(cdp, selector))[index];
      if (nodeId === undefined) throw new Error(`no ${selector} number ${index} in the overlay`);
      await cdp.send('DOM.scrollIntoViewIfNeeded', {nodeId});
      const {model} = await cdp.send('DOM.getBoxModel', {nodeId});
      const [x1, y1, , , x3, y3] = model.border;
      await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
    },
  };
}

/** Resolves true once a marker is on the page, false after `timeoutMs`: for scripts outside the test runner. */
export async function markerAppears(page: Page, timeoutMs = 30_000): Promise<boolean> {
  const probe = await overlayProbe(page);
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    if ((await probe.texts(MARKER)).length > 0) return true;
  }
  return false;
}
