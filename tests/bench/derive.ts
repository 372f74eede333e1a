/**
 * Derived queries for the accuracy benchmark: what agencies do to stock photos before posting them.
 * Each query records the rectangle of the photo it shows, so the reported region can be checked.
 */
import sharp, {type OverlayOptions} from 'sharp';
import {between, pick, type Rng} from './prng.js';

export type Tier = 'repost' | 'cover' | 'hard' | 'avatar';
export const TIERS: Tier[] = ['repost', 'cover', 'hard', 'avatar'];

/** Facebook (two sizes), X, LinkedIn, YouTube banner sizes. */
export const BANNERS = [
  [820, 312],
  [1640, 624],
  [1500, 500],
  [1584, 396],
  [2048, 1152],
] as const;

export interface DerivedQuery {
  tier: Tier;
  bytes: Buffer;
  /** What was done, for the failure listing. */
  recipe: string;
  /** The photo rectangle the query shows, in the photo's pixels. */
  truth: [number, number, number, number];
}

const escapeXml = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
const WORDS = ['Summer sale', 'Grand opening', 'Welcome!', 'Book now', 'Nouveautés', 'Join us', 'Since 1998', '-30% today'];

/** Boxes of text over `coverage` of a w x h image, as an SVG overlay (a brand's slogan or logo plate). */
function textBoxes(rng: Rng, w: number, h: number, coverage: number): Buffer {
  const boxes: string[] = [];
  let left = coverage * w * h;
  while (left > w * h * 0.02) {
    const area = Math.min(left, between(rng, 0.4, 1) * left);
    const aspect = between(rng, 1.5, 4);
    const bw = Math.min(w * 0.9, Math.sqrt(area * aspect));
    const bh = Math.min(h * 0.9, area / bw);
    const x = between(rng, 0, w - bw);
    const y = between(rng, 0, h - bh);
    const fill = pick(rng, ['#ffffff', '#111111', '#e63946', '#1d3557', '#f1c40f']);
    const ink = fill === '#ffffff' || fill === '#f1c40f' ? '#111' : '#fff';
    const size = Math.max(10, bh * 0.45);
    boxes.push(
      `<rect x="${x}" y="${y}" width="${bw}" height="${bh}" rx="${bh * 0.12}" fill="${fill}" opacity="${between(rng, 0.8, 1).toFixed(2)}"/>` +
        `<text x="${x + bw / 2}" y="${y + bh * 0.62}" font-family="sans-serif" font-weight="bold" font-size="${size}" fill="${ink}" text-anchor="middle">${escapeXml(pick(rng, WORDS))}</text>`,
    );
    left -= bw * bh;
  }
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${boxes.join('')}</svg>`);
}

/** A round "logo" in a corner, as brands put on their covers. */
function logo(rng: Rng, w: number, h: number): Buffer {
  const r = h * between(rng, 0.12, 0.2);
  const cx = pick(rng, [r * 1.3, w - r * 1.3]);
  const cy = pick(rng, [r * 1.3, h - r * 1.3]);
  const colour = pick(rng, ['#2a9d8f', '#e76f51', '#264653', '#ffffff']);
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><circle cx="${cx}" cy="${cy}" r="${r}" fill="${colour}"/><text x="${cx}" y="${cy + r * 0.2}" font-size="${r * 0.6}" font-family="serif" text-anchor="middle" fill="#000">B&amp;Co</text></svg>`,
  );
}

export async function deriveQuery(photo: Buffer, width: number, height: number, tier: Tier, rng: Rng): Promise<DerivedQuery> {
  if (tier === 'repost') {
    const w = Math.min(width, pick(rng, [640, 800, 1080, 1200]));
    const q = Math.round(between(rng, 60, 90));
    const bytes = await sharp(photo).resize({width: w}).jpeg({quality: q}).toBuffer();
    return {tier, bytes, recipe: `resize ${w}w jpeg q${q}`, truth: [0, 0, width, height]};
  }
  if (tier === 'avatar') {
    const zoom = between(rng, 1, 1.8);
    const side = Math.floor(Math.min(width, height) / zoom);
    const left = Math.floor(between(rng, 0, width - side));
    const top = Math.floor(between(rng, 0, height - side));
    const out = pick(rng, [170, 320, 400]);
    const bytes = await sharp(photo).extract({left, top, width: side, height: side}).resize(out, out).jpeg({quality: 82}).toBuffer();
    return {tier, bytes, recipe: `avatar zoom ${zoom.toFixed(2)} -> ${out}px`, truth: [left, top, side, side]};
  }
  const [bw, bh] = pick(rng, BANNERS);
  const zoom = tier === 'cover' ? between(rng, 1, 1.15) : between(rng, 1.15, 1.5);
  const scale = Math.max(bw / width, bh / height) * zoom;
  const sw = Math.max(bw, Math.round(width * scale));
  const sh = Math.max(bh, Math.round(height * scale));
  const left = Math.floor(between(rng, 0, sw - bw));
  const top = Math.floor(between(rng, 0, sh - bh));
  const steps = [`banner ${bw}x${bh} zoom ${zoom.toFixed(2)}`];
  let img = sharp(await sharp(photo).resize(sw, sh, {fit: 'fill'}).extract({left, top, width: bw, height: bh}).toBuffer());
  const overlays: OverlayOptions[] = [];
  if (tier === 'cover') {
    if (rng() < 0.5) {
      overlays.push({input: textBoxes(rng, bw, bh, between(rng, 0.05, 0.15))});
      steps.push('text box');
    }
    if (rng() < 0.3) {
      overlays.push({input: logo(rng, bw, bh)});
      steps.push('logo');
    }
  } else {
    const coverage = between(rng, 0, 0.3);
    overlays.push({input: textBoxes(rng, bw, bh, coverage)});
    steps.push(`text ${(coverage * 100).toFixed(0)}%`);
  }
  if (overlays.length) img = sharp(await img.composite(overlays).toBuffer());
  let encoded: Buffer;
  if (tier === 'hard') {
    const effect = pick(rng, ['tint', 'grey', 'blur', 'duotone', 'bright']);
    steps.push(effect);
    if (effect === 'tint') img = img.tint(pick(rng, ['#ff9966', '#3366ff', '#66cc99']));
    else if (effect === 'grey') img = img.greyscale();
    else if (effect === 'blur') img = img.blur(between(rng, 0.8, 2));
    else if (effect === 'duotone') img = img.greyscale().tint('#aa3355');
    else img = img.modulate({brightness: between(rng, 0.7, 1.3), saturation: between(rng, 0.5, 1.5)});
    const webp = rng() < 0.5;
    steps.push(webp ? 'webp' : 'jpeg');
    encoded = webp ? await img.webp({quality: Math.round(between(rng, 50, 85))}).toBuffer() : await img.jpeg({quality: Math.round(between(rng, 50, 85))}).toBuffer();
  } else {
    encoded = await img.jpeg({quality: Math.round(between(rng, 70, 90))}).toBuffer();
  }
  const truth: DerivedQuery['truth'] = [left / scale, top / scale, bw / scale, bh / scale].map(Math.round) as DerivedQuery['truth'];
  return {tier, bytes: encoded, recipe: steps.join(', '), truth};
}
