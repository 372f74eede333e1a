/** Test images cut from fixture photos, the way a page admin crops a stock photo into a cover. */
import sharp from 'sharp';
import {join} from 'node:path';
import {PHOTO_DIR} from './fixture-index.js';

/** A centred band of the photo at the site's cover aspect, rescaled to the cover's display width. */
export async function banner(photo: string, aspect: number, width: number): Promise<Buffer> {
  const img = sharp(join(PHOTO_DIR, photo));
  const {width: w = 0, height: h = 0} = await img.metadata();
  const bandH = Math.min(h, Math.round(w / aspect));
  return img
    .extract({left: 0, top: Math.round((h - bandH) / 2), width: w, height: bandH})
    .resize(width, Math.round(width / aspect))
    .jpeg({quality: 85})
    .toBuffer();
}
