/** The scale + translation that maps a query onto a stock photo. */

/** photo = scale * query + offset, in the working pixels of each. */
export interface Similarity {
  scale: number;
  dx: number;
  dy: number;
}
