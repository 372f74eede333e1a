/** Corner labels on flagged images, and the small panel for details and right-click answers. */
import type {Flag, T} from '../shared/flag.js';
import {renderFlag} from './details.js';
import type {Overlay} from './overlay.js';

/** Inset of the label from the image's top-left corner, CSS px. */
const INSET = 8;

/**
 * `overlay` is called on the first marker or panel: a page where nothing is flagged gets no element
 * from us at all (nothing for it to detect).
 */
export function createMarkers(doc: Document, overlay: () => Overlay, t: T) {
  let made: Overlay | null = null;
  const layer = () => (made ??= overlay()).layer;
  const placed: {el: Element; marker: HTMLElement}[] = [];
  /** Flagged images whose marker waits for the next frame. */
  const waiting: {el: Element; flag: Flag; label: string}[] = [];
  let panel: HTMLElement | null = null;
  const view = doc.defaultView!;

  /** Where the marker of `el` goes, in document coordinates. */
  function spot(el: Element) {
    const r = el.getBoundingClientRect();
    return {left: r.left + view.scrollX + INSET, top: r.top + view.scrollY + INSET, hidden: r.width === 0 || r.height === 0};
  }

  function place(marker: HTMLElement, at: ReturnType<typeof spot>) {
    marker.style.left = `${at.left}px`;
    marker.style.top = `${at.top}px`;
    marker.hidden = at.hidden;
  }

  /**
   * Every box read first, then every write, at the start of a frame: a read after a write of ours
   * forced a layout of the whole page in the middle of a task (bench:extension trace, ~15 ms).
   */
  function layout() {
    const fresh = waiting.splice(0).filter((w) => w.el.isConnected && !placed.some((p) => p.el === w.el));
    const spots = placed.map((p) => spot(p.el));
    const freshSpots = fresh.map((w) => spot(w.el));
    placed.forEach((p, i) => place(p.marker, spots[i]));
    fresh.forEach((w, i) => {
      const marker = doc.createElement('button');
      marker.className = 'marker';
      marker.textContent = w.label;
      marker.addEventListener('click', () => showPanel(t('stockPhoto'), renderFlag(doc, w.flag, t)));
      place(marker, freshSpots[i]);
      layer().append(marker);
      placed.push({el: w.el, marker});
    });
    if (fresh.length > 0) follow();
  }

  let frame = 0;
  // A hidden tab runs no animation frames: its markers are made at once (nobody is looking anyway).
  const nextFrame = () => {
    if (frame) return;
    if (doc.visibilityState === 'hidden') return layout();
    frame = requestAnimationFrame(() => {
      frame = 0;
      layout();
    });
  };

  let following = false;
  /** Fixed headers and inner scrollers move images without moving the document: follow them, once there is a marker. */
  function follow() {
    if (following) return;
    following = true;
    view.addEventListener('scroll', nextFrame, {capture: true, passive: true});
    view.addEventListener('resize', nextFrame, {passive: true});
  }

  function showPanel(title: string, body: HTMLElement[]) {
    panel?.remove();
    panel = doc.createElement('div');
    panel.className = 'panel';
    panel.setAttribute('role', 'dialog');
    const h = doc.createElement('h2');
    h.textContent = title;
    const close = doc.createElement('button');
    close.className = 'close';
    close.textContent = '×';
    close.setAttribute('aria-label', t('close'));
    close.addEventListener('click', () => panel?.remove());
    panel.append(close, h, ...body);
    layer().append(panel);
  }

  return {
    add(el: Element, flag: Flag, label: string) {
      if (placed.some((p) => p.el === el) || waiting.some((w) => w.el === el)) return;
      waiting.push({el, flag, label});
      nextFrame();
    },
    clear() {
      waiting.length = 0;
      for (const p of placed.splice(0)) p.marker.remove();
    },
    count: () => placed.length + waiting.length,
    showFlag: (flag: Flag) => showPanel(t('stockPhoto'), renderFlag(doc, flag, t)),
    showText(title: string, text: string) {
      const p = doc.createElement('p');
      p.textContent = text;
      showPanel(title, [p]);
    },
  };
}
