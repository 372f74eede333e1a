/** The page overlay: one zero-size host in a shadow root, so markers never take part in page layout. */

const STYLE = `
:host { all: initial; }
.layer { position: absolute; top: 0; left: 0; width: 0; height: 0; overflow: visible; }
.marker { position: absolute; pointer-events: auto; cursor: pointer; max-width: 320px; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; font: 600 12px/1.2 system-ui, sans-serif; color: #fff;
  background: rgba(154, 52, 18, .92); border: 0; border-radius: 4px; padding: 3px 7px; box-shadow: 0 1px 3px rgba(0,0,0,.4); }
.panel { position: fixed; top: 12px; right: 12px; width: 320px; pointer-events: auto; box-sizing: border-box;
  font: 13px/1.4 system-ui, sans-serif; color: #1c1917; background: #fff; border: 1px solid #d6d3d1;
  border-radius: 8px; padding: 12px 14px; box-shadow: 0 6px 24px rgba(0,0,0,.25); }
.panel h2 { font-size: 14px; margin: 0 24px 6px 0; }
.panel p { margin: 2px 0; overflow-wrap: anywhere; }
.panel a { color: #9a3412; }
.close { position: absolute; top: 6px; right: 8px; border: 0; background: none; font-size: 18px; cursor: pointer; }
`;

export interface Overlay {
  root: ShadowRoot;
  layer: HTMLElement;
  remove(): void;
}

export const HOST_TAG = 'cliche-overlay';

export function createOverlay(doc: Document): Overlay {
  const host = doc.createElement(HOST_TAG);
  // Inline and !important: page stylesheets cannot resize or reposition the host.
  host.setAttribute('style', 'all: initial !important; position: absolute !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; z-index: 2147483647 !important; pointer-events: none !important;');
  // Closed: page scripts can neither read our labels nor rewrite them into a fake verdict.
  const root = host.attachShadow({mode: 'closed'});
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const layer = doc.createElement('div');
  layer.className = 'layer';
  root.append(style, layer);
  // documentElement, not body: body may be a flex or grid container whose children get laid out.
  doc.documentElement.append(host);
  return {root, layer, remove: () => host.remove()};
}
