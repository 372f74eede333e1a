/**
 * Transform voting: every window pair votes for the scale + offset it implies; pairs of the true
 * photo pile up in one cell while chance pairs scatter. This ranks candidates by consistent
 * evidence rather than by raw hit counts, which chance pairs dominate in a large index.
 */
import type {QueryPrint} from './fingerprint.js';
import {photoOfWindow, type PhotoSet} from './photo-set.js';
import type {Similarity} from './similarity.js';
import {tileSlots} from './tile-layout.js';
import type {WindowHits} from './window-lookup.js';

/** Cell size: 10% in scale; 10% of the query footprint's height in offset. */
const SCALE_BIN = 0.1;
const SEEDS_PER_PHOTO = 2;
const OFFSET_BIN = 0.1;

export interface Candidate {
  photo: number;
  votes: number;
  /** Transform fitted to the pairs of the winning cell (medians of scale and centre offsets). */
  transform: Similarity;
}

interface Cell {
  photo: number;
  votes: number;
  lnScale: number;
  dx: number;
  dy: number;
  n: number;
  /**
   * Last index window that voted here: each index window votes once per cell, so one chance
   * window matched by a run of shifted query windows cannot outvote many true windows.
   */
  lastWindow: number;
}

/** Seeds for verification: the best cells of the `limit` photos with the strongest cells. */
export function voteCandidates(set: PhotoSet, q: QueryPrint, hits: WindowHits, limit: number): Candidate[] {
  const cells = new Map<number, Cell>();
  const order = Array.from(hits.indexWindow.keys()).sort((a, b) => hits.indexWindow[a] - hits.indexWindow[b] || hits.distance[a] - hits.distance[b]);
  for (const i of order) {
    const w = hits.indexWindow[i];
    const photo = photoOfWindow(set, w);
    const r = tileSlots(set.workW[photo], set.workH[photo])[set.slots[w]];
    const qw = q.windows[hits.queryWindow[i]];
    const scale = r.h / qw.h;
    const lnScale = Math.log(scale);
    const dx = r.x - scale * qw.x;
    const dy = r.y - scale * qw.y;
    const unit = scale * q.workH;
    const fs = lnScale / SCALE_BIN + 64;
    const fx = dx / unit / OFFSET_BIN + 128;
    const fy = dy / unit / OFFSET_BIN + 128;
    if (fs < 0 || fs >= 127 || fx < 0 || fx >= 255 || fy < 0 || fy >= 255) continue;
    // Soft voting: the pair counts in its cell and in the nearest neighbour along each axis,
    // so a cluster straddling a cell border is not split in two.
    const s0 = Math.floor(fs), x0 = Math.floor(fx), y0 = Math.floor(fy);
    const s1 = fs - s0 < 0.5 ? s0 - 1 : s0 + 1;
    const x1 = fx - x0 < 0.5 ? x0 - 1 : x0 + 1;
    const y1 = fy - y0 < 0.5 ? y0 - 1 : y0 + 1;
    const weight = 1 - hits.distance[i] / 32;
    for (const s of [s0, s1]) {
      for (const x of [x0, x1]) {
        for (const y of [y0, y1]) {
          const key = photo * 2 ** 23 + s * 65536 + x * 256 + y;
          let cell = cells.get(key);
          if (!cell) cells.set(key, (cell = {photo, votes: 0, lnScale: 0, dx: 0, dy: 0, n: 0, lastWindow: -1}));
          if (cell.lastWindow === w) continue;
          cell.lastWindow = w;
          cell.votes += weight;
          cell.lnScale += lnScale;
          cell.dx += dx;
          cell.dy += dy;
          cell.n++;
        }
      }
    }
  }
  // The strongest cells, at most SEEDS_PER_PHOTO per photo: a repeated pattern can outvote the
  // true transform of the right photo, and verification tells them apart.
  const perPhoto = new Map<number, number>();
  const top: Cell[] = [];
  for (const cell of [...cells.values()].sort((a, b) => b.votes - a.votes)) {
    const n = perPhoto.get(cell.photo) ?? 0;
    if (n >= SEEDS_PER_PHOTO) continue;
    if (n === 0 && perPhoto.size >= limit) continue;
    perPhoto.set(cell.photo, n + 1);
    top.push(cell);
    if (perPhoto.size >= limit && top.length >= limit * SEEDS_PER_PHOTO) break;
  }
  return top.map((c) => {
    const rough = {scale: Math.exp(c.lnScale / c.n), dx: c.dx / c.n, dy: c.dy / c.n};
    return {photo: c.photo, votes: c.votes, transform: fitPairs(set, q, hits, c.photo, rough) ?? rough};
  });
}

const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s[s.length >> 1];
};

/**
 * Robust fit of the transform to the candidate photo's pairs that lie near the rough cell
 * transform: the median scale, then the median offset of window centres at that scale.
 */
function fitPairs(set: PhotoSet, q: QueryPrint, hits: WindowHits, photo: number, rough: Similarity): Similarity | null {
  const slots = tileSlots(set.workW[photo], set.workH[photo]);
  const first = set.firstWindow[photo];
  const end = first + set.windowCount[photo];
  const unit = rough.scale * q.workH;
  const near: {scale: number; px: number; py: number; qx: number; qy: number}[] = [];
  for (let i = 0; i < hits.indexWindow.length; i++) {
    const w = hits.indexWindow[i];
    if (w < first || w >= end) continue;
    const r = slots[set.slots[w]];
    const qw = q.windows[hits.queryWindow[i]];
    const scale = r.h / qw.h;
    const dx = r.x - scale * qw.x;
    const dy = r.y - scale * qw.y;
    if (Math.abs(Math.log(scale / rough.scale)) > 1.5 * SCALE_BIN) continue;
    if (Math.abs(dx - rough.dx) > 1.5 * OFFSET_BIN * unit || Math.abs(dy - rough.dy) > 1.5 * OFFSET_BIN * unit) continue;
    near.push({scale, px: r.x + r.w / 2, py: r.y + r.h / 2, qx: qw.x + qw.w / 2, qy: qw.y + qw.h / 2});
  }
  if (near.length < 2) return null;
  const scale = median(near.map((p) => p.scale));
  return {scale, dx: median(near.map((p) => p.px - scale * p.qx)), dy: median(near.map((p) => p.py - scale * p.qy))};
}
