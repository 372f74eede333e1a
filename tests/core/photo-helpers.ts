/** Test helpers: decode real fixture photos and derive covers from them with sharp. */
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import sharp from 'sharp';
import {decodeImage} from '../../src/cli/decode.js';

export const FIXTURES = join(import.meta.dirname, '../fixtures/photos');
export const fixtureNames = () => readdirSync(FIXTURES).filter((f) => f.endsWith('.jpg')).sort();
export const fixtureBytes = (name: string) => readFileSync(join(FIXTURES, name));
export const fixtureImage = (name: string) => decodeImage(join(FIXTURES, name));

/** A banner strip: the photo scaled to `width` * zoom, cut at (fx, fy) of the slack, re-encoded. */
export async function cutBanner(name: string, bw: number, bh: number, zoom = 1, fx = 0.5, fy = 0.5): Promise<Buffer> {
  const meta = await sharp(fixtureBytes(name)).metadata();
  const scale = Math.max(bw / meta.width!, bh / meta.height!) * zoom;
  const sw = Math.max(bw, Math.round(meta.width! * scale));
  const sh = Math.max(bh, Math.round(meta.height! * scale));
  const resized = await sharp(fixtureBytes(name)).resize(sw, sh, {fit: 'fill'}).toBuffer();
  return sharp(resized)
    .extract({left: Math.floor((sw - bw) * fx), top: Math.floor((sh - bh) * fy), width: bw, height: bh})
    .jpeg({quality: 80})
    .toBuffer();
}
