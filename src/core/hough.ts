/**
 * Transform voting: every window pair votes for the scale + offset it implies; pairs of the true
 * photo pile up in one cell while chance pairs scatter. This ranks candidates by consistent
 * evidence rather than by raw hit counts, which chance pairs dominate in a large index.
 */
import type {QueryPrint} from './fingerprint.js';
import {photoOfWindow, type PhotoSet} from './photo-set.js';
import type {Similarity} from './similarity.js';
import {tileSlots} from './tile-layout.js';
import {hitDistance, hitQuery, hitWindow} from './window-lookup.js';

/** Cell size: 10% in scale; 10% of the query footprint's height in offset. */
const SCALE_BIN = 0.1;
const OFFSET_BIN = 0.1;
/** Verification seeds per photo: a repeated pattern can outvote the true transform of the right photo. */
const SEEDS_PER_PHOTO = 2;
/** Photos with the most distinct hit windows that go on to voting (the rest are chance). */
export const VOTING_PHOTOS = 48;

export interface Candidate {
  photo: number;
  votes: number;
  /** Transform fitted to the pairs of the winning cell (medians of scale and centre offsets). */
  transform: Similarity;
  /** Where those pairs sit, in the photo's and the query's working pixels (see Pivot). Absent for an unfitted cell. */
  pivot?: Pivot;
}

/**
 * The median window centre of a seed's pairs, in the photo and in the query. Their positions agree
 * better than their sizes: in a self-similar photo (a texture, a repeated pattern) pairs at 10-25%
 * off the true scale come by the dozen, so a seed's scale can be wrong while this point is right.
 */
export interface Pivot {
  px: number;
  py: number;
  qx: number;
  qy: number;
}

interface PairGeometry {
  window: number;
  weight: number;
  lnScale: number;
  dx: number;
  dy: number;
  /** Window centres in photo and query, for the final fit. */
  px: number;
  py: number;
  qx: number;
  qy: number;
}

interface Cell {
  votes: number;
  lnScale: number;
  dx: number;
  dy: number;
  n: number;
  /** Each index window votes once per cell: a chance window matched by a run of shifted query windows cannot outvote many true windows. */
  lastWindow: number;
}

/**
 * Seeds for verification: the best cells of the `limit` photos with the strongest cells, among the
 * `voting` photos with the most distinct hit windows. `hits` are sorted (see WindowLookup).
 */
export function voteCandidates(set: PhotoSet, q: QueryPrint, hits: Float64Array, limit: number, voting = VOTING_PHOTOS): Candidate[] {
  const ranges = photoRanges(set, hits, voting);
  const seeds: Candidate[] = [];
  for (const {photo, start, end} of ranges) {
    const pairs = pairGeometry(set, q, hits, photo, start, end);
    const cells = [...vote(pairs, q).values()].sort((a, b) => b.votes - a.votes).slice(0, SEEDS_PER_PHOTO);
    for (const c of cells) {
      const rough = {scale: Math.exp(c.lnScale / c.n), dx: c.dx / c.n, dy: c.dy / c.n};
      const fit = fitPairs(pairs, q, rough);
      seeds.push({photo, votes: c.votes, transform: fit?.transform ?? rough, pivot: fit?.pivot});
    }
  }
  const best = new Map<number, number>();
  for (const s of seeds) best.set(s.photo, Math.max(best.get(s.photo) ?? 0, s.votes));
  const photos = new Set([...best].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([p]) => p));
  return seeds.filter((s) => photos.has(s.photo)).sort((a, b) => b.votes - a.votes);
}

/** Hit ranges of the `voting` photos with the most distinct hit windows (hits sorted by window). */
function photoRanges(set: PhotoSet, hits: Float64Array, voting: number): {photo: number; start: number; end: number; windows: number}[] {
  const ranges: {photo: number; start: number; end: number; windows: number}[] = [];
  let photo = -1;
  let photoEnd = 0;
  let lastWindow = -1;
  for (let i = 0; i < hits.length; i++) {
    const w = hitWindow(hits[i]);
    if (w >= photoEnd) {
      photo = photoOfWindow(set, w, photo + 1);
      photoEnd = set.firstWindow[photo] + set.windowCount[photo];
      ranges.push({photo, start: i, end: i, windows: 0});
    }
    const r = ranges[ranges.length - 1];
    r.end = i + 1;
    if (w !== lastWindow) r.windows++;
    lastWindow = w;
  }
  return ranges.sort((a, b) => b.windows - a.windows).slice(0, voting);
}

function pairGeometry(set: PhotoSet, q: QueryPrint, hits: Float64Array, photo: number, start: number, end: number): PairGeometry[] {
  const slots = tileSlots(set.workW[photo], set.workH[photo]);
  const pairs: PairGeometry[] = [];
  for (let i = start; i < end; i++) {
    const window = hitWindow(hits[i]);
    const r = slots[set.slots[window]];
    const qw = q.windows[hitQuery(hits[i])];
    const scale = r.h / qw.h;
    pairs.push({
      window,
      weight: 1 - hitDistance(hits[i]) / 32,
      lnScale: Math.log(scale),
      dx: r.x - scale * qw.x,
      dy: r.y - scale * qw.y,
      px: r.x + r.w / 2,
      py: r.y + r.h / 2,
      qx: qw.x + qw.w / 2,
      qy: qw.y + qw.h / 2,
    });
  }
  return pairs;
}

function vote(pairs: PairGeometry[], q: QueryPrint): Map<number, Cell> {
  const cells = new Map<number, Cell>();
  for (const p of pairs) {
    const unit = Math.exp(p.lnScale) * q.workH;
    const fs = p.lnScale / SCALE_BIN + 64;
    const fx = p.dx / unit / OFFSET_BIN + 128;
    const fy = p.dy / unit / OFFSET_BIN + 128;
    if (fs < 1 || fs >= 126 || fx < 1 || fx >= 254 || fy < 1 || fy >= 254) continue;
    // Soft voting: the pair counts in its cell and in the nearest neighbour along each axis,
    // so a cluster straddling a cell border is not split in two.
    const s0 = Math.floor(fs);
    const x0 = Math.floor(fx);
    const y0 = Math.floor(fy);
    const s1 = fs - s0 < 0.5 ? s0 - 1 : s0 + 1;
    const x1 = fx - x0 < 0.5 ? x0 - 1 : x0 + 1;
    const y1 = fy - y0 < 0.5 ? y0 - 1 : y0 + 1;
    for (let k = 0; k < 8; k++) {
      const key = (k & 1 ? s1 : s0) * 65536 + (k & 2 ? x1 : x0) * 256 + (k & 4 ? y1 : y0);
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = {votes: 0, lnScale: 0, dx: 0, dy: 0, n: 0, lastWindow: -1}));
      if (cell.lastWindow === p.window) continue;
      cell.lastWindow = p.window;
      cell.votes += p.weight;
      cell.lnScale += p.lnScale;
      cell.dx += p.dx;
      cell.dy += p.dy;
      cell.n++;
    }
  }
  return cells;
}

/** The middle value (the upper one of an even count). */
export const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s[s.length >> 1];
};

/**
 * Robust fit of the transform to the pairs near the rough cell transform: the median scale, then
 * the median offset of window centres at that scale; and the pairs' median centre (the pivot).
 */
function fitPairs(pairs: PairGeometry[], q: QueryPrint, rough: Similarity): {transform: Similarity; pivot: Pivot} | null {
  const unit = rough.scale * q.workH;
  const lnRough = Math.log(rough.scale);
  const near = pairs.filter(
    (p) => Math.abs(p.lnScale - lnRough) <= 1.5 * SCALE_BIN && Math.abs(p.dx - rough.dx) <= 1.5 * OFFSET_BIN * unit && Math.abs(p.dy - rough.dy) <= 1.5 * OFFSET_BIN * unit,
  );
  if (near.length < 2) return null;
  const scale = Math.exp(median(near.map((p) => p.lnScale)));
  const transform = {scale, dx: median(near.map((p) => p.px - scale * p.qx)), dy: median(near.map((p) => p.py - scale * p.qy))};
  const qx = median(near.map((p) => p.qx));
  const qy = median(near.map((p) => p.qy));
  return {transform, pivot: {px: transform.dx + scale * qx, py: transform.dy + scale * qy, qx, qy}};
}
