/** Corner labels on flagged images, and the small panel for details and right-click answers. */
import type {Flag} from '../shared/flag.js';
import {markerLabel, renderFlag, type T} from './details.js';
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
  let panel: HTMLElement | null = null;

  /**
   * Where the marker of `el` goes, in document coordinates. Read before any write of ours: a layout
   * read after our own DOM change forces a second layout of the whole page (bench:extension trace).
   */
  function spot(el: Element) {
    const r = el.getBoundingClientRect();
    const view = doc.defaultView!;
    return {left: r.left + view.scrollX + INSET, top: r.top + view.scrollY + INSET, hidden: r.width === 0 || r.height === 0};
  }

  function place(marker: HTMLElement, at: ReturnType<typeof spot>) {
    marker.style.left = `${at.left}px`;
    marker.style.top = `${at.top}px`;
    marker.hidden = at.hidden;
  }

  let frame = 0;
  // Fixed headers and inner scrollers move images without moving the document: follow them.
  const reposition = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      const spots = placed.map((p) => spot(p.el));
      placed.forEach((p, i) => place(p.marker, spots[i]));
    });
  };
  doc.defaultView?.addEventListener('scroll', reposition, {capture: true, passive: true});
  doc.defaultView?.addEventListener('resize', reposition, {passive: true});

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
    add(el: Element, flag: Flag) {
      if (placed.some((p) => p.el === el)) return;
      const at = spot(el);
      const marker = doc.createElement('button');
      marker.className = 'marker';
      marker.textContent = markerLabel(flag, t);
      marker.addEventListener('click', () => showPanel(t('stockPhoto'), renderFlag(doc, flag, t)));
      place(marker, at);
      layer().append(marker);
      placed.push({el, marker});
    },
    clear() {
      for (const p of placed.splice(0)) p.marker.remove();
    },
    count: () => placed.length,
    showFlag: (flag: Flag) => showPanel(t('stockPhoto'), renderFlag(doc, flag, t)),
    showText(title: string, text: string) {
      const p = doc.createElement('p');
      p.textContent = text;
      showPanel(title, [p]);
    },
  };
}
