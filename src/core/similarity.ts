/** The scale + translation that maps a query onto a stock photo, and how to read it back. */

/** photo = scale * query + offset, in the working pixels of each. */
export interface Similarity {
  scale: number;
  dx: number;
  dy: number;
}

/** The transform implied by pairing query window (qx, qy, qh) with index window (px, py, ph). */
export function pairTransform(qx: number, qy: number, qh: number, px: number, py: number, ph: number): Similarity {
  const scale = ph / qh;
  return {scale, dx: px - scale * qx, dy: py - scale * qy};
}

/**
 * Two pair transforms agree when scales are within 8% and offsets within 12% of the window height:
 * the query windows step by 1/8 of their size, so true pairs of one photo land well inside this.
 */
export function agree(a: Similarity, b: Similarity, windowHeight: number): boolean {
  const tol = 0.12 * windowHeight + 1;
  return Math.abs(Math.log(a.scale / b.scale)) < 0.08 && Math.abs(a.dx - b.dx) < tol && Math.abs(a.dy - b.dy) < tol;
}
